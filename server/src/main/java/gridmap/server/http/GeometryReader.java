package gridmap.server.http;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.geo.Polygons;

/**
 * Reads GeoJSON geometries (RFC 7946, lon/lat) from untrusted input into JTS, strictly: every
 * position two or three finite numbers within lon/lat range, rings closed with at least four
 * positions, and a cap on vertices so one request cannot make the server allocate without bound.
 * Malformed input raises {@link Malformed} with a message naming the path of the bad member.
 * Topological validity (self-intersections…) is not judged here: that is {@code IsValidOp}'s.
 */
public final class GeometryReader {
    public static final int MAX_VERTICES = 100_000;

    /** Input that is not a well-formed GeoJSON geometry. */
    public static class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public Malformed(String msg) { super(msg); }
    }

    /** Input over the vertex cap. */
    public static final class TooLarge extends Malformed {
        private static final long serialVersionUID = 1L;
        public TooLarge(String msg) { super(msg); }
    }

    private final GeometryFactory gf = Polygons.WGS84;
    private int vertices;

    public Geometry read(JsonNode n, String path) {
        if (n == null || !n.isObject()) throw new Malformed(path + " must be a GeoJSON geometry object");
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual()) throw new Malformed(path + ".type is missing");
        String t = type.asText();
        if (t.equals("GeometryCollection")) {
            JsonNode gs = n.get("geometries");
            if (gs == null || !gs.isArray()) throw new Malformed(path + ".geometries must be an array");
            List<Geometry> parts = new ArrayList<>();
            for (int i = 0; i < gs.size(); i++) parts.add(read(gs.get(i), path + ".geometries[" + i + "]"));
            return gf.createGeometryCollection(parts.toArray(Geometry[]::new));
        }
        JsonNode c = n.get("coordinates");
        if (c == null || !c.isArray()) throw new Malformed(path + ".coordinates must be an array");
        String cp = path + ".coordinates";
        return switch (t) {
            case "Point" -> gf.createPoint(position(c, cp));
            case "MultiPoint" -> gf.createMultiPoint(each(c, cp, (x, p) -> gf.createPoint(position(x, p))).toArray(Point[]::new));
            case "LineString" -> line(c, cp);
            case "MultiLineString" -> gf.createMultiLineString(each(c, cp, this::line).toArray(LineString[]::new));
            case "Polygon" -> polygon(c, cp);
            case "MultiPolygon" -> gf.createMultiPolygon(each(c, cp, this::polygon).toArray(Polygon[]::new));
            default -> throw new Malformed(path + ".type '" + clip(t) + "' is not a GeoJSON geometry type");
        };
    }

    private interface Part<T> { T read(JsonNode n, String path); }

    private <T> List<T> each(JsonNode arr, String path, Part<T> f) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode x = arr.get(i);
            if (!x.isArray()) throw new Malformed(path + "[" + i + "] must be an array");
            out.add(f.read(x, path + "[" + i + "]"));
        }
        return out;
    }

    private Coordinate position(JsonNode p, String path) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3) throw new Malformed(path + " must be a position [lon, lat]");
        for (JsonNode v : p) if (!v.isNumber()) throw new Malformed(path + " must hold numbers only");
        double lon = p.get(0).asDouble(), lat = p.get(1).asDouble();
        if (!Double.isFinite(lon) || !Double.isFinite(lat)) throw new Malformed(path + " must hold finite numbers");
        if (lon < -180 || lon > 180) throw new Malformed(path + ": longitude " + lon + " is outside -180..180");
        if (lat < -90 || lat > 90) throw new Malformed(path + ": latitude " + lat + " is outside -90..90");
        if (++vertices > MAX_VERTICES) throw new TooLarge("more than " + MAX_VERTICES + " vertices in one request");
        return new Coordinate(lon, lat);
    }

    private Coordinate[] positions(JsonNode arr, String path, int min) {
        if (arr.size() < min) throw new Malformed(path + " needs at least " + min + " positions");
        Coordinate[] cs = new Coordinate[arr.size()];
        for (int i = 0; i < arr.size(); i++) cs[i] = position(arr.get(i), path + "[" + i + "]");
        return cs;
    }

    private LineString line(JsonNode arr, String path) { return gf.createLineString(positions(arr, path, 2)); }

    private Polygon polygon(JsonNode arr, String path) {
        if (arr.size() < 1) throw new Malformed(path + " needs an outer ring");
        LinearRing[] rings = new LinearRing[arr.size()];
        for (int i = 0; i < arr.size(); i++) {
            JsonNode r = arr.get(i);
            String rp = path + "[" + i + "]";
            if (!r.isArray()) throw new Malformed(rp + " must be an array of positions");
            Coordinate[] cs = positions(r, rp, 4);
            if (!cs[0].equals2D(cs[cs.length - 1])) throw new Malformed(rp + " is not closed (first and last positions differ)");
            rings[i] = gf.createLinearRing(cs);
        }
        LinearRing[] holes = new LinearRing[rings.length - 1];
        System.arraycopy(rings, 1, holes, 0, holes.length);
        return gf.createPolygon(rings[0], holes);
    }

    static String clip(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }
}
