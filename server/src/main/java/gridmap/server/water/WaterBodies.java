package gridmap.server.water;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.geo.GeometryRepair;
import gridmap.server.http.ApiException;
import gridmap.server.http.GeometryReader;
import gridmap.server.http.Json;
import gridmap.server.http.Text;

/**
 * Request bodies of the water routes: geometries (any type but a collection, well-formed → 400,
 * invalid → 422 with JTS's reason and place), money in 万元, and partial updates read from the
 * JSON tree so that a field sent as null (clear it) differs from a field not sent (keep it).
 */
final class WaterBodies {
    /** numeric(14,2): up to a trillion 万元, two decimals. */
    static final BigDecimal MAX_MONEY = new BigDecimal("999999999999.99");

    private WaterBodies() {}

    static Geometry geometry(JsonNode n, String path) {
        if (n == null || n.isNull()) throw ApiException.badRequest(path + " (a GeoJSON geometry) is required");
        Geometry g;
        try {
            g = new GeometryReader().read(n, path);
        } catch (GeometryReader.TooLarge e) {
            throw new ApiException(413, e.getMessage());
        } catch (GeometryReader.Malformed e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (g instanceof GeometryCollection && g.getClass() == GeometryCollection.class) {
            throw ApiException.badRequest(path + " must be a Point, LineString or Polygon (or Multi…), not a GeometryCollection");
        }
        if (g.isEmpty()) throw new ApiException(422, path + " is empty");
        TopologyValidationError err = GeometryRepair.validationError(g);
        if (err != null) {
            throw new ApiException(422, "Invalid geometry", String.format("%s: %s at %.7f, %.7f", path, err.getMessage(),
                    err.getCoordinate().x, err.getCoordinate().y));
        }
        g.setSRID(4326);
        return g;
    }

    static BigDecimal money(JsonNode n, String field) {
        if (n == null || n.isNull()) return null;
        if (!n.isNumber()) throw ApiException.badRequest(field + " must be a number (万元)");
        BigDecimal v = n.decimalValue();
        if (v.signum() < 0 || v.compareTo(MAX_MONEY) > 0) throw ApiException.badRequest(field + " must be from 0 to " + MAX_MONEY.toPlainString() + " 万元");
        if (v.stripTrailingZeros().scale() > 2) throw ApiException.badRequest(field + " has more than two decimals (万元 to the 100 yuan)");
        return v;
    }

    /** The JSON object body with only the allowed fields (anything else is a 400). */
    static JsonNode object(io.javalin.http.Context ctx, Set<String> allowed) {
        JsonNode body = Json.tree(ctx);
        if (!body.isObject()) throw ApiException.badRequest("the request body must be a JSON object");
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) throw ApiException.badRequest("unknown field '" + gridmap.server.http.Params.clip(f) + "'; fields: "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return body;
    }

    static int version(JsonNode body) {
        JsonNode v = body.get("version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw ApiException.badRequest("version (the version you last read) is required");
        return v.intValue();
    }

    /** A text field: absent → null; present → checked name text. */
    static String name(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null) return null;
        if (!v.isTextual()) throw ApiException.badRequest(field + " must be text");
        return Text.name(field, v.textValue(), max);
    }

    /** A code or other plain text field: absent or null → null, anything but text → 400. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiException.badRequest(field + " must be text");
        return v.textValue();
    }

    static String free(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiException.badRequest(field + " must be text");
        return Text.free(field, v.textValue(), max);
    }

    /** A field that may be cleared: absent → null (keep), JSON null → empty (clear), value → the value. */
    static <T> Optional<T> clearable(JsonNode body, String field, Class<T> type) {
        JsonNode v = body.get(field);
        if (v == null) return null;
        if (v.isNull()) return Optional.empty();
        if (type == java.time.LocalDate.class && !(v.isTextual() && v.textValue().matches("\\d{4}-\\d{2}-\\d{2}"))) {
            throw ApiException.badRequest(field + " must be a date YYYY-MM-DD");
        }
        try {
            return Optional.of(Json.MAPPER.treeToValue(v, type));
        } catch (Exception e) {
            throw ApiException.badRequest(field + " is not a valid " + (type == java.time.LocalDate.class ? "date YYYY-MM-DD" : type.getSimpleName()));
        }
    }

    static <T> T value(JsonNode body, String field, Class<T> type) {
        Optional<T> v = clearable(body, field, type);
        return v == null ? null : v.orElse(null);
    }
}
