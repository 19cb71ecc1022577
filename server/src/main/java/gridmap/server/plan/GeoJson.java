package gridmap.server.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * JTS geometries as GeoJSON for the JSON mapper. Coordinates are written in full (Java's shortest
 * round-trip form), not rounded: the coverage's vertices lie on a 1e-8° grid, and a border the UI
 * sends back to be redrawn must name them exactly.
 */
final class GeoJson {
    private GeoJson() {}

    static Map<String, Object> geometry(Geometry g) {
        if (g == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", g.getGeometryType());
        switch (g.getGeometryType()) {
            case "Point" -> m.put("coordinates", position(((Point) g).getCoordinate()));
            case "LineString", "LinearRing" -> m.put("coordinates", positions((LineString) g));
            case "Polygon" -> m.put("coordinates", rings((Polygon) g));
            case "MultiPoint", "MultiLineString", "MultiPolygon" -> {
                List<Object> parts = new ArrayList<>();
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    Geometry p = g.getGeometryN(i);
                    parts.add(p instanceof Polygon poly ? rings(poly) : p instanceof LineString l ? positions(l) : position(p.getCoordinate()));
                }
                m.put("coordinates", parts);
            }
            default -> {
                m.put("type", "GeometryCollection");
                List<Object> gs = new ArrayList<>();
                for (int i = 0; i < g.getNumGeometries(); i++) gs.add(geometry(g.getGeometryN(i)));
                m.put("geometries", gs);
            }
        }
        return m;
    }

    static Map<String, Object> feature(Object id, Geometry g, Map<String, Object> properties) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("id", id);
        f.put("geometry", geometry(g));
        f.put("properties", properties);
        return f;
    }

    static Map<String, Object> collection(List<Map<String, Object>> features) {
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", features);
        return fc;
    }

    private static double[] position(Coordinate c) { return new double[] {c.x, c.y}; }

    private static List<double[]> positions(LineString l) {
        List<double[]> out = new ArrayList<>(l.getNumPoints());
        for (int i = 0; i < l.getNumPoints(); i++) out.add(position(l.getCoordinateN(i)));
        return out;
    }

    private static List<List<double[]>> rings(Polygon p) {
        List<List<double[]>> out = new ArrayList<>();
        out.add(positions(p.getExteriorRing()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) out.add(positions(p.getInteriorRingN(i)));
        return out;
    }
}
