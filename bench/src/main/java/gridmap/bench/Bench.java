package gridmap.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoLoader;
import gridmap.data.demo.TonglingDemoGenerator;
import gridmap.data.map.Layer;
import gridmap.data.map.LayerRepository;
import gridmap.server.GridmapServer;
import gridmap.server.ServerConfig;
import io.javalin.Javalin;

/**
 * The benchmark harness (never run by the tests): each comparison runs its contenders side by
 * side in one process, interleaved round by round so machine noise hits both alike, and reports
 * medians and their ratio. Run with {@code ./gridmap bench}; results are printed as Markdown and
 * written to bench/target/results.md for docs/PERFORMANCE.md. Other benchmarks are classes named
 * {@code <Name>Bench} run by {@code ./gridmap bench name} (see {@link #main}).
 */
public final class Bench {
    static final int WARMUP = 10;

    private Bench() {}

    /**
     * {@code ./gridmap bench [rounds]} runs the layer comparison below; {@code ./gridmap bench NAME
     * [args]} runs the class {@code gridmap.bench.<Name>Bench}'s {@code static void run(String[])}
     * (e.g. {@code merge} → {@link MergeBench}), so a new benchmark is a new class and nothing else.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].matches("[a-z][a-z-]*")) {
            String name = args[0];
            String cls = "gridmap.bench." + Character.toUpperCase(name.charAt(0)) + name.substring(1).replace("-", "") + "Bench";
            Class<?> c;
            try {
                c = Class.forName(cls);
            } catch (ClassNotFoundException e) {
                System.err.println("no benchmark '" + name + "' (no class " + cls + ")");
                System.exit(2);
                return;
            }
            java.lang.reflect.Method run = c.getDeclaredMethod("run", String[].class);
            run.setAccessible(true);
            run.invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        DbConfig dbc = DbConfig.fromEnv();
        StringBuilder md = machine();
        try (Database db = new Database(dbc, 4)) {
            db.migrate();
            md.append(demoLoad(db));
            new DemoLoader(db.dataSource()).load(false);
            md.append(layerVsSql(db, dbc, Layer.GRID_CELLS, rounds));
            md.append(layerVsSql(db, dbc, Layer.COMMUNITIES, rounds));
            md.append(layerVsSql(db, dbc, Layer.CASES, rounds));
        }
        write(md, Path.of("bench/target/results.md"));
    }

    /** The first line of every report: what machine the figures come from. */
    static StringBuilder machine() {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
          .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append('\n');
        return md;
    }

