package gridmap.data.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import gridmap.geo.Polygons;

/**
 * Streams features out of GeoJSON with Jackson's streaming parser: a FeatureCollection (RFC 7946)
 * or a sequence of Features, newline-delimited or RS-prefixed (GeoJSONSeq, RFC 8142, also what
 * {@code ogr2ogr -f GeoJSONSeq} writes). Only the current feature is held in memory.
 *
 * <p>Geometries are built as the file has them, without judging ranges (a projected file without
 * a CRS must be recognised as such, not rejected coordinate by coordinate); a geometry that cannot
 * be built (unclosed ring, too few positions, unknown type) gives a feature with a problem instead.
 * A {@code crs} member of the collection is remembered ({@link #declaredCrs()}).
 */
public final class GeoJsonFeatureReader implements FeatureReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // NaN is then reported as such, not as broken JSON
            .build();
    private static final GeometryFactory GF = Polygons.WGS84;

    private final JsonParser p;
    private boolean inFeatures;
    private long number;
    private String declaredCrs;

    public GeoJsonFeatureReader(InputStream in) throws IOException {
        this.p = MAPPER.createParser(new RecordSeparatorAsSpace(in));
    }

    /** The name in a {@code crs} member seen so far (e.g. "urn:ogc:def:crs:EPSG::4527"), or null. */
    public String declaredCrs() { return declaredCrs; }

    @Override public long bytesRead() { return p.currentLocation().getByteOffset(); }

    @Override
    public SourceFeature next() throws IOException {
        try {
            while (true) {
                if (inFeatures) {
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.START_OBJECT) return feature();
                    if (t == JsonToken.END_ARRAY) {
                        inFeatures = false;
                        rootFields(new Partial()); // what follows "features" in the collection
                        continue;
                    }
                    throw bad("features must hold Feature objects");
                }
                JsonToken t = p.nextToken();
                if (t == null) return null;
                if (t != JsonToken.START_OBJECT) throw bad("expected a GeoJSON object");
                Partial root = new Partial();
                if (rootFields(root)) continue; // entered a features array
                if (root.isFeature()) return root.toFeature(++number);
                if (!"FeatureCollection".equals(root.type)) {
                    throw ImportException.invalid("not GeoJSON: an object of type '" + TargetField.clip(String.valueOf(root.type))
                            + "' where a FeatureCollection or Feature was expected");
                }
            }
        } catch (JsonParseException e) {
            throw bad("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** A Feature's parts, or a root object's, gathered in whatever order the keys come. */
    private final class Partial {
        String type;
        boolean hasGeometryKey, hasProperties;
        Geometry geometry;
        String geometryProblem;
        Map<String, Object> properties = new LinkedHashMap<>();

        boolean isFeature() { return "Feature".equals(type) || (type == null && (hasGeometryKey || hasProperties)); }

        SourceFeature toFeature(long n) { return new SourceFeature(n, properties, geometry, geometryProblem); }
    }

    /**
     * Reads the fields of a root object up to its end; returns true when it stopped at the start
     * of a "features" array (the caller then yields its members).
     */
    private boolean rootFields(Partial root) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "features" -> {
                    if (v != JsonToken.START_ARRAY) throw bad("features must be an array");
                    inFeatures = true;
                    return true;
                }
                case "crs" -> declaredCrs = crsName(v);
                default -> featureField(root, name, v);
            }
        }
        return false;
    }

    private SourceFeature feature() throws IOException {
        Partial f = new Partial();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            featureField(f, name, p.nextToken());
        }
        if (f.type != null && !"Feature".equals(f.type)) {
            return new SourceFeature(++number, f.properties, null, "an object of type '" + TargetField.clip(f.type) + "' where a Feature was expected");
        }
        return f.toFeature(++number);
    }

    private void featureField(Partial f, String name, JsonToken v) throws IOException {
        switch (name) {
            case "type" -> f.type = v == JsonToken.VALUE_STRING ? p.getText() : "?";
            case "properties" -> {
                f.hasProperties = true;
                if (v == JsonToken.START_OBJECT) f.properties = properties();
                else if (v != JsonToken.VALUE_NULL) throw bad("properties must be an object");
            }
            case "geometry" -> {
                f.hasGeometryKey = true;
                if (v == JsonToken.VALUE_NULL) return;
                if (v != JsonToken.START_OBJECT) throw bad("geometry must be an object or null");
                try {
                    f.geometry = geometry();
                } catch (Malformed e) {
                    f.geometryProblem = e.getMessage();
                }
            }
            default -> p.skipChildren();
        }
    }

    private Map<String, Object> properties() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            m.put(k, switch (v) {
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getNumberValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> p.readValueAsTree().toString(); // a nested object or array, kept as its JSON text
            });
        }
        return m;
    }

    private String crsName(JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) { p.skipChildren(); return null; }
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            if (k.equals("properties") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String pk = p.currentName();
                    JsonToken pv = p.nextToken();
                    if (pk.equals("name") && pv == JsonToken.VALUE_STRING) name = p.getText(); else p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        return name;
    }

    /** A geometry that cannot be built; the feature carries the message. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        Malformed(String m) { super(m, null, false, false); }
    }

    private Geometry geometry() throws IOException, Malformed {
        String type = null;
        Object coords = null;
        List<Geometry> members = null;
        Malformed deferred = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            switch (k) {
                case "type" -> type = v == JsonToken.VALUE_STRING ? p.getText() : "?";
                case "coordinates" -> coords = v == JsonToken.START_ARRAY ? array() : skipAsMissing();
                case "geometries" -> {
                    if (v != JsonToken.START_ARRAY) { p.skipChildren(); break; }
                    members = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        try {
                            members.add(geometry());
                        } catch (Malformed e) {
                            deferred = e; // keep reading so the parser stays in step
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (deferred != null) throw deferred;
        if (type == null) throw new Malformed("geometry without a type");
        if (type.equals("GeometryCollection")) {
            if (members == null) throw new Malformed("GeometryCollection without geometries");
            return GF.createGeometryCollection(members.toArray(Geometry[]::new));
        }
        if (coords == null) throw new Malformed(type + " without coordinates");
        return switch (type) {
            case "Point" -> GF.createPoint(position(coords));
            case "MultiPoint" -> {
                List<Point> ps = new ArrayList<>();
                for (Object o : list(coords, "MultiPoint")) ps.add(GF.createPoint(position(o)));
                yield GF.createMultiPoint(ps.toArray(Point[]::new));
            }
            case "LineString" -> line(coords);
            case "MultiLineString" -> {
                List<LineString> ls = new ArrayList<>();
                for (Object o : list(coords, "MultiLineString")) ls.add(line(o));
                yield GF.createMultiLineString(ls.toArray(LineString[]::new));
            }
            case "Polygon" -> polygon(coords);
            case "MultiPolygon" -> {
                List<Polygon> ps = new ArrayList<>();
                for (Object o : list(coords, "MultiPolygon")) ps.add(polygon(o));
                yield GF.createMultiPolygon(ps.toArray(Polygon[]::new));
            }
            default -> throw new Malformed("'" + TargetField.clip(type) + "' is not a GeoJSON geometry type");
        };
    }

    private Object skipAsMissing() throws IOException { p.skipChildren(); return null; }

    /** A coordinates array: a position (double[]) or a list of nested arrays. */
    private Object array() throws IOException, Malformed {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            double x = p.getDoubleValue();
            double y = Double.NaN;
            int n = 1;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) { skipRest(); throw new Malformed("a position holds something other than numbers"); }
                if (n++ == 1) y = p.getDoubleValue(); // a third (height) or fourth (measure) is ignored
            }
            if (n < 2) throw new Malformed("a position needs two numbers, longitude and latitude");
            return new double[] {x, y};
        }
        List<Object> out = new ArrayList<>();
        while (t != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) { skipRest(); throw new Malformed("coordinates hold something other than arrays of numbers"); }
            out.add(array());
            t = p.nextToken();
        }
        return out;
    }

    private void skipRest() throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) return;
            if (t.isStructStart()) depth++;
            else if (t.isStructEnd()) depth--;
        }
    }

    private static List<?> list(Object o, String what) throws Malformed {
        if (o instanceof List<?> l) return l;
        throw new Malformed(what + " coordinates are nested too shallowly");
    }

    private static Coordinate position(Object o) throws Malformed {
        if (o instanceof double[] d) return coordinate(d);
        throw new Malformed("a point needs one position [lon, lat]");
    }

    private static Coordinate coordinate(double[] d) throws Malformed {
        if (!Double.isFinite(d[0]) || !Double.isFinite(d[1])) throw new Malformed("a coordinate is not a finite number (" + d[0] + ", " + d[1] + ")");
        return new Coordinate(d[0], d[1]);
    }

    private static Coordinate[] positions(Object o, int min, String what) throws Malformed {
        List<?> l = list(o, what);
        if (l.size() < min) throw new Malformed(what + " with " + l.size() + " positions (at least " + min + " needed)");
        Coordinate[] cs = new Coordinate[l.size()];
        for (int i = 0; i < cs.length; i++) {
            if (!(l.get(i) instanceof double[] d)) throw new Malformed(what + " coordinates are nested too deeply");
            cs[i] = coordinate(d);
        }
        return cs;
    }

    private static LineString line(Object o) throws Malformed { return GF.createLineString(positions(o, 2, "a line")); }

    private static Polygon polygon(Object o) throws Malformed {
        List<?> rings = list(o, "Polygon");
        if (rings.isEmpty()) throw new Malformed("a Polygon without rings");
        LinearRing[] rs = new LinearRing[rings.size()];
        for (int i = 0; i < rs.length; i++) {
            Coordinate[] cs = positions(rings.get(i), 4, "a ring");
            if (!cs[0].equals2D(cs[cs.length - 1])) throw new Malformed("a ring that is not closed (first and last positions differ)");
            rs[i] = GF.createLinearRing(cs);
        }
        LinearRing[] holes = new LinearRing[rs.length - 1];
        System.arraycopy(rs, 1, holes, 0, holes.length);
        return GF.createPolygon(rs[0], holes);
    }

    private ImportException bad(String what) {
        var loc = p.currentLocation();
        return ImportException.invalid("not valid GeoJSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + what);
    }

    @Override public void close() throws IOException { p.close(); }

    /** RFC 8142 puts an ASCII record separator before each feature; Jackson would refuse it. */
    private static final class RecordSeparatorAsSpace extends FilterInputStream {
        RecordSeparatorAsSpace(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = super.read();
            return b == 0x1E ? ' ' : b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = off; i < off + n; i++) if (buf[i] == 0x1E) buf[i] = ' ';
            return n;
        }
    }
}
