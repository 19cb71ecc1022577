package gridmap.server;

import static gridmap.server.auth.Permission.ADMIN;
import static gridmap.server.auth.Permission.CASES_CREATE;
import static gridmap.server.auth.Permission.CASES_READ;
import static gridmap.server.auth.Permission.CELLS_ASSIGN;
import static gridmap.server.auth.Permission.GEOMETRY_CHECK;
import static gridmap.server.auth.Permission.MAP_READ;

import java.time.Duration;

import javax.sql.DataSource;

import gridmap.data.Database;
import gridmap.data.audit.AuditLog;
import gridmap.data.auth.LoginFailures;
import gridmap.data.auth.SessionRepository;
import gridmap.data.auth.TokenRepository;
import gridmap.data.auth.UserRepository;
import gridmap.data.cases.CaseRepository;
import gridmap.data.demo.DemoLoader;
import gridmap.data.map.CellRepository;
import gridmap.data.map.LayerRepository;
import gridmap.data.map.UnitRepository;
import gridmap.server.auth.Access;
import gridmap.server.auth.Authenticator;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/** Wires routes to handlers. Handlers stay thin: parse, call a repository or service, write. */
public final class GridmapServer {
    /** Request bodies larger than this are refused with 413 before any handler runs. */
    public static final long MAX_REQUEST_BYTES = 2_000_000;

    private GridmapServer() {}

    /** A browser session ends after this long unused, and in any case this long after sign-in. */
    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    public static final Duration SESSION_ABSOLUTE = Duration.ofHours(12);
    /** Failed sign-ins are counted over this window. */
    public static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);

    public static Javalin create(Database db, ServerConfig cfg) {
        DataSource ds = db.dataSource();
        UserRepository users = new UserRepository(ds);
        SessionRepository sessions = new SessionRepository(ds, SESSION_IDLE, SESSION_ABSOLUTE);
        TokenRepository tokens = new TokenRepository(ds);
        Access access = new Access(new Authenticator(sessions, tokens));

        HealthHandler health = new HealthHandler(db);
        AuthHandlers auth = new AuthHandlers(users, sessions, new LoginFailures(ds, LOGIN_WINDOW), access);
        MapHandlers map = new MapHandlers(new LayerRepository(ds), new UnitRepository(ds), cfg, access, new DemoLoader(ds));
        CaseHandlers cases = new CaseHandlers(new CaseRepository(ds), access);
        CellHandlers cells = new CellHandlers(new CellRepository(ds), access);
        GeometryHandlers geometry = new GeometryHandlers();
        AdminHandlers admin = new AdminHandlers(users, tokens, new AuditLog(ds), access);

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true; // a known path with the wrong method says so
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler()));
        });
        SecurityHeaders headers = new SecurityHeaders(cfg);
        app.before(RequestIds::assign);
        app.before(headers::apply);
        // Jetty would answer HEAD for any GET route without running it (and so without its
        // guard); the API has no use for HEAD
        app.before("/api/*", ctx -> {
            if (ctx.method() == io.javalin.http.HandlerType.HEAD) throw new ApiException(405, "HEAD is not supported on the API");
        });
        Problems.install(app);

        // public
        app.get("/api/health", health::handle);
        app.get("/api/config", map::config);
        app.post("/api/login", auth::login);
        app.post("/api/logout", auth::logout);
        // every other route names what it needs; the handlers apply spatial scope
        app.get("/api/me", access.authenticated(auth::me));
        app.get("/api/layers", access.require(MAP_READ, map::listLayers));
        app.get("/api/layers/{layer}", access.require(MAP_READ, map::layerFeatures));
        app.get("/api/units/{id}", access.require(MAP_READ, map::unit));
        app.get("/api/cells/{id}", access.require(MAP_READ, map::cell));
        app.get("/api/search", access.require(MAP_READ, map::search));
        app.get("/api/categories", access.require(MAP_READ, cases::categories));
        app.get("/api/cases/{id}", access.require(CASES_READ, cases::byId));
        app.post("/api/cases", access.require(CASES_CREATE, cases::create));
        app.post("/api/geometry/check", access.require(GEOMETRY_CHECK, geometry::check));
        app.put("/api/cells/{id}/worker", access.require(CELLS_ASSIGN, cells::assignWorker));
        app.get("/api/users", access.require(ADMIN, admin::listUsers));
        app.post("/api/users", access.require(ADMIN, admin::createUser));
        app.patch("/api/users/{id}", access.require(ADMIN, admin::updateUser));
        app.get("/api/tokens", access.require(ADMIN, admin::listTokens));
        app.post("/api/tokens", access.require(ADMIN, admin::createToken));
        app.delete("/api/tokens/{id}", access.require(ADMIN, admin::revokeToken));
        app.get("/api/audit", access.require(ADMIN, admin::audit));
        app.get("/api/audit.csv", access.require(ADMIN, admin::auditCsv));
        return app;
    }
}
