package gridmap.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoLoader;
import io.javalin.Javalin;

/**
 * The real server on a free port against the real PostGIS test database with the demo loaded,
 * started once per test JVM and shared by the test classes.
 */
public final class TestServer {
    private static TestServer instance;

    public final Database db;
    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestServer() throws Exception {
        db = new Database(DbConfig.testFromEnv(), 8);
        db.migrate();
        new DemoLoader(db.dataSource()).load(false);
        app = GridmapServer.create(db, new ServerConfig(0, null, "")).start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { app.stop(); db.close(); }));
    }

    public static synchronized TestServer start() throws Exception {
        if (instance == null) instance = new TestServer();
        return instance;
    }

    public String baseUrl() { return "http://localhost:" + app.port(); }

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Response get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET());
    }

    public Response send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }
}
