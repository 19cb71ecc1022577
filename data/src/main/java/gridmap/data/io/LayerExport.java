package gridmap.data.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;
import gridmap.data.map.Layer;
import gridmap.data.map.LayerQuery;
import gridmap.data.map.LayerRepository;

/**
 * Exports a layer, as of a date and within a box, in GeoJSON, GeoPackage, zipped Shapefile, CSV
 * or KML. Rows come through a cursor; GeoJSON and CSV are written as they arrive, the GDAL formats
 * are converted by ogr2ogr from a GeoJSON written to a scratch folder and then streamed. The
 * columns are the ones the importer maps back (code, name, parent's code, …), so an export read
 * in again gives the same codes, names, attributes and geometries (coordinates to 15 decimals).
 * Exporting cases (personal data: descriptions, addresses) writes an audit row.
 */
public final class LayerExport {
    /** Significant decimals of exported coordinates: a lon/lat double round-trips. */
    static final int DECIMALS = 15;

    private final DataSource ds;

    public LayerExport(DataSource ds) { this.ds = ds; }

    /** A column of the export: its name and the SQL over the layer's aliases (see {@link Layer}). */
    record Column(String name, String sql) {}

    private static final List<Column> UNIT = List.of(col("code", "t.code"), col("name", "t.name"), col("level", "t.level"),
            col("parent_code", "p.code"), col("population", "t.population"), col("households", "t.households"),
            col("valid_from", "t.valid_from"), col("valid_to", "t.valid_to"), col("area_km2", "round((ST_Area(t.geom::geography) / 1e6)::numeric, 3)"));

    static List<Column> columns(Layer l) {
        return switch (l) {
            case CITY, DISTRICTS, STREETS, COMMUNITIES -> UNIT;
            case GRID_CELLS -> List.of(col("code", "t.code"), col("name", "t.name"), col("community_code", "c.code"),
                    col("households", "t.households"), col("population", "t.population"), col("valid_from", "t.valid_from"),
                    col("valid_to", "t.valid_to"), col("area_km2", "round((ST_Area(t.geom::geography) / 1e6)::numeric, 3)"));
            case BASINS -> List.of(col("code", "t.code"), col("pfaf_code", "t.pfaf_code"), col("name", "t.name"), col("level", "t.level"),
                    col("next_down", "d.code"), col("main_basin", "(SELECT m.code FROM river_basin m WHERE m.id = t.main_basin_id)"),
                    col("sub_area", "t.sub_area_km2"), col("up_area", "t.up_area_km2"), col("dist_main", "t.dist_main_km"), col("endo", "t.endo"));
            case RIVERS -> List.of(col("code", "t.code"), col("name", "t.name"), col("river_code", "r.code"), col("river_name", "r.name"),
                    col("next_down", "(SELECT n.code FROM river_reach n WHERE n.id = t.next_down_id)"), col("basin_code", "b.code"),
                    col("length_km", "round((t.length_m / 1000)::numeric, 3)"));
            case CHIEF_REACHES -> List.of(col("code", "t.code"), col("name", "t.name"), col("level", "t.level"), col("river_code", "r.code"),
                    col("river_name", "r.name"), col("chief_name", "k.name"), col("chief_position", "k.position"));
            case WATER_PROJECTS -> List.of(col("code", "t.code"), col("name", "t.name"), col("project_type", "t.project_type"),
                    col("status", "t.status"), col("budget_wan_yuan", "t.budget_wan_yuan"), col("spent_wan_yuan", "t.spent_wan_yuan"),
                    col("responsible_unit", "t.responsible_unit"), col("river_chief", "k.name"), col("district_code", "d.code"),
                    col("basin_code", "b.code"), col("start_date", "t.start_date"), col("end_date", "t.end_date"));
            case CASES -> List.of(col("code", "t.code"), col("category_code", "t.category_code"), col("status", "t.status"),
                    col("source", "t.source"), col("description", "t.description"), col("address", "t.address"),
                    col("reported_at", "t.reported_at"), col("due_at", "t.due_at"), col("closed_at", "t.closed_at"),
                    col("updated_at", "t.updated_at"), col("cell_code", "g.code"));
        };
    }