    static void write(StringBuilder md, Path out) throws IOException {
        System.out.println(md);
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    /** Generation alone, then generation + insert in one transaction (a forced reload). */
    static String demoLoad(Database db) throws Exception {
        long t0 = System.nanoTime();
        var data = new TonglingDemoGenerator().generate();
        double gen = (System.nanoTime() - t0) / 1e9;
        DemoLoader.Outcome o = new DemoLoader(db.dataSource()).load(true);
        return String.format("%n### Demo load%n%n| step | seconds |%n|---|---|%n| generate (%d units, %d cells, %d cases) | %.1f |%n"
                        + "| generate + insert (forced reload, one transaction) | %.1f |%n",
                data.units().size(), data.cells().size(), data.cases().size(), gen, o.millis() / 1e3);
    }

    /**
     * The HTTP endpoint for a whole layer against the raw SQL that builds the same GeoJSON in
     * PostGIS, run (a) by psql as a user would and (b) over JDBC (the database's share alone).
     */
    static String layerVsSql(Database db, DbConfig dbc, Layer layer, int rounds) throws Exception {
        Javalin app = GridmapServer.create(db, new ServerConfig(0, null, "")).start(0);
        // signed in like a browser: the session check is part of the measured server time
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://localhost:" + app.port();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"viewer\",\"password\":\"demo-viewer\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) throw new IllegalStateException("demo sign-in failed: " + login.body());
        URI uri = URI.create(base + "/api/layers/" + layer.id + "?limit=50000");
        String sql = LayerRepository.wholeLayerSql(layer);
        Path sqlFile = Files.createTempFile("gridmap-bench", ".sql");
        // psql's own \timing: the query's round trip including receiving the result, without
        // process start-up or printing (output goes to /dev/null). The query runs twice and the
        // second time counts: a new backend first loads PostGIS (~15 ms); the server's pool never does.
        Files.writeString(sqlFile, "\\timing on\n" + sql + ";\n" + sql + ";\n");
        // curl, with the same session cookie: its own %{time_total} is the request as a lean client
        // sees it (no process start), the closest outside measure of the server's time
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        List<Double> httpMs = new ArrayList<>(), curlMs = new ArrayList<>(), psqlMs = new ArrayList<>(), jdbcMs = new ArrayList<>();
        long httpBytes = 0;
        try (Connection c = db.dataSource().getConnection()) {
            for (int i = 0; i < rounds + WARMUP; i++) { // warm-up rounds (JIT, caches) are dropped
                long t = System.nanoTime();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
                double h = (System.nanoTime() - t) / 1e6;
                if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
                httpBytes = r.body().length;

                double k = curlMillis(uri, cookie);
                double p = psqlMillis(dbc, sqlFile);

                t = System.nanoTime();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    rs.getString(1).length();
                }
                double j = (System.nanoTime() - t) / 1e6;
                if (i >= WARMUP) { httpMs.add(h); curlMs.add(k); psqlMs.add(p); jdbcMs.add(j); }
            }
        } finally {
            app.stop();
            Files.deleteIfExists(sqlFile);
        }
        double h = median(httpMs), k = median(curlMs), p = median(psqlMs), j = median(jdbcMs);
        return String.format("%n### Whole layer `%s` (%d rounds, medians)%n%n| contender | ms | bytes | ratio to psql |%n|---|---|---|---|%n"
                        + "| `GET /api/layers/%s` timed by `curl` (its `time_total`) | %.1f | %d | **%.2f×** |%n"
                        + "| the same request from Java's HttpClient in this process | %.1f | | %.2f× |%n"
                        + "| same GeoJSON built by one SQL statement in `psql` (its `\\timing`) | %.1f | | 1.00× |%n"
                        + "| same SQL over JDBC from this process | %.1f | | %.2f× |%n",
                layer.id, rounds, layer.id, k, httpBytes, k / p, h, h / p, p, j, j / p);
    }

    /** Fetches the URL with curl and returns the total time curl itself reports. */
    static double curlMillis(URI uri, String cookie) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-H", "Cookie: " + cookie,
                uri.toString()).redirectErrorStream(true).start();
        String[] out = new String(proc.getInputStream().readAllBytes()).trim().split(" ");
        if (proc.waitFor() != 0 || !out[0].equals("200")) throw new IllegalStateException("curl failed: " + String.join(" ", out));
        return Double.parseDouble(out[1]) * 1000;
    }

    /** Runs the SQL file with psql and returns the last query time its \\timing reports. */
    static double psqlMillis(DbConfig dbc, Path sqlFile) throws IOException, InterruptedException {
        // jdbc:postgresql://host:port/db → psql arguments
        String rest = dbc.url().replaceFirst("^jdbc:postgresql://", "");
        String hostPort = rest.substring(0, rest.indexOf('/'));
        String dbName = rest.substring(rest.indexOf('/') + 1).replaceFirst("\\?.*$", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-At", "-h", host, "-p", port, "-U", dbc.user(), "-d", dbName,
                "-o", "/dev/null", "-c", "SET search_path TO gridmap, public", "-f", sqlFile.toString());
        Map<String, String> env = pb.environment();
        env.put("PGPASSWORD", dbc.password());
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes());
        if (proc.waitFor() != 0) throw new IllegalStateException("psql failed: " + out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Time: ([0-9.]+) ms").matcher(out);
        double last = Double.NaN;
        while (m.find()) last = Double.parseDouble(m.group(1));
        if (Double.isNaN(last)) throw new IllegalStateException("no timing in psql output: " + out);
        return last;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
