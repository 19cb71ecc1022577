package gridmap.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.Tx;
import gridmap.data.demo.DemoLoader;
import gridmap.data.water.BasinAnalysis;
import gridmap.data.water.CaseView;
import gridmap.data.water.HydroWriter;
import gridmap.data.water.Navigation;
import gridmap.data.water.ProjectRepository;
import gridmap.geo.Polygons;
import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.HydroBasin;
import gridmap.geo.hydro.SyntheticNetwork;

/**
 * Watershed planning (issue 9): overlay statistics for every basin of the demo (one statement
 * against one overlay per basin); upstream of a basin in a generated 10,000-basin network by the
 * recursive walk and by the Pfafstetter rule, in memory and through the whole query path the API
 * takes (load the level, navigate, describe the basins found); a 5 km impact zone around every
 * demo project. Run with {@code ./gridmap bench water [rounds]}; writes bench/target/water-results.md.
 */
final class WaterBench {
    private WaterBench() {}

    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        StringBuilder md = Bench.machine();
        try (Database db = new Database(DbConfig.fromEnv(), 4)) {
            db.migrate();
            new DemoLoader(db.dataSource()).load(false);
            DataSource ds = db.dataSource();
            md.append(overlays(ds, rounds));
            md.append(upstream(ds, rounds));
            md.append(impact(ds, rounds));
        }
        Bench.write(md, java.nio.file.Path.of("bench/target/water-results.md"));
    }

    interface Work { void run() throws Exception; }

    static double ms(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e6;
    }

    static String overlays(DataSource ds, int rounds) throws Exception {
        BasinAnalysis analysis = new BasinAnalysis(ds);
        int basins = analysis.stats(null).size();
        List<Double> one = new ArrayList<>(), each = new ArrayList<>();
        for (int i = 0; i < rounds + 3; i++) {
            double a = ms(() -> analysis.stats(null));
            double b = ms(() -> { for (var s : analysis.stats(null)) analysis.overlay(s.id()); });
            if (i >= 3) { one.add(a); each.add(b); }
        }
        return String.format(Locale.ROOT, "%n### Overlay statistics for every basin of the demo (%d basins, %d rounds, medians)%n%n"
                        + "| contender | ms | ratio |%n|---|---|---|%n"
                        + "| one statement: area, area-weighted population, districts, projects and budget of every basin (`GET /api/basins/stats`) | %.1f | **1.00×** |%n"
                        + "| one full overlay per basin (districts, communities, cells with shares, projects: `GET /api/basins/{id}` for each) | %.1f | %.2f× |%n",
                basins, rounds, Bench.median(one), Bench.median(each), Bench.median(each) / Bench.median(one));
    }

    /** A generated network of 10,000 basins, navigated in memory and through the database (written for the run, then removed). */
    static String upstream(DataSource ds, int rounds) throws Exception {
        List<HydroBasin> synthetic = SyntheticNetwork.generate(10_000, 9);
        BasinNetwork net = BasinNetwork.of(synthetic);
        Random rng = new Random(1);
        List<String> sample = new ArrayList<>();
        sample.add(net.outlet(synthetic.get(0).id())); // the worst case: everything is upstream
        for (int i = 0; i < 99; i++) sample.add(synthetic.get(rng.nextInt(synthetic.size())).id());
        List<Double> walkUs = new ArrayList<>(), ruleUs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (String id : sample) {
                long t = System.nanoTime();
                int a = net.upstream(id, BasinNetwork.Method.WALK).size();
                walkUs.add((System.nanoTime() - t) / 1e3);
                t = System.nanoTime();
                int b = net.upstream(id, BasinNetwork.Method.PFAFSTETTER).size();
                ruleUs.add((System.nanoTime() - t) / 1e3);
                if (a != b) throw new IllegalStateException("walk and rule disagree on " + id);
            }
        }
        double walkOutlet = ms(() -> net.upstream(sample.get(0), BasinNetwork.Method.WALK));
        double ruleOutlet = ms(() -> net.upstream(sample.get(0), BasinNetwork.Method.PFAFSTETTER));

        // the same network stored (codes prefixed so nothing clashes with the demo), and the API's path
        int level = synthetic.get(0).pfafCode().length();
        List<HydroWriter.NewBasin> rows = new ArrayList<>();
        for (int i = 0; i < synthetic.size(); i++) {
            HydroBasin b = synthetic.get(i);
            rows.add(new HydroWriter.NewBasin("SYN" + b.id(), null, b.pfafCode(), "synthetic " + b.pfafCode(), null,
                    b.nextDown() == null ? null : "SYN" + b.nextDown(), "SYN" + b.mainBasin(), b.subAreaKm2(), b.upAreaKm2(), b.distMainKm(), 0,
                    square(60 + (i % 100) * 0.02, 40 + (i / 100) * 0.02)));
        }
        List<Double> apiWalk = new ArrayList<>(), apiRule = new ArrayList<>();
        double outletWalk, outletRule;
        try {
            if (count(ds, "SELECT count(*) FROM river_basin WHERE level = ?", level) > 0) {
                throw new IllegalStateException("the database already holds basins of level " + level + "; run the benchmark on the demo");
            }
            Tx.run(ds, c -> HydroWriter.insertBasins(c, rows));
            Navigation nav = new Navigation(ds);
            List<Long> ids = new ArrayList<>();
            for (String id : sample) ids.add(count(ds, "SELECT id FROM river_basin WHERE code = ?", "SYN" + id));
            for (int w = 0; w < 3; w++) nav.navigate(ids.get(1), Navigation.Direction.UPSTREAM, BasinNetwork.Method.WALK, false);
            int queries = Math.min(ids.size(), Math.max(10, rounds * 2));
            for (int i = 1; i < queries; i++) {
                long id = ids.get(i);
                apiWalk.add(ms(() -> nav.navigate(id, Navigation.Direction.UPSTREAM, BasinNetwork.Method.WALK, false)));
                apiRule.add(ms(() -> nav.navigate(id, Navigation.Direction.UPSTREAM, BasinNetwork.Method.PFAFSTETTER, false)));
            }
            outletWalk = ms(() -> nav.navigate(ids.get(0), Navigation.Direction.UPSTREAM, BasinNetwork.Method.WALK, false));
            outletRule = ms(() -> nav.navigate(ids.get(0), Navigation.Direction.UPSTREAM, BasinNetwork.Method.PFAFSTETTER, false));
        } finally {
            Tx.run(ds, c -> {
                try (var st = c.createStatement()) {
                    st.execute("UPDATE river_basin SET next_down_id = NULL, main_basin_id = NULL WHERE code LIKE 'SYN%'");
                    st.execute("DELETE FROM river_basin WHERE code LIKE 'SYN%'");
                }
                return null;
            });
        }
        return String.format(Locale.ROOT, "%n### Upstream of a basin in a generated network of %d basins (level %d; %d queries × %d rounds in memory)%n%n"
                        + "| contender | median | 95th percentile | the outlet (all %d upstream) |%n|---|---|---|---|%n"
                        + "| walk on next_down, in memory (`geo.hydro`) | %.1f µs | %.1f µs | %.2f ms |%n"
                        + "| Pfafstetter rule on the codes, in memory | %.1f µs | %.1f µs | %.2f ms |%n"
                        + "| the API's path, walk: load the level from PostGIS, navigate, describe the basins found | %.1f ms | %.1f ms | %.1f ms |%n"
                        + "| the API's path, Pfafstetter rule | %.1f ms | %.1f ms | %.1f ms |%n",
                synthetic.size(), level, sample.size(), rounds, synthetic.size() - 1,
                Bench.median(walkUs), pct(walkUs, 0.95), walkOutlet, Bench.median(ruleUs), pct(ruleUs, 0.95), ruleOutlet,
                Bench.median(apiWalk), pct(apiWalk, 0.95), outletWalk, Bench.median(apiRule), pct(apiRule, 0.95), outletRule);
    }

    static String impact(DataSource ds, int rounds) throws Exception {
        ProjectRepository projects = new ProjectRepository(ds);
        List<Long> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id FROM water_project WHERE retired_at IS NULL ORDER BY id")) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        CaseView all = new CaseView(gridmap.data.cases.CaseScope.ALL, false);
        List<Double> times = new ArrayList<>();
        for (int w = 0; w < 3; w++) projects.impact(ids.get(w), 5000, all);
        for (int r = 0; r < Math.max(1, rounds / 5); r++) {
            for (long id : ids) times.add(ms(() -> projects.impact(id, 5000, all)));
        }
        return String.format(Locale.ROOT, "%n### A 5 km impact zone around every demo project (%d projects, %d measurements)%n%n"
                        + "| measure | ms |%n|---|---|%n| median | %.1f |%n| 95th percentile | %.1f |%n| slowest | %.1f |%n",
                ids.size(), times.size(), Bench.median(times), pct(times, 0.95), Collections.max(times));
    }

    static long count(DataSource ds, String sql, Object... args) throws Exception {
        try (Connection c = ds.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (var rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
        }
    }

    static double pct(List<Double> xs, double p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1));
    }

    static MultiPolygon square(double x, double y) {
        Coordinate[] cs = {new Coordinate(x, y), new Coordinate(x + 0.015, y), new Coordinate(x + 0.015, y + 0.015), new Coordinate(x, y + 0.015),
                new Coordinate(x, y)};
        return Polygons.toMultiPolygon(Polygons.WGS84.createPolygon(cs));
    }
}
