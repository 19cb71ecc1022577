package gridmap.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoLoader;
import gridmap.data.plan.Fabric;
import gridmap.data.plan.OperationJson;
import gridmap.data.plan.PlanApplier;
import gridmap.data.plan.PlanPreview;
import gridmap.server.GridmapServer;
import gridmap.server.ServerConfig;
import io.javalin.Javalin;

/**
 * Plans on the Tongling demo (issue 7), over HTTP as a signed-in planner: the preview of the 2010
 * reform (49 → 18, docs/plans/tongling-2010.json) beside its parts in process (reading the
 * district's units and cells, applying the plan: merges, validation, metrics, lineage), the
 * suggestion for 铜官区, and the commit (each commit on a freshly reloaded demo; the reload is
 * not timed, and the demo is reloaded once more at the end so the database is as before).
 * CoverageValidate on the whole demo comes from {@link MergeBench#validateTimes}.
 * Run with {@code ./gridmap bench plans [rounds]}; writes bench/target/plans-results.md.
 */
final class PlansBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlansBench() {}

    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        StringBuilder md = Bench.machine();
        try (Database db = new Database(DbConfig.fromEnv(), 6)) {
            db.migrate();
            DemoLoader demo = new DemoLoader(db.dataSource());
            demo.load(true);
            Javalin app = GridmapServer.create(db, new ServerConfig(0, null, "")).start(0);
            try {
                Client planner = new Client("http://localhost:" + app.port(), "planner");
                md.append(preview(db, planner, rounds));
                md.append(MergeBench.validateTimes(rounds));
                md.append(suggestion(planner, Math.max(5, rounds / 4)));
                md.append(commit(db, demo, planner, 5));
            } finally {
                app.stop();
                demo.load(true);
            }
        }
        Bench.write(md, Path.of("bench/target/plans-results.md"));
    }

    static JsonNode planFile() throws Exception {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("docs/plans/tongling-2010.json");
            if (Files.exists(f)) return JSON.readTree(Files.readString(f));
        }
        throw new IllegalStateException("docs/plans/tongling-2010.json not found");
    }

    /** The preview over HTTP, interleaved with its two big parts run in this process. */
    static String preview(Database db, Client planner, int rounds) throws Exception {
        JsonNode plan = planner.post("/api/plans", planFile().toString(), 201);
        String uri = "/api/plans/" + plan.get("id").asLong() + "/preview";
        long district = count(db, "SELECT id FROM admin_unit WHERE code = '340705' AND valid_to IS NULL");
        PlanPreview previews = new PlanPreview(db.dataSource());
        var ops = OperationJson.read(plan.get("operations"), OperationJson.STORED);
        List<Double> http = new ArrayList<>(), httpCpu = new ArrayList<>(), load = new ArrayList<>(), loadCpu = new ArrayList<>(),
                apply = new ArrayList<>(), applyCpu = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < rounds + Bench.WARMUP; i++) {
            long t = System.nanoTime(), p = processCpu();
            HttpResponse<byte[]> r = planner.get(uri);
            double h = ms(t), hc = (processCpu() - p) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException("preview: HTTP " + r.statusCode());
            bytes = r.body().length;
            t = System.nanoTime();
            long c = threadCpu();
            Fabric f = previews.fabric(district);
            double l = ms(t), lc = (threadCpu() - c) / 1e6;
            t = System.nanoTime();
            c = threadCpu();
            PlanApplier.apply(f, ops);
            double a = ms(t), ac = (threadCpu() - c) / 1e6;
            if (i >= Bench.WARMUP) {
                http.add(h); httpCpu.add(hc); load.add(l); loadCpu.add(lc); apply.add(a); applyCpu.add(ac);
            }
        }
        return String.format("%n### Preview of the Tongling reform, 49 → 18 (%d rounds, medians)%n%n"
                        + "| contender | wall ms (median) | wall ms (best) | CPU ms (median) |%n|---|---|---|---|%n"
                        + "| `GET /api/plans/{id}/preview` over HTTP, signed in (%,d bytes of JSON); CPU: the whole server process and client | **%.1f** | %.1f | %.1f |%n"
                        + "| in process: read the district's 55 units and %d cells (WKB → JTS); CPU: this thread (PostgreSQL's not counted) | %.1f | %.1f | %.1f |%n"
                        + "| in process: apply the plan (remove a level, 18 merges, codes, cells renumbered, lineage, validation, metrics); CPU: this thread | %.1f | %.1f | %.1f |%n",
                rounds, bytes, Bench.median(http), Collections.min(http), Bench.median(httpCpu), cellCount(db, district), Bench.median(load),
                Collections.min(load), Bench.median(loadCpu), Bench.median(apply), Collections.min(apply), Bench.median(applyCpu));
    }

    private static long cellCount(Database db, long district) throws Exception {
        return count(db, "SELECT count(*) FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id JOIN admin_unit s ON s.id = c.parent_id"
                + " WHERE s.parent_id = ? AND g.valid_to IS NULL", district);
    }

    static String suggestion(Client planner, int rounds) throws Exception {
        String body = "{\"parent_code\":\"340705\",\"target\":{\"basis\":\"households\",\"min\":6173,\"max\":10288},\"count\":18,\"seed\":1}";
        List<Double> times = new ArrayList<>(), cpu = new ArrayList<>();
        JsonNode last = null;
        for (int i = 0; i < rounds + 2; i++) {
            long t = System.nanoTime(), p = processCpu();
            last = planner.post("/api/plans/suggest", body, 200);
            if (i >= 2) { times.add(ms(t)); cpu.add((processCpu() - p) / 1e6); }
        }
        return String.format("%n### Suggestion for 铜官区 over HTTP (%d rounds after 2 warm-ups)%n%n"
                        + "| request | wall ms (median) | wall ms (best) | process CPU ms (median) | groups | in range |%n|---|---|---|---|---|---|%n"
                        + "| `POST /api/plans/suggest` 49 communities → 18 groups of 6,173–10,288 households, seed 1 | **%.0f** | %.0f | %.0f | %d | %s |%n",
                rounds, Bench.median(times), Collections.min(times), Bench.median(cpu), last.get("count").asInt(),
                last.get("within_target").asBoolean() ? "all" : "not all");
    }

    /** Each round: reload the demo (untimed), save the plan, then time its commit. */
    static String commit(Database db, DemoLoader demo, Client planner, int rounds) throws Exception {
        List<Double> times = new ArrayList<>(), cpu = new ArrayList<>();
        JsonNode last = null;
        for (int i = 0; i < rounds + 1; i++) {
            demo.load(true);
            planner.signIn();
            JsonNode plan = planner.post("/api/plans", planFile().toString(), 201);
            String body = "{\"version\":" + plan.get("version").asInt() + ",\"effective_date\":\"2010-07-01\",\"legal_ref\":\"铜政〔2010〕42号\"}";
            long t = System.nanoTime(), p = processCpu();
            last = planner.post("/api/plans/" + plan.get("id").asLong() + "/commit", body, 200);
            if (i >= 1) { times.add(ms(t)); cpu.add((processCpu() - p) / 1e6); }
        }
        return String.format("%n### Commit of the Tongling reform over HTTP (%d rounds after a warm-up, each on a freshly loaded demo)%n%n"
                        + "| request | wall ms (median) | wall ms (best) | process CPU ms (median) | units closed / created | cells closed / created | open cases moved |%n"
                        + "|---|---|---|---|---|---|---|%n"
                        + "| `POST /api/plans/{id}/commit` (one transaction: plan re-applied, rows closed and inserted, lineage, cases, audit) | **%.0f** | %.0f | %.0f | %d / %d | %d / %d | %d |%n",
                rounds, Bench.median(times), Collections.min(times), Bench.median(cpu), last.get("units_closed").asInt(), last.get("units_created").asInt(),
                last.get("cells_closed").asInt(), last.get("cells_created").asInt(), last.get("cases_moved").asInt());
    }

    private static double ms(long t0) { return (System.nanoTime() - t0) / 1e6; }

    /** CPU time of this process so far, ns (all its threads: the server's and the client's). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long threadCpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    private static long count(Database db, String sql, Object... args) throws Exception {
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A signed-in demo user. */
    static final class Client {
        final String base, user;
        HttpClient http;

        Client(String base, String user) throws Exception {
            this.base = base;
            this.user = user;
            signIn();
        }

        void signIn() throws Exception {
            http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"demo-" + user + "\"}", 200);
        }

        HttpResponse<byte[]> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        JsonNode post(String path, String body, int expect) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expect) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body());
        }
    }
}
