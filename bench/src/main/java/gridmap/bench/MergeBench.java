package gridmap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoModel;
import gridmap.data.demo.DistrictSource;
import gridmap.data.demo.TonglingDemoGenerator;
import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;
import gridmap.geo.coverage.CoverageClean;
import gridmap.geo.coverage.CoverageMerge;
import gridmap.geo.coverage.CoverageValidate;

/**
 * Coverage operations on real data (issues 6 and 7): the 105 published Anhui districts, cleaned
 * city by city with CoverageClean, merged into their 16 cities by the geo merge (CoverageMerge)
 * and by PostGIS ST_Union on the same cleaned geometries in a temporary table of the running
 * database, interleaved round by round; CoverageClean on the whole file; CoverageValidate on the
 * Tongling demo's communities and cells. Run with
 * {@code ./gridmap bench merge [rounds]}.
 */
final class MergeBench {
    private MergeBench() {}

    /** {@code ./gridmap bench merge [rounds]}: writes bench/target/merge-results.md. */
    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        StringBuilder md = Bench.machine().append(run(DbConfig.fromEnv(), rounds));
        Bench.write(md, Path.of("bench/target/merge-results.md"));
    }

    static String run(DbConfig dbc, int rounds) throws Exception {
        Map<String, List<Geometry>> raw = districtsByCity();
        List<Geometry> all = raw.values().stream().flatMap(List::stream).toList();
        Map<String, List<Geometry>> cleaned = new LinkedHashMap<>();
        raw.forEach((city, ds) -> cleaned.put(city, CoverageClean.clean(ds).cleaned()));

        StringBuilder md = new StringBuilder();
        md.append(cleanTimes(all, raw));
        md.append(validateTimes(rounds));
        try (Database db = new Database(dbc, 1); Connection c = db.dataSource().getConnection()) {
            load(c, cleaned);
            md.append(mergeTimes(c, cleaned, rounds));
        }
        return md.toString();
    }

    /** CoverageClean on the whole file as one coverage, and city by city, medians of 7 after 2 warm-ups. */
    static String cleanTimes(List<Geometry> all, Map<String, List<Geometry>> byCity) {
        List<Double> whole = new ArrayList<>(), cities = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long t = System.nanoTime();
            CoverageClean.Result r = CoverageClean.clean(all);
            double w = (System.nanoTime() - t) / 1e6;
            if (r.cleaned().size() != all.size()) throw new IllegalStateException("clean lost units");
            t = System.nanoTime();
            byCity.values().forEach(CoverageClean::clean);
            double c = (System.nanoTime() - t) / 1e6;
            if (i >= 2) { whole.add(w); cities.add(c); }
        }
        int vertices = all.stream().mapToInt(Geometry::getNumPoints).sum();
        return String.format("%n### CoverageClean on the Anhui districts (%d polygons, %d vertices; medians of 7)%n%n"
                        + "| input | ms |%n|---|---|%n| the whole file as one coverage | %.0f |%n| city by city (16 coverages) | %.0f |%n",
                all.size(), vertices, Bench.median(whole), Bench.median(cities));
    }

    /**
     * CoverageValidate on the Tongling demo, district by district (each district is partitioned on
     * its own, so its communities form one coverage and its grid cells another).
     */
    static String validateTimes(int rounds) {
        DemoModel.Dataset demo = new TonglingDemoGenerator().generate();
        List<DemoModel.Unit> units = demo.units();
        Map<Integer, List<Geometry>> communities = new LinkedHashMap<>(), cells = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).level().equals("community")) communities.computeIfAbsent(districtOf(units, i), k -> new ArrayList<>()).add(units.get(i).geom());
        }
        for (DemoModel.Cell c : demo.cells()) cells.computeIfAbsent(districtOf(units, c.communityIndex()), k -> new ArrayList<>()).add(c.geom());
        List<Double> times = new ArrayList<>();
        int problems = 0;
        for (int i = 0; i < rounds + Bench.WARMUP; i++) {
            long t = System.nanoTime();
            problems = 0;
            for (var e : communities.entrySet()) problems += new CoverageValidate(e.getValue()).setParent(units.get(e.getKey()).geom()).validate().problems().size();
            for (var e : cells.entrySet()) problems += new CoverageValidate(e.getValue()).setParent(units.get(e.getKey()).geom()).validate().problems().size();
            if (i >= Bench.WARMUP) times.add((System.nanoTime() - t) / 1e6);
        }
        return String.format("%n### CoverageValidate on the Tongling demo (%d rounds)%n%n| coverages | median ms | best ms | problems found |%n|---|---|---|---|%n"
                        + "| %d communities and %d grid cells, district by district (%d coverages, each with its district as the parent; gaps up to 250 m looked for) | %.1f | %.1f | %d |%n",
                rounds, communities.values().stream().mapToInt(List::size).sum(), demo.cells().size(), communities.size() + cells.size(),
                Bench.median(times), Collections.min(times), problems);
    }

    private static int districtOf(List<DemoModel.Unit> units, int i) {
        while (!units.get(i).level().equals("district")) i = units.get(i).parentIndex();
        return i;
    }

    static void load(Connection c, Map<String, List<Geometry>> cleaned) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE bench_districts (city text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL)");
        }
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_districts VALUES (?, ST_GeomFromWKB(?, 4326))")) {
            for (var e : cleaned.entrySet()) {
                for (Geometry g : e.getValue()) {
                    ps.setString(1, e.getKey());
                    ps.setBytes(2, wkb.write(g));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static String mergeTimes(Connection c, Map<String, List<Geometry>> cleaned, int rounds) throws Exception {
        String fetch = "SELECT city, ST_AsBinary(ST_Union(geom)) FROM bench_districts GROUP BY city";
        String inServer = "SELECT sum(ST_NPoints(u)) FROM (SELECT ST_Union(geom) AS u FROM bench_districts GROUP BY city) s";
        List<Double> geo = new ArrayList<>(), overlay = new ArrayList<>(), pg = new ArrayList<>(), pgServer = new ArrayList<>();
        // CPU time as well as wall time: on a busy machine wall times mostly measure the waiting
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path backend = backendStat(c);
        double geoCpu = 0, pgCpu = 0, pgServerCpu = 0;
        Map<String, Geometry> geoResult = new LinkedHashMap<>(), pgResult = new LinkedHashMap<>();
        int fallbacks = 0;
        for (int i = 0; i < rounds + Bench.WARMUP; i++) {
            boolean counted = i >= Bench.WARMUP;
            long cpu = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            fallbacks = 0;
            for (var e : cleaned.entrySet()) {
                CoverageMerge.Result r = CoverageMerge.merge(e.getValue());
                if (r.overlayFallback()) fallbacks++;
                geoResult.put(e.getKey(), r.merged());
            }
            double g = (System.nanoTime() - t) / 1e6;
            if (counted) geoCpu += (threads.getCurrentThreadCpuTime() - cpu) / 1e6;

            t = System.nanoTime();
            for (List<Geometry> ds : cleaned.values()) OverlayNGRobust.union(ds);
            double o = (System.nanoTime() - t) / 1e6;

            double before = cpuMillis(backend);
            t = System.nanoTime();
            WKBReader reader = new WKBReader(Polygons.WGS84);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(fetch)) {
                while (rs.next()) pgResult.put(rs.getString(1), reader.read(rs.getBytes(2)));
            }
            double p = (System.nanoTime() - t) / 1e6;
            double between = cpuMillis(backend);

            t = System.nanoTime();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(inServer)) {
                rs.next();
            }
            double s = (System.nanoTime() - t) / 1e6;
            if (counted) {
                pgCpu += between - before;
                pgServerCpu += cpuMillis(backend) - between;
                geo.add(g); overlay.add(o); pg.add(p); pgServer.add(s);
            }
        }
        double worst = 0;
        for (var e : geoResult.entrySet()) {
            Geometry other = pgResult.get(e.getKey());
            double diff = EqualAreaMeasure.areaM2(OverlayNGRobust.overlay(e.getValue(), other, OverlayNG.SYMDIFFERENCE));
            worst = Math.max(worst, diff / EqualAreaMeasure.areaM2(e.getValue()));
        }
        double g = Bench.median(geo), o = Bench.median(overlay), p = Bench.median(pg), s = Bench.median(pgServer);
        String cpuRow = backend == null ? "" : String.format("%nCPU time per round (mean): the geo merge %.1f ms (this thread); the PostGIS backend %.1f ms for `ST_Union` with results, "
                        + "%.1f ms inside the server only (from /proc, 10 ms ticks): **%.1f×** and %.1f×.%n",
                geoCpu / rounds, pgCpu / rounds, pgServerCpu / rounds, pgCpu / geoCpu, pgServerCpu / geoCpu);
        return String.format("%n### Merge the cleaned Anhui districts into their cities, 105 → 16 (%d rounds)%n%n"
                        + "| contender | median ms | best ms | ratio of medians to the geo merge |%n|---|---|---|---|%n"
                        + "| geo `CoverageMerge` (CoverageUnion; results checked: valid, area = sum of parts) | %.1f | %.1f | 1.00× |%n"
                        + "| geo OverlayNG union (`OverlayNGRobust.union`, the fallback) | %.1f | %.1f | %.1f× |%n"
                        + "| PostGIS `ST_Union` grouped by city, results fetched as WKB over JDBC | %.1f | %.1f | **%.1f×** |%n"
                        + "| PostGIS `ST_Union` grouped by city, inside the server only | %.1f | %.1f | %.1f× |%n%s%n"
                        + "Fallbacks used by the geo merge: %d of 16. Largest difference between the geo and the PostGIS city: %.2g of its area.%n",
                rounds, g, Collections.min(geo), o, Collections.min(overlay), o / g, p, Collections.min(pg), p / g,
                s, Collections.min(pgServer), s / g, cpuRow, fallbacks, worst);
    }

    /** /proc/PID/stat of this connection's backend when the database runs on this machine, else null. */
    private static Path backendStat(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            Path stat = Path.of("/proc", rs.getString(1), "stat");
            return Files.isReadable(stat) ? stat : null;
        }
    }

    /** User + system CPU time of a process in ms (fields 14 and 15 of /proc/PID/stat, in 1/100 s). */
    private static double cpuMillis(Path stat) throws IOException {
        if (stat == null) return 0;
        String line = Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
    }

    /** The published districts as the data module ships them, grouped by city in file order. */
    static Map<String, List<Geometry>> districtsByCity() throws IOException, ParseException {
        JsonNode features;
        try (InputStream in = DistrictSource.class.getResourceAsStream(DistrictSource.DISTRICTS)) {
            features = new ObjectMapper().readTree(in).get("features");
        }
        GeoJsonReader reader = new GeoJsonReader(Polygons.WGS84);
        Map<String, List<Geometry>> out = new LinkedHashMap<>();
        for (JsonNode f : features) {
            out.computeIfAbsent(f.get("properties").get("city").asText(), k -> new ArrayList<>())
                    .add(reader.read(f.get("geometry").toString()));
        }
        return out;
    }
}
