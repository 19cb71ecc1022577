package gridmap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.cases.CaseScope;
import gridmap.data.cases.KpiRepository;
import gridmap.data.cases.KpiSummary;
import gridmap.data.demo.DemoLoader;
import gridmap.data.map.Layer;
import gridmap.server.GridmapServer;
import gridmap.server.ServerConfig;
import io.javalin.Javalin;

/**
 * {@code ./gridmap bench cases [seconds]}: the case workflow at city scale (issue 8). On the bench
 * database (GRIDMAP_BENCH_DB_URL, else the test database): the demo, then 1,000,000 generated
 * cases over the year before 2026-11-29 (once; reused by later runs), then
 * <ol>
 * <li>case intake over HTTP (location, assignment, deadline, history, audit) with 32 concurrent
 *   clients, interleaved with pgbench running the same work as raw SQL with 32 clients;
 *   every acknowledged case is looked up afterwards;</li>
 * <li>the map's case query for the whole city (p95), KPIs for a year (over HTTP, then the statement from the monthly
 *   summary against the scan of the year's cases, alternating), hotspots for a year.</li>
 * </ol>
 */
final class CasesBench {
    static final int CASES = 1_000_000;
    static final int CLIENTS = 32;
    static final LocalDate ANCHOR = LocalDate.of(2026, 11, 29);
    static final String HTTP_DESCRIPTION = "基准测试上报";

