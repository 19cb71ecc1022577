package gridmap.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.Database;
import gridmap.data.TestDb;
import gridmap.data.audit.Actor;
import gridmap.geo.Polygons;

/** Shared set-up of the import tests: an empty schema, the shared Anhui files, running an import, reading back units. */
public final class ImportFixtures {
    public static final Path DISTRICTS = shared("anhui-districts.geojson");
    public static final Path OUTLINES = shared("anhui-city-outlines.geojson");
    static final ObjectMapper JSON = new ObjectMapper();

    private ImportFixtures() {}

    /** The shared data folder (../shared/data from the checkout), else the copy shipped in data's resources. */
    static Path shared(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/data").resolve(name);
            if (Files.exists(c)) return c;
            Path r = p.resolve("data/src/main/resources/gridmap/geodata").resolve(name);
            if (Files.exists(r)) return r;
        }
        throw new IllegalStateException(name + " not found");
    }

    /** The test database emptied and migrated: the tests own it until they empty it again. */
    public static DataSource emptyDatabase() {
        Database db = TestDb.get();
        db.cleanForTests();
        db.migrate();
        return db.dataSource();
    }

    /**
     * The 16 city outlines as units of level city, coded by the city_adcode their districts carry
     * (the outline file names cities only).
     */
    public static Path citiesFile(Path dir) throws IOException {
        JsonNode districts = JSON.readTree(DISTRICTS.toFile());
        Map<String, String> codeByCity = new LinkedHashMap<>();
        for (JsonNode f : districts.get("features")) codeByCity.put(f.at("/properties/city").asText(), f.at("/properties/city_adcode").asText());
        ObjectNode outlines = (ObjectNode) JSON.readTree(OUTLINES.toFile());
        for (JsonNode f : outlines.get("features")) {
            ObjectNode p = (ObjectNode) f.get("properties");
            p.put("code", codeByCity.get(p.get("city").asText()));
            p.put("name", p.get("city").asText() + "市");
        }
        Path out = dir.resolve("anhui-cities.geojson");
        JSON.writeValue(out.toFile(), outlines);
        return out;
    }

    public static ImportReport run(DataSource ds, Path file, ImportOptions o) throws Exception {
        Path work = Files.createTempDirectory("gridmap-import-test");
        try {
            return new Importer(ds).run(file, file.getFileName().toString(), o, Actor.system("test"), new ImportProgress(), work);
        } finally {
            deleteTree(work);
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    /** Runs a GDAL tool (the tests need GDAL as the server does); fails the test when it fails. */
    public static void gdal(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }

    /** Zips the given files (flat) into zip. */
    public static Path zip(Path zip, List<Path> files) throws IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : files) {
                out.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Every file of dir whose name starts with base + ".". */
    public static List<Path> siblings(Path dir, String base) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(base + ".")).sorted().toList();
        }
    }

    /** A feature for {@link #geoJson}: its properties and its geometry as WKT (lon/lat). */
    public record F(Map<String, Object> properties, String wkt) {}

    public static F f(String wkt, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return new F(m, wkt);
    }

    /** Writes a FeatureCollection of the features to dir/name. */
    public static Path geoJson(Path dir, String name, F... features) throws Exception {
        org.locationtech.jts.io.WKTReader wkt = new org.locationtech.jts.io.WKTReader(Polygons.WGS84);
        org.locationtech.jts.io.geojson.GeoJsonWriter gj = new org.locationtech.jts.io.geojson.GeoJsonWriter(12);
        gj.setEncodeCRS(false);
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < features.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"type\":\"Feature\",\"properties\":").append(JSON.writeValueAsString(features[i].properties()))
              .append(",\"geometry\":").append(features[i].wkt() == null ? "null" : gj.write(wkt.read(features[i].wkt()))).append('}');
        }
        sb.append("]}");
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    /** 铜陵市 and its 铜官区, one box each (117–118°E, 30.5–31.5°N): the parents the water and CSV tests import into. */
    public static void cityAndDistrict(DataSource ds, Path dir) throws Exception {
        run(ds, geoJson(dir, "city.geojson", f(box(117, 30.5, 118, 31.5), "code", "340700", "name", "铜陵市")), ImportOptions.of(ImportTarget.UNITS));
        run(ds, geoJson(dir, "district.geojson", f(box(117, 30.5, 118, 31.5), "code", "340705", "name", "铜官区")), ImportOptions.of(ImportTarget.UNITS));
    }

    /** An axis-aligned box as WKT. */
    public static String box(double x0, double y0, double x1, double y1) {
        return String.format(java.util.Locale.ROOT, "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))", x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    }

    /** Rows in the tables an import writes, to show that a refused import wrote nothing. */
    public static String fingerprint(DataSource ds) throws SQLException {
        StringBuilder sb = new StringBuilder();
        for (String t : List.of("admin_unit", "grid_cell", "river_basin", "water_project", "water_project_status", "cases", "change_event", "unit_lineage", "audit_log")) {
            sb.append(t).append('=').append(gridmap.data.Sql.count(ds, "SELECT count(*) FROM " + t)).append(' ');
        }
        return sb.toString();
    }

    public record StoredUnit(long id, String code, String name, String parentCode, Geometry geom) {}

    /** Current units of a level, by code. */
    public static Map<String, StoredUnit> currentUnits(DataSource ds, String level) throws SQLException {
        Map<String, StoredUnit> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, u.code, u.name, p.code, ST_AsBinary(u.geom) FROM admin_unit u LEFT JOIN admin_unit p ON p.id = u.parent_id
                WHERE u.level = ? AND u.valid_to IS NULL ORDER BY u.code""")) {
            ps.setString(1, level);
            try (ResultSet rs = ps.executeQuery()) {
                WKBReader r = new WKBReader(Polygons.WGS84);
                while (rs.next()) {
                    out.put(rs.getString(2), new StoredUnit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), r.read(rs.getBytes(5))));
                }
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static List<Geometry> geoms(List<StoredUnit> us) {
        List<Geometry> g = new ArrayList<>();
        for (StoredUnit u : us) g.add(u.geom());
        return g;
    }
}