    private static Column col(String name, String sql) { return new Column(name, sql); }

    /** The file name of an export, e.g. districts-2024-01-01.gpkg. */
    public static String fileName(LayerQuery q, ExportFormat f) {
        return q.layer().id + (q.asOf() == null ? "" : "-" + q.asOf()) + "." + f.extension;
    }

    /**
     * Writes the export of q (its limit is ignored: exports are whole) to out. workDir is scratch
     * space for the GDAL formats, removed by the caller. Returns the number of features.
     */
    public long write(LayerQuery q, ExportFormat f, OutputStream out, Path workDir, Actor actor) throws SQLException, IOException {
        if (q.layer() == Layer.CASES) audit(q, f, actor);
        return switch (f) {
            case GEOJSON -> geoJson(q, out, false);
            case CSV -> csv(q, out);
            case GPKG, KML, SHP -> viaGdal(q, f, out, workDir);
        };
    }

    private void audit(LayerQuery q, ExportFormat f, Actor actor) throws SQLException {
        String after = "{\"format\":\"" + f.id + "\",\"asOf\":" + (q.asOf() == null ? "null" : "\"" + q.asOf() + "\"")
                + ",\"bbox\":" + (q.bbox() == null ? "null" : "\"" + q.bbox() + "\"") + ",\"scope\":\"" + q.scope().getClass().getSimpleName() + "\"}";
        Tx.run(ds, c -> {
            AuditLog.write(c, actor, "export." + q.layer().id, "layer", q.layer().id, null, after);
            return null;
        });
    }

