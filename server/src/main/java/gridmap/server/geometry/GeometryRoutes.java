package gridmap.server.geometry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.GeometryRepair;
import gridmap.server.http.GeometryReader;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * POST /api/geometry/check: a planner's drawn or imported boundaries checked before anything is
 * saved. Accepts a GeoJSON geometry, Feature or FeatureCollection; well-formed and valid → 200
 * with area (m²) and vertex count per feature; invalid → 422 naming JTS's reason and location
 * for each bad feature.
 */
public final class GeometryRoutes implements RouteGroup {
    static final int MAX_FEATURES = 1000;

    @Override
    public void register(Routes r) {
        r.post("/api/geometry/check", Routes.needs(Permission.GEOMETRY_CHECK), this::check);
    }

    void check(Context ctx, Params p) {
        JsonNode body = Json.tree(ctx);
        List<JsonNode> geoms = new ArrayList<>();
        String type = body.path("type").asText("");
        switch (type) {
            case "FeatureCollection" -> {
                JsonNode fs = body.get("features");
                if (fs == null || !fs.isArray()) throw ApiException.badRequest("features must be an array");
                if (fs.size() > MAX_FEATURES) throw new ApiException(413, "at most " + MAX_FEATURES + " features per request");
                for (JsonNode f : fs) geoms.add(f.isObject() && "Feature".equals(f.path("type").asText()) ? f.get("geometry") : null);
            }
            case "Feature" -> geoms.add(body.get("geometry"));
            default -> geoms.add(body);
        }
        GeometryReader reader = new GeometryReader();
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < geoms.size(); i++) {
            Geometry g;
            try {
                g = reader.read(geoms.get(i), "features[" + i + "].geometry");
            } catch (GeometryReader.TooLarge e) {
                throw new ApiException(413, e.getMessage());
            } catch (GeometryReader.Malformed e) {
                throw ApiException.badRequest(e.getMessage());
            }
            TopologyValidationError err = GeometryRepair.validationError(g);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", i);
            r.put("type", g.getGeometryType());
            r.put("vertices", g.getNumPoints());
            if (err != null) {
                r.put("reason", err.getMessage());
                r.put("location", new double[] {err.getCoordinate().x, err.getCoordinate().y});
                errors.add(r);
            } else {
                r.put("area_m2", Math.round(EqualAreaMeasure.areaM2(g) * 10) / 10.0);
                results.add(r);
            }
        }
        if (!errors.isEmpty()) {
            Map<String, Object> first = errors.get(0);
            double[] at = (double[]) first.get("location");
            Problems.write(ctx, 422, "Invalid geometry", String.format("feature %s: %s at %.7f, %.7f%s", first.get("index"),
                    first.get("reason"), at[0], at[1], errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                    Map.of("errors", errors));
            return;
        }
        ctx.json(Map.of("valid", true, "features", results));
    }
}
