package gridmap.data.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;
import gridmap.data.audit.Actor;
import gridmap.data.demo.DemoLoader;

/** Intake on the real database: deadlines, codes, a day of more than 10,000 reports, idempotency, borders, the outside. */
class CaseIntakeTest {
    static DataSource ds;
    static double[] inside;

    @BeforeAll
    static void load() throws SQLException {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
        new DemoLoader(ds).load(false);
        String wkt = (String) Sql.one(ds, "SELECT ST_AsText(ST_PointOnSurface(geom)) FROM grid_cell ORDER BY id LIMIT 1");
        String[] xy = wkt.replace("POINT(", "").replace(")", "").split(" ");
        inside = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    static CaseIntake.Origin origin(String key, byte[] hash) {
        return new CaseIntake.Origin(Actor.system("test"), null, null, CaseScope.ALL, "test:intake", key, hash, null);
    }

    static CaseIntake.NewCase newCase(String description, double lon, double lat) {
        return new CaseIntake.NewCase("0102", description, null, "patrol", "normal", lon, lat, null, List.of(), null);
    }

    @Test
    void aReportGetsTheDeadlineOfItsFirstStepAndAReadableCode() throws SQLException {
        Instant at = OffsetDateTime.parse("2026-11-27T16:30:00+08:00").toInstant(); // a Friday afternoon
        CaseIntake intake = new CaseIntake(ds, new ReferenceData(ds), Clock.fixed(at, ZoneOffset.UTC));
        var r = (CaseIntake.Result.Created) intake.report(origin(null, null), newCase("deadline test", inside[0], inside[1]));
        assertThat(r.code()).matches("TL20261127\\d{6,}");
        // register within 1 working hour: 16:30 → 17:30 the same day
        assertThat(Sql.count(ds, "SELECT extract(epoch FROM due_at)::bigint FROM cases WHERE id = ?", r.id()))
                .isEqualTo(OffsetDateTime.parse("2026-11-27T17:30:00+08:00").toEpochSecond());
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_event WHERE case_id = ? AND action = 'report'", r.id())).isEqualTo(1);
        // the demo loader restarts case ids, so an older row may name the same id: count this report's
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE entity = 'cases' AND entity_id = ? AND action = 'case.create'"
                + " AND at >= now() - interval '1 minute'", Long.toString(r.id()))).isEqualTo(1);
    }

    @Test
    void moreThanTenThousandReportsInOneDayAllGetTheirOwnCode() throws Exception {
        Instant day = OffsetDateTime.parse("2026-11-26T10:00:00+08:00").toInstant();
        // a pool as large as the writers, as a server's would be
        Database wide = new Database(gridmap.data.DbConfig.testFromEnv(), 16);
        CaseIntake intake = new CaseIntake(wide.dataSource(), new ReferenceData(wide.dataSource()), Clock.fixed(day, ZoneOffset.UTC));
        long before = Sql.count(ds, "SELECT count(*) FROM cases WHERE code LIKE 'TL20261126%'");
        int n = 10_050;
        AtomicInteger failures = new AtomicInteger();
        Set<String> codes = ConcurrentHashMap.newKeySet();
        // reported all over the city, as a hotline's calls are
        List<double[]> points = new ArrayList<>();
        try (var c = ds.getConnection(); var ps = c.prepareStatement("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grid_cell ORDER BY id) s");
             var rs = ps.executeQuery()) {
            while (rs.next()) points.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            fs.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    try {
                        double[] pt = points.get(i % points.size());
                        CaseIntake.Result r = intake.report(origin(null, null), newCase("hotline " + i, pt[0], pt[1]));
                        if (r instanceof CaseIntake.Result.Created c) codes.add(c.code()); else failures.incrementAndGet();
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        wide.close();
        try {
            assertThat(failures.get()).isZero();
            assertThat(codes).hasSize(n).allMatch(c -> c.startsWith("TL20261126"));
            assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE code LIKE 'TL20261126%'") - before).isEqualTo(n);
        } finally {
            // the tests that follow on this database (lists, the map's points, the browser's work list) expect the
            // demo's few thousand cases, not ten thousand more (their history goes with them; audit rows stay)
            try (var c = ds.getConnection(); var ps = c.prepareStatement("DELETE FROM cases WHERE code LIKE 'TL20261126%' AND description LIKE 'hotline %'")) {
                ps.executeUpdate();
            }
        }
    }

    @Test
    void theSameIdempotencyKeyMakesOneCaseEvenWhenSentAtOnce() throws Exception {
        CaseIntake intake = new CaseIntake(ds, new ReferenceData(ds));
        String key = "key-" + System.nanoTime();
        byte[] hash = PhotoProcessor.sha256("same request".getBytes());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<CaseIntake.Result>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) fs.add(pool.submit(() -> intake.report(origin(key, hash), newCase("retry", inside[0], inside[1]))));
        Set<Long> ids = new java.util.HashSet<>();
        int replayed = 0;
        for (Future<CaseIntake.Result> f : fs) {
            var c = (CaseIntake.Result.Created) f.get();
            ids.add(c.id());
            if (c.replayed()) replayed++;
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(replayed).isEqualTo(7);
        assertThat(Sql.count(ds, "SELECT count(*) FROM idempotency_key WHERE key = ?", key)).isEqualTo(1);
        // the same key for another request is refused, naming the first case
        var other = intake.report(origin(key, PhotoProcessor.sha256("other".getBytes())), newCase("other", inside[0], inside[1]));
        assertThat(other).isInstanceOf(CaseIntake.Result.KeyReused.class);
    }

    @Test
    void aPointOnTheBorderOfTwoCellsGoesToTheSameCellEveryTime() throws SQLException {
        String wkt = (String) Sql.one(ds, """
                SELECT ST_AsText((ST_DumpPoints(ST_Intersection(a.geom, b.geom))).geom) FROM grid_cell a JOIN grid_cell b
                  ON a.id < b.id AND ST_Touches(a.geom, b.geom) ORDER BY a.id, b.id LIMIT 1""");
        String[] xy = wkt.replace("POINT(", "").replace(")", "").split(" ");
        double lon = Double.parseDouble(xy[0]), lat = Double.parseDouble(xy[1]);
        long inBoth = Sql.count(ds, "SELECT count(*) FROM grid_cell WHERE valid_to IS NULL AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))", lon, lat);
        assertThat(inBoth).isGreaterThanOrEqualTo(2);
        CaseIntake intake = new CaseIntake(ds, new ReferenceData(ds));
        var a = (CaseIntake.Result.Created) intake.report(origin(null, null), newCase("border", lon, lat));
        var b = (CaseIntake.Result.Created) intake.report(origin(null, null), newCase("border again", lon, lat));
        long cellA = Sql.count(ds, "SELECT cell_id FROM cases WHERE id = ?", a.id());
        assertThat(Sql.count(ds, "SELECT cell_id FROM cases WHERE id = ?", b.id())).isEqualTo(cellA);
        assertThat(cellA).isEqualTo(Sql.count(ds, "SELECT min(id) FROM grid_cell WHERE valid_to IS NULL AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))", lon, lat));
        // and its community and district are the cell's
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases t JOIN grid_cell g ON g.id = t.cell_id WHERE t.id = ? AND t.community_id = g.community_id", a.id())).isEqualTo(1);
    }

    @Test
    void outsideTheCityTheNearestCellIsNamed() throws SQLException {
        CaseIntake intake = new CaseIntake(ds, new ReferenceData(ds));
        long before = Sql.count(ds, "SELECT count(*) FROM cases");
        var r = intake.report(origin(null, null), newCase("Beijing", 116.4, 39.9));
        assertThat(r).isInstanceOf(CaseIntake.Result.OutsideCells.class);
        var o = (CaseIntake.Result.OutsideCells) r;
        assertThat(o.nearestCellCode()).matches("\\d{15}");
        assertThat(o.distanceMetres()).isBetween(800_000.0, 1_200_000.0);
        // just outside the city's edge: metres, not kilometres
        String edge = (String) Sql.one(ds, "SELECT ST_AsText(ST_Project(ST_PointN(ST_ExteriorRing((ST_Dump(geom)).geom), 1)::geography, 50, radians(0))::geometry)"
                + " FROM admin_unit WHERE level = 'city' LIMIT 1");
        String[] xy = edge.replace("POINT(", "").replace(")", "").split(" ");
        var near = intake.report(origin(null, null), newCase("edge", Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
        if (near instanceof CaseIntake.Result.OutsideCells n) assertThat(n.distanceMetres()).isLessThan(100);
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases")).isEqualTo(before + (near instanceof CaseIntake.Result.Created ? 1 : 0));
    }

    @Test
    void publicIntakeRefusesAnExactRepeatFromTheSameToken() throws SQLException {
        long admin = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'admin'");
        long t1 = Sql.count(ds, "INSERT INTO api_token (public_id, name, secret_sha256, scopes, created_by) VALUES (?, 'repeat test', '\\x00'::bytea,"
                + " ARRAY['cases:create'], ?) RETURNING id", "r" + System.nanoTime(), admin);
        long t2 = Sql.count(ds, "INSERT INTO api_token (public_id, name, secret_sha256, scopes, created_by) VALUES (?, 'repeat test 2', '\\x00'::bytea,"
                + " ARRAY['cases:create'], ?) RETURNING id", "s" + System.nanoTime(), admin);
        CaseIntake intake = new CaseIntake(ds, new ReferenceData(ds));
        var one = new CaseIntake.Origin(Actor.system("open311"), null, t1, CaseScope.ALL, "token:" + t1, null, null, Duration.ofMinutes(10));
        var two = new CaseIntake.Origin(Actor.system("open311"), null, t2, CaseScope.ALL, "token:" + t2, null, null, Duration.ofMinutes(10));
        var k = newCase("井盖丢失 " + System.nanoTime(), inside[0], inside[1]);
        assertThat(intake.report(one, k)).isInstanceOf(CaseIntake.Result.Created.class);
        assertThat(intake.report(one, k)).isInstanceOf(CaseIntake.Result.Repeat.class);
        assertThat(intake.report(two, k)).as("another token").isInstanceOf(CaseIntake.Result.Created.class);
        assertThat(intake.report(one, newCase(k.description() + "!", inside[0], inside[1]))).as("not exact").isInstanceOf(CaseIntake.Result.Created.class);
    }
}
