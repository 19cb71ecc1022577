package gridmap.server;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoLoader;
import io.javalin.Javalin;

/**
 * The real server on a free port against the real PostGIS test database with the demo loaded,
 * started once per test JVM and shared by the test classes; clients sign in as the demo users
 * (password "demo-" + username) with a cookie jar each, or send an API token.
 */
public final class TestServer {
    private static TestServer instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Database db;
    private final Javalin app;
    /** The route table the server was built with. */
    public final gridmap.server.http.Routes routes;
    private final Map<String, Client> sessions = new ConcurrentHashMap<>();

    private TestServer() throws Exception {
        // the tests file many cases from few accounts; the limits' own test lowers them for a moment
        for (String k : new String[] {"GRIDMAP_INTAKE_PER_ACCOUNT", "GRIDMAP_INTAKE_PER_COMMAND", "GRIDMAP_INTAKE_PER_TOKEN", "GRIDMAP_INTAKE_PER_ADDRESS"}) {
            if (System.getProperty(k) == null) System.setProperty(k, "1000000");
        }
        db = new Database(DbConfig.testFromEnv(), 8);
        db.migrate();
        new DemoLoader(db.dataSource()).load(false);
        GridmapServer.Built built = GridmapServer.build(db, new ServerConfig(0, null, ""));
        routes = built.routes();
        app = built.app().start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { app.stop(); db.close(); }));
    }

    public static synchronized TestServer start() throws Exception {
        if (instance == null) instance = new TestServer();
        return instance;
    }

    public String baseUrl() { return "http://localhost:" + app.port(); }

    /** A client signed in as a demo user (cached: one session per user per test run). */
    public Client as(String username) throws Exception {
        Client c = sessions.get(username);
        if (c != null && c.get("/api/me").status() == 200) return c;
        c = new Client(null);
        Response r = c.post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"demo-" + username + "\"}");
        if (r.status() != 200) throw new AssertionError("login as " + username + " failed: " + r.status() + " " + r.body());
        sessions.put(username, c);
        return c;
    }

    public Client admin() throws Exception { return as("admin"); }

    /** A client with no session and no token. */
    public Client anonymous() { return new Client(null); }

    /** A client that sends an API token. */
    public Client bearer(String token) { return new Client(token); }

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }
    }

    public final class Client {
        private final HttpClient http;
        private final String token;
        public final CookieManager cookies = new CookieManager();

        Client(String token) {
            this.token = token;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
        }

        public Response get(String path) throws Exception { return send(req(path).GET()); }

        /** This client's own HttpClient (its cookies), for bodies that are not text or never end (streams). */
        public HttpClient http() { return http; }

        public Response delete(String path) throws Exception { return send(req(path).DELETE()); }

        public Response post(String path, String json) throws Exception { return send(path, "POST", json, "application/json"); }

        public Response put(String path, String json) throws Exception { return send(path, "PUT", json, "application/json"); }

        public Response patch(String path, String json) throws Exception { return send(path, "PATCH", json, "application/json"); }

        public Response send(String path, String method, String body, String contentType) throws Exception {
            HttpRequest.Builder b = req(path).method(method, HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) b.header("Content-Type", contentType);
            return send(b);
        }

        public HttpRequest.Builder req(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
            if (token != null) b.header("Authorization", "Bearer " + token);
            return b;
        }

        public Response send(HttpRequest.Builder b) throws Exception {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers().map());
        }
    }
}
