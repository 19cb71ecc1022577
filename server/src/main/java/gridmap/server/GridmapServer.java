package gridmap.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import gridmap.data.Database;
import gridmap.data.map.LayerRepository;
import gridmap.data.map.UnitRepository;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/** Wires routes to handlers. Handlers stay thin: parse, call a repository or service, write. */
public final class GridmapServer {
    /** Request bodies larger than this are refused with 413 before any handler runs. */
    public static final long MAX_REQUEST_BYTES = 2_000_000;

    private GridmapServer() {}

    public static Javalin create(Database db, ServerConfig cfg) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        MapHandlers map = new MapHandlers(new LayerRepository(db.dataSource()), new UnitRepository(db.dataSource()), cfg);
        HealthHandler health = new HealthHandler(db.dataSource());

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler()));
        });
        app.before(RequestIds::assign);
        Problems.install(app);

        app.get("/api/health", health::handle);
        app.get("/api/config", map::config);
        app.get("/api/layers", map::listLayers);
        app.get("/api/layers/{layer}", map::layerFeatures);
        app.get("/api/units/{id}", map::unit);
        app.get("/api/cells/{id}", map::cell);
        app.get("/api/search", map::search);
        return app;
    }
}