    /** Runs the export query and hands each row to the consumer; returns the number of rows. */
    private long rows(LayerQuery q, String geometrySql, RowConsumer each) throws SQLException, IOException {
        List<Column> cols = columns(q.layer());
        StringBuilder sql = new StringBuilder("SELECT ");
        for (Column c : cols) sql.append(c.sql()).append(", ");
        sql.append(geometrySql).append(LayerRepository.fromWhere(q)).append(" ORDER BY t.code");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // a cursor, so a large layer never sits whole in memory
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(1000);
                LayerRepository.bindFilters(ps, q);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.row(rs, cols.size());
                        n++;
                    }
                }
                return n;
            } finally {
                c.rollback();
            }
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void row(ResultSet rs, int geometryColumn) throws SQLException, IOException;
    }

    private long geoJson(LayerQuery q, OutputStream out, boolean shortNames) throws SQLException, IOException {
        List<Column> cols = columns(q.layer());
        List<String> names = shortNames ? ShapefileNames.shorten(cols.stream().map(Column::name).toList()) : cols.stream().map(Column::name).toList();
        JsonGenerator g = new JsonFactory().createGenerator(new BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeStringField("name", q.layer().id);
        g.writeArrayFieldStart("features");
        long n = rows(q, "ST_AsGeoJSON(t.geom, " + DECIMALS + ")", (rs, geomCol) -> {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            for (int i = 0; i < geomCol; i++) {
                g.writeFieldName(names.get(i));
                writeValue(g, rs.getObject(i + 1));
            }
            g.writeEndObject();
            g.writeFieldName("geometry");
            g.writeRawValue(rs.getString(geomCol + 1));
            g.writeEndObject();
        });
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        return n;
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof Integer i) g.writeNumber(i);
        else if (v instanceof Long l) g.writeNumber(l);
        else if (v instanceof BigDecimal d) g.writeNumber(d);
        else if (v instanceof Double d) g.writeNumber(d);
        else g.writeString(text(v));
    }

    /** Dates as YYYY-MM-DD, timestamps in ISO 8601 with China's offset, the rest as text. */
    private static String text(Object v) {
        if (v instanceof Date d) return d.toLocalDate().toString();
        if (v instanceof java.sql.Timestamp t) {
            return OffsetDateTime.ofInstant(t.toInstant(), Importer.CHINA).toString();
        }
        return v.toString();
    }

    /** UTF-8 with a BOM (so spreadsheet programs show Chinese), RFC 4180, geometry as WKT in the last column. */
    private long csv(LayerQuery q, OutputStream raw) throws SQLException, IOException {
        List<Column> cols = columns(q.layer());
        Writer w = new java.io.OutputStreamWriter(new BufferedOutputStream(raw, 1 << 16), StandardCharsets.UTF_8);
        w.write('\uFEFF');
        for (Column c : cols) w.write(c.name() + ",");
        w.write("wkt\r\n");
        long n = rows(q, "ST_AsText(t.geom, " + DECIMALS + ")", (rs, geomCol) -> {
            for (int i = 0; i < geomCol; i++) {
                Object v = rs.getObject(i + 1);
                w.write(v == null ? "" : csvField(text(v)));
                w.write(',');
            }
            w.write(csvField(rs.getString(geomCol + 1)));
            w.write("\r\n");
        });
        w.flush();
        return n;
    }

    /**
     * One CSV field, quoted when needed; text starting with = + - @ gets a leading ' so a
     * spreadsheet does not run it as a formula (the importer takes the ' off again).
     */
    static String csvField(String v) {
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) return "\"" + v.replace("\"", "\"\"") + "\"";
        return v;
    }

    private long viaGdal(LayerQuery q, ExportFormat f, OutputStream out, Path workDir) throws SQLException, IOException {
        Path json = workDir.resolve(q.layer().id + ".geojson");
        long n;
        try (OutputStream os = Files.newOutputStream(json)) {
            n = geoJson(q, os, f == ExportFormat.SHP);
        }
        String name = q.layer().id.replace('-', '_');
        // dates stay the ISO text they are (GDAL would otherwise rewrite them as 2024/03/05)
        List<String> base = List.of("ogr2ogr", "-oo", "DATE_AS_STRING=YES");
        switch (f) {
            case GPKG -> {
                Path gpkg = workDir.resolve(name + ".gpkg");
                convert(base, List.of("-f", "GPKG", "-nln", name, gpkg.toString(), json.toString()));
                copy(gpkg, out);
            }
            case KML -> {
                Path kml = workDir.resolve(name + ".kml");
                convert(base, List.of("-f", "KML", "-dsco", "NameField=name", "-nln", name, kml.toString(), json.toString()));
                copy(kml, out);
            }
            default -> shapefile(q, base, json, workDir.resolve("shp"), name, out);
        }
        return n;
    }

    /**
     * A zip of shapefiles with .prj and .cpg (UTF-8). A shapefile holds one kind of geometry (single
     * and multi-part alike), so a layer that mixes them (water projects) becomes one shapefile per
     * kind present.
     */
    private static void shapefile(LayerQuery q, List<String> base, Path json, Path dir, String name, OutputStream out) throws IOException {
        Files.createDirectories(dir);
        if (q.layer().geometryType.equals("Geometry")) {
            for (Map.Entry<String, String> kind : Map.of("point", "%POINT", "line", "%LINESTRING", "polygon", "%POLYGON").entrySet()) {
                convert(base, List.of("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8",
                        "-where", "OGR_GEOMETRY LIKE '" + kind.getValue() + "'", "-nln", name + "_" + kind.getKey(),
                        dir.resolve(name + "_" + kind.getKey() + ".shp").toString(), json.toString()));
            }
        } else {
            convert(base, List.of("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-nln", name, dir.resolve(name + ".shp").toString(),
                    json.toString()));
        }
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        List<String> emptyKinds = new ArrayList<>();
        for (Path p : files) { // a kind with no features still got its files: leave them out
            String f = p.getFileName().toString();
            if (f.matches(".*_(point|line|polygon)\\.shp") && Files.size(p) <= 100) emptyKinds.add(f.substring(0, f.length() - 4) + ".");
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Path p : files) {
            if (emptyKinds.stream().anyMatch(k -> p.getFileName().toString().startsWith(k))) continue;
            zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
            Files.copy(p, zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private static void convert(List<String> base, List<String> args) {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(args);
        Gdal.Result r = Gdal.run(cmd, 3600);
        if (r.exit() != 0) throw new UncheckedIOException(new IOException("ogr2ogr failed: " + r.firstError()));
    }

    private static void copy(Path p, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            in.transferTo(out);
        }
        out.flush();
    }
}
