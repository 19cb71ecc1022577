package gridmap.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.audit.Actor;
import gridmap.data.io.ImportOptions;
import gridmap.data.io.ImportProgress;
import gridmap.data.io.ImportReport;
import gridmap.data.io.ImportTarget;
import gridmap.data.io.Importer;

/**
 * {@code ./gridmap bench import [rounds]}: the import pipeline against ogr2ogr on the same files,
 * interleaved round by round. (1) The published Anhui districts: gridmap's import with
 * validation, repair and coverage cleaning against {@code ogr2ogr -f PostgreSQL} followed by
 * {@code UPDATE … SET geom = ST_MakeValid(geom)}. (2) A generated clean GeoJSON of 100,000 grid
 * cells: gridmap's import (features per second, and the peak heap of this JVM while it runs)
 * against {@code ogr2ogr -f PostgreSQL}. (3) Memory bounded whatever the file size: the peak heap
 * importing 2,000 and 20,000 polygons of 500 vertices (a 20 MB and a 200 MB GeoJSON).
 * It works in the test database (GRIDMAP_TEST_DB_URL), which it empties: never point it at real data.
 */
final class ImportBench {
    private ImportBench() {}

    /** {@code ./gridmap bench import [rounds] [all|anhui|cells|memory]}; writes bench/target/import-results.md. */
    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        StringBuilder md = Bench.machine().append(run(rounds, args.length > 1 ? args[1] : "all"));
        Bench.write(md, Path.of("bench/target/import-results.md"));
    }

    /** which: all, anhui, cells or memory. */
    static String run(int rounds, String which) throws Exception {
        DbConfig dbc = DbConfig.testFromEnv();
        Path dir = Files.createTempDirectory("gridmap-import-bench");
        StringBuilder md = new StringBuilder();
        try (Database db = new Database(dbc, 4)) {
            if (which.equals("all") || which.equals("anhui")) md.append(anhui(db, dbc, dir, rounds));
            if (which.equals("all") || which.equals("cells")) md.append(cells(db, dbc, dir, rounds));
            if (which.equals("all") || which.equals("memory")) md.append(memory(db, dir));
            db.cleanForTests();
            db.migrate();
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        return md.toString();
    }

    static Path shared(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/data").resolve(name);
            if (Files.exists(c)) return c;
            Path r = p.resolve("data/src/main/resources/gridmap/geodata").resolve(name);
            if (Files.exists(r)) return r;
        }
        throw new IllegalStateException(name + " not found");
    }

    static void fresh(Database db) {
        db.cleanForTests();
        db.migrate();
    }

    static ImportReport importFile(Database db, Path file, ImportOptions o) throws Exception {
        Path work = Files.createTempDirectory("gridmap-import-bench-work");
        try {
            return new Importer(db.dataSource()).run(file, file.getFileName().toString(), o, Actor.system("bench"), new ImportProgress(), work);
        } finally {
            Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- (1) Anhui ---------------------------------------------------------------------------

    static String anhui(Database db, DbConfig dbc, Path dir, int rounds) throws Exception {
        Path districts = shared("anhui-districts.geojson");
        Path cities = citiesFile(dir);
        List<Double> ours = new ArrayList<>(), ogr = new ArrayList<>();
        ImportReport last = null;
        for (int i = 0; i < rounds + 1; i++) { // the first round warms up and is dropped
            fresh(db);
            importFile(db, cities, ImportOptions.of(ImportTarget.UNITS).withLevel("city"));
            long t = System.nanoTime();
            last = importFile(db, districts, ImportOptions.of(ImportTarget.UNITS));
            double a = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            ogr2ogr(dbc, districts, "bench_anhui");
            psql(dbc, "UPDATE gridmap.bench_anhui SET geom = ST_MakeValid(geom)");
            double b = (System.nanoTime() - t) / 1e9;
            if (i > 0) { ours.add(a); ogr.add(b); }
        }
        double a = Bench.median(ours), b = Bench.median(ogr);
        return String.format(Locale.ROOT, "%n### Import: the Anhui districts (105 polygons, 62 invalid; %d rounds, medians)%n%n"
                + "| contender | s | ratio |%n|---|---|---|%n"
                + "| `./gridmap import anhui-districts.geojson --as units` (detect, read, validate, repair %d, clean %d cities, write, audit) | %.2f | **%.2f×** |%n"
                + "| `ogr2ogr -f PostgreSQL` + `UPDATE … SET geom = ST_MakeValid(geom)` | %.2f | 1.00× |%n%n"
                + "Phases of gridmap's import in the last round (s): %s%n",
                rounds, last.counts.repaired, last.cleaning.changed.size(), a, a / b, b, last.seconds);
    }

    static Path citiesFile(Path dir) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var districts = json.readTree(shared("anhui-districts.geojson").toFile());
        Map<String, String> code = new java.util.HashMap<>();
        for (var f : districts.get("features")) code.put(f.at("/properties/city").asText(), f.at("/properties/city_adcode").asText());
        var outlines = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(shared("anhui-city-outlines.geojson").toFile());
        for (var f : outlines.get("features")) {
            var p = (com.fasterxml.jackson.databind.node.ObjectNode) f.get("properties");
            p.put("code", code.get(p.get("city").asText()));
            p.put("name", p.get("city").asText() + "市");
        }
        Path out = dir.resolve("cities.geojson");
        json.writeValue(out.toFile(), outlines);
        return out;
    }

    // ---- (2) 100,000 cells -------------------------------------------------------------------

    static final int COMMUNITIES = 1000, CELLS_PER_SIDE = 10;
    /** A community is a square of this many degrees; its cells a 10 × 10 grid in it. */
    static final double COMMUNITY_DEG = 0.01;

    static String cells(Database db, DbConfig dbc, Path dir, int rounds) throws Exception {
        Path parents = parentsFiles(dir);
        Path cells = dir.resolve("cells-100000.geojson");
        writeCells(cells);
        List<Double> ours = new ArrayList<>(), ogr = new ArrayList<>();
        long peak = 0;
        String phases = "";
        for (int i = 0; i < rounds + 1; i++) {
            fresh(db);
            for (String level : List.of("city", "district", "street", "community")) {
                importFile(db, parents.resolve(level + ".geojson"), ImportOptions.of(ImportTarget.UNITS).withLevel(level));
            }
            System.gc();
            resetPeaks();
            long t = System.nanoTime();
            ImportReport r = importFile(db, cells, ImportOptions.of(ImportTarget.CELLS));
            double a = (System.nanoTime() - t) / 1e9;
            phases = r.seconds.toString();
            long p = peakHeap();
            if (r.counts.inserted != (long) COMMUNITIES * CELLS_PER_SIDE * CELLS_PER_SIDE) throw new IllegalStateException("cells: " + r.toJson());
            t = System.nanoTime();
            ogr2ogr(dbc, cells, "bench_cells");
            double b = (System.nanoTime() - t) / 1e9;
            if (i > 0) { ours.add(a); ogr.add(b); peak = Math.max(peak, p); }
        }
        double a = Bench.median(ours), b = Bench.median(ogr);
        int n = COMMUNITIES * CELLS_PER_SIDE * CELLS_PER_SIDE;
        return String.format(Locale.ROOT, "%n### Import: a generated clean GeoJSON of %,d grid cells (%.0f MB, 1,000 communities; %d rounds, medians)%n%n"
                + "| contender | s | features/s | ratio |%n|---|---|---|---|%n"
                + "| `./gridmap import cells.geojson --as cells` (read and check each cell, prove each community a clean coverage, write straight into `grid_cell` with its constraints and indexes, audit) | %.2f | **%,.0f** | **%.2f×** |%n"
                + "| `ogr2ogr -f PostgreSQL` | %.2f | %,.0f | 1.00× |%n%n"
                + "Peak heap of the importing JVM during gridmap's import: **%.0f MB** (the server runs with -Xmx2g). Phases of the last run (s): %s%n",
                n, Files.size(cells) / 1e6, rounds, a, n / a, a / b, b, n / b, peak / 1e6, phases);
    }

    /** city 340700 → district 340705 → streets 340705001, 002 → 1,000 communities in a 40 × 25 grid. */
    static Path parentsFiles(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("parents"));
        double x0 = 117.0, y0 = 30.5, w = 40 * COMMUNITY_DEG, hgt = 25 * COMMUNITY_DEG;
        write(d.resolve("city.geojson"), List.of(feature("340700", "城市", box(x0, y0, x0 + w, y0 + hgt))));
        write(d.resolve("district.geojson"), List.of(feature("340705", "区", box(x0, y0, x0 + w, y0 + hgt))));
        write(d.resolve("street.geojson"), List.of(feature("340705001", "街道一", box(x0, y0, x0 + w / 2, y0 + hgt)),
                feature("340705002", "街道二", box(x0 + w / 2, y0, x0 + w, y0 + hgt))));
        List<String> communities = new ArrayList<>();
        for (int c = 0; c < COMMUNITIES; c++) {
            int col = c % 40, row = c / 40;
            String street = col < 20 ? "340705001" : "340705002";
            int serial = (col < 20 ? col : col - 20) + 20 * row + 1;
            double x = x0 + col * COMMUNITY_DEG, y = y0 + row * COMMUNITY_DEG;
            communities.add(feature(street + String.format("%03d", serial), "社区" + c, box(x, y, x + COMMUNITY_DEG, y + COMMUNITY_DEG)));
        }
        write(d.resolve("community.geojson"), communities);
        return d;
    }

    static void writeCells(Path file) throws IOException {
        double x0 = 117.0, y0 = 30.5, step = COMMUNITY_DEG / CELLS_PER_SIDE;
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            boolean first = true;
            for (int c = 0; c < COMMUNITIES; c++) {
                int col = c % 40, row = c / 40;
                String community = (col < 20 ? "340705001" : "340705002") + String.format("%03d", (col < 20 ? col : col - 20) + 20 * row + 1);
                int k = 0;
                for (int j = CELLS_PER_SIDE - 1; j >= 0; j--) { // numbered west→east, north→south
                    for (int i = 0; i < CELLS_PER_SIDE; i++) {
                        double x = x0 + col * COMMUNITY_DEG + i * step, y = y0 + row * COMMUNITY_DEG + j * step;
                        if (!first) w.write(",\n");
                        first = false;
                        w.write(feature(community + String.format("%03d", ++k), "网格" + k, box(x, y, x + step, y + step)));
                    }
                }
            }
            w.write("\n]}\n");
        }
    }

    /** A box whose corners are computed from integer grid steps, so neighbours share them exactly. */
    static String box(double x0, double y0, double x1, double y1) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]}",
                x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    }

    static String feature(String code, String name, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\"},\"geometry\":" + geometry + "}";
    }

    static void write(Path p, List<String> features) throws IOException {
        Files.writeString(p, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",\n", features) + "]}");
    }

    // ---- (3) memory bounded -----------------------------------------------------------------

    static String memory(Database db, Path dir) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int n : new int[] {2_000, 20_000}) {
            Path f = dir.resolve("projects-" + n + ".geojson");
            writeDenseProjects(f, n, 500);
            fresh(db);
            System.gc();
            resetPeaks();
            long t = System.nanoTime();
            ImportReport r = importFile(db, f, ImportOptions.of(ImportTarget.PROJECTS));
            double s = (System.nanoTime() - t) / 1e9;
            if (r.counts.inserted != n) throw new IllegalStateException("dense: " + r.counts.inserted);
            rows.append(String.format(Locale.ROOT, "| %,d polygons × 500 vertices | %.0f MB | %.1f | %.0f MB |%n", n, Files.size(f) / 1e6, s, peakHeap() / 1e6));
            Files.delete(f);
        }
        return String.format(Locale.ROOT, "%n### Import: memory does not grow with the file%n%n| file | size | s | peak heap |%n|---|---|---|---|%n%s", rows);
    }

    /** n water projects, each a polygon (a circle of `vertices` vertices) in its own spot. */
    static void writeDenseProjects(Path file, int n, int vertices) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (int k = 0; k < n; k++) {
                double cx = 117.0 + (k % 200) * 0.005, cy = 30.5 + (k / 200) * 0.005;
                StringBuilder ring = new StringBuilder();
                for (int v = 0; v <= vertices; v++) {
                    double a = 2 * Math.PI * (v % vertices) / vertices;
                    if (v > 0) ring.append(',');
                    ring.append(String.format(Locale.ROOT, "[%.9f,%.9f]", cx + 0.002 * Math.cos(a), cy + 0.002 * Math.sin(a)));
                }
                if (k > 0) w.write(",\n");
                w.write("{\"type\":\"Feature\",\"properties\":{\"code\":\"B-" + k + "\",\"name\":\"水库" + k + "\",\"project_type\":\"reservoir\","
                        + "\"status\":\"completed\",\"responsible_unit\":\"水利局\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}");
            }
            w.write("\n]}\n");
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /** Sum of the heap pools' peak use since the last reset (an upper bound of the heap's peak). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum;
    }

    // ---- the contender's tools ----------------------------------------------------------------

    /** ogr2ogr into a fresh table of the gridmap schema, as the owner role (the server's role may not create tables). */
    static void ogr2ogr(DbConfig dbc, Path file, String table) throws Exception {
        Map<String, String> c = connection(dbc);
        String pg = "PG:host=" + c.get("host") + " port=" + c.get("port") + " dbname=" + c.get("db") + " user=" + dbc.migrationUser();
        exec(List.of("ogr2ogr", "-f", "PostgreSQL", pg, file.toString(), "-nln", "gridmap." + table, "-overwrite",
                "-lco", "GEOMETRY_NAME=geom", "-nlt", "PROMOTE_TO_MULTI"), dbc.migrationPassword());
    }

    static void psql(DbConfig dbc, String sql) throws Exception {
        Map<String, String> c = connection(dbc);
        exec(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", c.get("host"), "-p", c.get("port"), "-U", dbc.migrationUser(),
                "-d", c.get("db"), "-c", sql), dbc.migrationPassword());
    }

    static Map<String, String> connection(DbConfig dbc) {
        String rest = dbc.url().replaceFirst("^jdbc:postgresql://", "");
        String hostPort = rest.substring(0, rest.indexOf('/'));
        return Map.of("host", hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort,
                "port", hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432",
                "db", rest.substring(rest.indexOf('/') + 1).replaceFirst("\\?.*$", ""));
    }

    static void exec(List<String> cmd, String password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(cmd.get(0) + " failed: " + out);
    }
}