    private CasesBench() {}

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // a second argument runs one part only (intake or reads), for measuring a change quickly
        String part = args.length > 1 ? args[1] : "all";
        if (!List.of("all", "intake", "reads").contains(part)) throw new IllegalArgumentException("part must be all, intake or reads");
        // a database of its own (./gridmap makes gridmap_bench), so that neither the demo nor the tests meet a million cases
        String url = System.getenv("GRIDMAP_BENCH_DB_URL");
        DbConfig test = DbConfig.testFromEnv();
        DbConfig dbc = url == null ? test : new DbConfig(url, test.user(), test.password(), test.ownerUser(), test.ownerPassword());
        // the limits would (rightly) stop 32 clients of one account; this measures the work, not the limit
        for (String k : new String[] {"GRIDMAP_INTAKE_PER_ACCOUNT", "GRIDMAP_INTAKE_PER_COMMAND", "GRIDMAP_INTAKE_PER_TOKEN", "GRIDMAP_INTAKE_PER_ADDRESS"}) {
            System.setProperty(k, "100000000");
        }
        StringBuilder md = new StringBuilder("\n## Cases (issue 8)\n\nMachine: " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + "\n");
        try (Database db = new Database(dbc, Integer.getInteger("gridmap.bench.pool", 10))) {
            db.migrate();
            new DemoLoader(db.dataSource()).load(false);
            md.append(prepare(db, dbc));
            if (!part.equals("reads")) {
                md.append(intake(db, dbc, seconds));
                md.append(removeIntakeCases(dbc));
            }
            if (!part.equals("intake")) md.append(queries(db));
        }
        System.out.println(md);
        Path out = Path.of("bench/target/results-cases.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    /** Random points in the cells (as the owner: the server's role may not create tables), then the million cases. */
    static String prepare(Database db, DbConfig dbc) throws Exception {
        StringBuilder md = new StringBuilder();
        try (Connection owner = DriverManager.getConnection(dbc.url(), dbc.migrationUser(), dbc.migrationPassword());
             Statement st = owner.createStatement()) {
            st.execute("SET search_path TO gridmap, public");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS bench_point AS
                    SELECT row_number() OVER (ORDER BY cell_id) AS id, cell_id, geom FROM (
                      SELECT g.id AS cell_id, (ST_Dump(ST_GeneratePoints(g.geom, 50, 42))).geom FROM grid_cell g WHERE g.valid_to IS NULL) s""");
            st.execute("CREATE INDEX IF NOT EXISTS bench_point_cell ON bench_point (cell_id)");
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS bench_point_id ON bench_point (id)");
        }
        md.append(removeIntakeCases(dbc));
        if (count(db, "SELECT count(DISTINCT reported_at::date) FROM cases WHERE description = 'benchmark case'") == 1) {
            // made by the first version of generate-cases.sql, which gave every case the same report time
            md.append(removeCases(dbc, "'benchmark case'", "generated cases that all had the same report time"));
        }
        long existing = count(db, "SELECT count(*) FROM cases WHERE description = 'benchmark case'");
        if (existing < CASES) {
            long t0 = System.nanoTime();
            String sql = resource("generate-cases.sql").replace(":'anchor'", "'" + ANCHOR + " 00:00+08'")
                    .replace(":n)", (CASES - existing) + ")");
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                for (String s : sql.split(";\\s*\n")) if (!s.isBlank()) st.execute(s);
            }
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE cases");
            }
            md.append(String.format("%nGenerated %,d cases in %.0f s (one INSERT … SELECT, then VACUUM ANALYZE).%n",
                    CASES - existing, (System.nanoTime() - t0) / 1e9));
        }
        // the generated cases and the removed intake reports reach the KPI summary as changes: fold them, as the server does
        long t0 = System.nanoTime();
        long folded = new KpiSummary(db.dataSource()).fold();
        if (folded > 0) {
            md.append(String.format("%nFolded %,d case changes into the monthly KPI summary in %.1f s.%n", folded, (System.nanoTime() - t0) / 1e9));
        }
        md.append(String.format("%nCases in the database: %,d; open (in progress or parked): %,d.%n", count(db, "SELECT count(*) FROM cases"),
                count(db, "SELECT count(*) FROM cases WHERE status IN ('reported','registered','dispatched','in_progress','handled','parked')")));
        return md.toString();
    }

    /**
     * Deletes the cases the intake rounds reported (theirs and pgbench's, with their history; the audit rows stay), so
     * that every run reads the same million cases: left in place, each run's few ten thousand reports pile up as
     * open cases and the reads of the next run measure a different city.
     */
    static String removeIntakeCases(DbConfig dbc) throws Exception {
        return removeCases(dbc, "'" + HTTP_DESCRIPTION + "', 'pgbench report'", "cases the intake rounds reported");
    }

    /** Deletes the cases with these descriptions (an SQL list of this class's constants), as the owner. */
    private static String removeCases(DbConfig dbc, String descriptions, String what) throws Exception {
        try (Connection owner = DriverManager.getConnection(dbc.url(), dbc.migrationUser(), dbc.migrationPassword());
             Statement st = owner.createStatement()) {
            st.execute("SET search_path TO gridmap, public");
            long t0 = System.nanoTime();
            int n = st.executeUpdate("DELETE FROM cases WHERE description IN (" + descriptions + ")");
            if (n == 0) return "";
            st.execute("VACUUM ANALYZE cases");
            return String.format("%nRemoved %,d %s (%.0f s).%n", n, what, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One round: cases per second, and CPU milliseconds per case of the load generator, the server (or pgbench) and the database. */
    record Round(double perSecond, int ok, int errors, double p50, double p95, double clientCpuMs, double serverCpuMs, double dbCpuMs, double otherCores) {}

    /** HTTP intake and pgbench, each run twice, alternating, for the given seconds. */
    static String intake(Database db, DbConfig dbc, int seconds) throws Exception {
        Javalin app = GridmapServer.create(db, new ServerConfig(0, null, "")).start(0);
        long postmaster = CpuTimes.postmaster(db.dataSource());
        List<double[]> points = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ST_X(geom), ST_Y(geom) FROM bench_point ORDER BY id")) {
            while (rs.next()) points.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
        List<String> categories = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT code FROM case_category WHERE active ORDER BY code")) {
            while (rs.next()) categories.add(rs.getString(1));
        }
        Path script = Files.createTempFile("gridmap-intake", ".pgbench");
        String feature = Layer.CASES.featureByIdSql("").replace("?", ":id");
        Files.writeString(script, resource("intake.pgbench").replace("FEATURE_SQL :id", feature.substring("SELECT ".length())));
        List<Round> http = new ArrayList<>(), sql = new ArrayList<>();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        String loadBefore = loadAverage();
        try {
            // warm-up: the JIT compiles the server's hot paths (a server runs for days; pgbench has no JIT): with less,
            // the compiler threads still take a third of the JVM's CPU in the first measured round
            httpRound(app.port(), points, categories, 30, acknowledged, postmaster);
            for (int i = 0; i < 2; i++) {
                http.add(httpRound(app.port(), points, categories, seconds, acknowledged, postmaster));
                sql.add(pgbench(dbc, script, points.size(), seconds, postmaster));
            }
        } finally {
            app.stop();
            Files.deleteIfExists(script);
        }
        long present;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM cases WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", acknowledged.toArray()));
            try (ResultSet rs = ps.executeQuery()) { rs.next(); present = rs.getLong(1); }
        }
        double h = Math.max(http.get(0).perSecond(), http.get(1).perSecond()), s = Math.max(sql.get(0).perSecond(), sql.get(1).perSecond());
        StringBuilder md = new StringBuilder(String.format("%n### Case intake, %d concurrent clients, %d s per round, two rounds each, alternating%n%n"
                + "Load average of the machine (shared with other work, 1 minute) before the rounds: " + loadBefore + ", after: " + loadAverage() + "%n%n"
                + "| contender | round 1 cases/s | round 2 cases/s | errors | p50 ms | p95 ms | CPU ms per case: client | server | database "
                + "| other work (cores busy) |%n|---|---|---|---|---|---|---|---|---|---|%n", CLIENTS, seconds));
        md.append(String.format("| `POST /api/cases` (signed in; locate, assign, deadline, history, audit, Feature back) | %.0f | %.0f | %d | %.1f | %.1f | %s | %s | %s | %s |%n",
                http.get(0).perSecond(), http.get(1).perSecond(), http.get(0).errors() + http.get(1).errors(), http.get(1).p50(), http.get(1).p95(),
                cpu(http, Round::clientCpuMs), cpu(http, Round::serverCpuMs), cpu(http, Round::dbCpuMs), cpu(http, Round::otherCores)));
        md.append(String.format("| the same work as raw SQL by `pgbench -c %d -M prepared` | %.0f | %.0f | %d | %.1f | | %s (pgbench) | — | %s | %s |%n",
                CLIENTS, sql.get(0).perSecond(), sql.get(1).perSecond(), sql.get(0).errors() + sql.get(1).errors(), sql.get(1).p50(),
                cpu(sql, Round::clientCpuMs), cpu(sql, Round::dbCpuMs), cpu(sql, Round::otherCores)));
        md.append(String.format("%nBest rounds: HTTP %.0f/s, SQL %.0f/s: the server does **%.2f×** the raw SQL's rate (SQL is %.2f× faster). "
                + "Acknowledged cases (201) present afterwards: %,d of %,d. CPU per case: both rounds, from /proc (the server's "
                + "column is the JVM less the load generator's threads, so it includes the JIT and the garbage collector); other work: the CPU the rest of the machine used during the round, in cores "
                + "(of 2), from /proc/stat less the contenders' own.%n",
                h, s, h / s, s / h, present, acknowledged.size()));
        return md.toString();
    }

    private static String cpu(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        return String.format("%.2f / %.2f", f.applyAsDouble(rounds.get(0)), f.applyAsDouble(rounds.get(1)));
    }

    static Round httpRound(int port, List<double[]> points, List<String> categories, int seconds, List<Long> acknowledged, long postmaster)
            throws Exception {
        HttpClient login = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> r = login.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"demo-admin\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("sign-in failed: " + r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        AtomicInteger ok = new AtomicInteger(), errors = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong clientCpuNanos = new java.util.concurrent.atomic.AtomicLong();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(CLIENTS), go = new CountDownLatch(1), done = new CountDownLatch(CLIENTS);
        long[] end = new long[1];
        Pattern id = Pattern.compile("\"id\":(\\d+)");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int t = 0; t < CLIENTS; t++) {
            Random rng = new Random(t * 31L + System.nanoTime());
            new Thread(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                try (RawHttp http = new RawHttp("127.0.0.1", port)) {
                    ready.countDown();
                    go.await();
                    while (System.nanoTime() < end[0]) {
                        double[] p = points.get(rng.nextInt(points.size()));
                        String body = "{\"category_code\":\"" + categories.get(rng.nextInt(categories.size())) + "\",\"description\":\"" + HTTP_DESCRIPTION + "\",\"lon\":"
                                + p[0] + ",\"lat\":" + p[1] + "}";
                        long s = System.nanoTime();
                        try {
                            RawHttp.Response res = http.post("/api/cases", cookie, body);
                            if (res.status() == 201) {
                                ok.incrementAndGet();
                                Matcher m = id.matcher(res.body());
                                if (m.find()) acknowledged.add(Long.parseLong(m.group(1)));
                                latencies.add((System.nanoTime() - s) / 1e6);
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    clientCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu0);
                    done.countDown();
                }
            }).start();
        }
        ready.await();
        CpuTimes cpu0 = CpuTimes.now(postmaster);
        long t0 = System.nanoTime();
        end[0] = t0 + seconds * 1_000_000_000L;
        go.countDown();
        done.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        CpuTimes used = CpuTimes.now(postmaster).minus(cpu0);
        List<Double> l = new ArrayList<>(latencies);
        Collections.sort(l);
        int n = Math.max(1, ok.get());
        double client = clientCpuNanos.get() / 1e6;
        return new Round(ok.get() / elapsed, ok.get(), errors.get(), pct(l, 0.5), pct(l, 0.95), client / n, (used.jvm() * 1000 - client) / n,
                used.database() * 1000 / n, used.others() / elapsed);
    }

    static Round pgbench(DbConfig dbc, Path script, int npoints, int seconds, long postmaster) throws Exception {
        String[] hp = Bench.hostPortDb(dbc);
        ProcessBuilder pb = new ProcessBuilder("pgbench", "-n", "-c", Integer.toString(CLIENTS), "-j", "2", "-T", Integer.toString(seconds),
                "-M", "prepared", "-D", "npoints=" + npoints, "-f", script.toString(), "-h", hp[0], "-p", hp[1], "-U", dbc.user(), hp[2]);
        Map<String, String> env = pb.environment();
        env.put("PGPASSWORD", dbc.password());
        env.put("PGOPTIONS", "-c search_path=gridmap,public");
        pb.redirectErrorStream(true);
        CpuTimes cpu0 = CpuTimes.now(postmaster);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("pgbench failed: " + out);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(500); // its backends exit after it: their CPU time then counts in the postmaster's children
        CpuTimes used = CpuTimes.now(postmaster).minus(cpu0);
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        Matcher lat = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
        Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(out);
        Matcher done = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(out);
        if (!tps.find()) throw new IllegalStateException("no tps in pgbench output: " + out);
        int n = done.find() ? Math.max(1, Integer.parseInt(done.group(1))) : 1;
        return new Round(Double.parseDouble(tps.group(1)), n, failed.find() ? Integer.parseInt(failed.group(1)) : 0,
                lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN, Double.NaN, used.children() * 1000 / n, Double.NaN,
                used.database() * 1000 / n, used.others() / (elapsed + 0.5));
    }

    /** Timed reads with the million cases: the map for the whole city, KPIs and hotspots for a year. */
    static String queries(Database db) throws Exception {
        Javalin app = GridmapServer.create(db, new ServerConfig(0, null, "")).start(0);
        String base = "http://localhost:" + app.port();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"demo-admin\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String year = "from=" + ANCHOR.minusYears(1) + "&to=" + ANCHOR.minusDays(1);
        StringBuilder md = new StringBuilder(String.format("%n### Reads with the million cases (signed in as admin: the whole city; 5 warm-up requests dropped)%n%n"
                + "Load average before the reads: " + loadAverage() + "%n%n"
                + "| request | requests | p50 ms | p95 ms | max ms | bytes | target |%n|---|---|---|---|---|---|---|%n"));
        try {
            md.append(timed(http, base + "/api/cases/map?status=reported,registered,dispatched,in_progress,handled,parked",
                    "the map's default: open cases, whole city (aggregated per cell above 5,000 points)", 50, "p95 < 150 ms"));
            md.append(timed(http, base + "/api/cases/map?due=overdue", "the map, overdue only", 50, ""));
            md.append(timed(http, base + "/api/cases/map?from=" + ANCHOR.minusDays(30) + "&to=" + ANCHOR, "the map, every case of the last 30 days", 30, ""));
            md.append(timed(http, base + "/api/cases/map", "the map, all cases ever (worst case)", 10, ""));
            md.append(timed(http, base + "/api/cases?due=overdue&sort=due&limit=50", "overdue list, first page", 30, ""));
            for (String by : new String[] {"district", "community", "cell", "worker", "category"}) {
                md.append(timed(http, base + "/api/kpis?by=" + by + "&" + year, "KPIs per " + by + ", whole city, one year", KPI_REQUESTS, "< 1 s"));
            }
            // the most edge days a period can have: half a month at each end, read from the cases
            String midMonths = "from=" + ANCHOR.minusYears(1).withDayOfMonth(16) + "&to=" + ANCHOR.withDayOfMonth(15);
            for (String by : new String[] {"district", "cell"}) {
                md.append(timed(http, base + "/api/kpis?by=" + by + "&" + midMonths, "KPIs per " + by + ", whole city, a year from mid-month to mid-month",
                        KPI_REQUESTS, "< 1 s"));
            }
            md.append(timed(http, base + "/api/hotspots?category=0102&" + year, "Gi* hotspots, one category, one year", 5, "< 2 s"));
        } finally {
            app.stop();
        }
        return md.append(kpiStatements(db)).toString();
    }

    static final int KPI_REQUESTS = 10;

    /**
     * The KPI statement from the monthly summary against the scan of the year's cases (the statement before the
     * summary), alternating, through the repository (no HTTP), whole city, one year.
     */
    static String kpiStatements(Database db) throws Exception {
        KpiRepository kpis = new KpiRepository(db.dataSource());
        LocalDate from = ANCHOR.minusYears(1), to = ANCHOR.minusDays(1);
        StringBuilder md = new StringBuilder(String.format("%n### KPIs for one year, whole city: the summary against the scan, alternating"
                + " (%d rounds after one warm-up each; the repository's statement, no HTTP)%n%nLoad average before: %s%n%n"
                + "| dimension | summary p50 ms | summary max ms | scan p50 ms | scan max ms | scan p50 / summary p50 | same rows |%n"
                + "|---|---|---|---|---|---|---|%n", KPI_REQUESTS, loadAverage()));
        for (KpiRepository.By by : KpiRepository.By.values()) {
            List<Double> summary = new ArrayList<>(), scan = new ArrayList<>();
            String a = "", b = "";
            for (int i = 0; i <= KPI_REQUESTS; i++) {
                long t = System.nanoTime();
                a = describe(kpis.rows(by, from, to, CaseScope.ALL));
                if (i > 0) summary.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                b = describe(kpis.scannedRows(by, from, to, CaseScope.ALL));
                if (i > 0) scan.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(summary);
            Collections.sort(scan);
            md.append(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %.1f× | %s |%n", by.name().toLowerCase(), pct(summary, 0.5),
                    summary.get(summary.size() - 1), pct(scan, 0.5), scan.get(scan.size() - 1), pct(scan, 0.5) / pct(summary, 0.5),
                    a.equals(b) ? "yes" : "NO"));
        }
        return md.toString();
    }

    /** The rows as text, in a stable order (for comparing the two statements' answers). */
    static String describe(List<KpiRepository.Row> rows) {
        return rows.stream().map(r -> r.total() + "|" + r.key() + "|" + r.label() + "|" + java.util.Arrays.toString(r.counts()) + "|"
                + java.util.Arrays.toString(r.rates()) + "|" + java.util.Arrays.toString(r.hours()) + "|" + r.byStatusJson()).sorted()
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    static String timed(HttpClient http, String url, String what, int n, String target) throws Exception {
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < n + 5; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            double d = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException(url + " → " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
            bytes = r.body().length;
            if (i >= 5) ms.add(d);
        }
        Collections.sort(ms);
        String path = url.substring(url.indexOf("/api/"));
        return String.format("| %s: `GET %s` | %d | %.0f | %.0f | %.0f | %,d | %s |%n", what, path, n, pct(ms, 0.5), pct(ms, 0.95), ms.get(ms.size() - 1),
                bytes, target);
    }

    /** The 1-minute load average (other work on the machine shows in the figures). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double pct(List<Double> sorted, double q) {
        if (sorted.isEmpty()) return Double.NaN;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static long count(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CasesBench.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
