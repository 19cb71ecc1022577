package gridmap.server;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Database;
import gridmap.data.audit.AuditLog;
import gridmap.data.auth.LoginFailures;
import gridmap.data.auth.SessionRepository;
import gridmap.data.auth.TokenRepository;
import gridmap.data.auth.UserRepository;
import gridmap.data.cases.CaseNotifier;
import gridmap.data.cases.KpiSummary;
import gridmap.data.cases.ReferenceData;
import gridmap.data.demo.DemoLoader;
import gridmap.data.io.Importer;
import gridmap.data.io.LayerExport;
import gridmap.data.map.CellRepository;
import gridmap.data.map.LayerRepository;
import gridmap.data.map.UnitRepository;
import gridmap.data.plan.HistoryRepository;
import gridmap.data.plan.PlanCommit;
import gridmap.data.plan.PlanPreview;
import gridmap.data.plan.PlanRepository;
import gridmap.data.preferences.PreferenceRepository;
import gridmap.server.admin.AdminRoutes;
import gridmap.server.auth.Access;
import gridmap.server.auth.AuthRoutes;
import gridmap.server.auth.Authenticator;
import gridmap.server.cases.CaseAdminRoutes;
import gridmap.server.cases.CaseRoutes;
import gridmap.server.cases.CaseStatsRoutes;
import gridmap.server.cases.IntakeLimits;
import gridmap.server.cases.ReportIntake;
import gridmap.server.open311.Open311Routes;
import gridmap.server.geometry.GeometryRoutes;
import gridmap.server.http.ApiException;
import gridmap.server.http.BoundedBody;
import gridmap.server.http.JettyProblemHandler;
import gridmap.server.http.MethodOverrideFilter;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import gridmap.server.http.SecurityHeaders;
import gridmap.server.map.CellRoutes;
import gridmap.server.map.MapRoutes;
import gridmap.server.io.ExportRoutes;
import gridmap.server.io.ImportJobs;
import gridmap.server.io.ImportRoutes;
import gridmap.server.plan.HistoryRoutes;
import gridmap.server.plan.PlanRoutes;
import gridmap.server.privacy.PrivacyRoutes;
import gridmap.server.privacy.Retention;
import gridmap.data.privacy.PersonalData;
import gridmap.server.preferences.PreferenceRoutes;
import gridmap.server.water.WaterRoutes;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/**
 * Builds the server: the HTTP plumbing shared by every route (request ids, security headers,
 * problem details, body caps), then the route groups, one per feature. A feature adds its group
 * to {@link #routeGroups}; the groups declare their own paths, permissions and query parameters.
 */
public final class GridmapServer {
    private GridmapServer() {}

    /** A browser session ends after this long unused, and in any case this long after sign-in. */
    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    public static final Duration SESSION_ABSOLUTE = Duration.ofHours(12);
    /** Failed sign-ins are counted over this window. */
    public static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);
    /** How often the server folds case changes into the monthly KPI summary. */
    public static final Duration KPI_FOLD_PERIOD = Duration.ofSeconds(5);

    /** The server and its route table (for tests and the API description). */
    public record Built(Javalin app, Routes routes) {}

    public static Javalin create(Database db, ServerConfig cfg) { return build(db, cfg).app(); }

    public static Built build(Database db, ServerConfig cfg) {
        DataSource ds = db.dataSource();
        UserRepository users = new UserRepository(ds);
        SessionRepository sessions = new SessionRepository(ds, SESSION_IDLE, SESSION_ABSOLUTE);
        TokenRepository tokens = new TokenRepository(ds);
        Access access = new Access(new Authenticator(sessions, tokens));

        SecurityHeaders headers = new SecurityHeaders(cfg.basemapUrl());
        KpiSummary kpiSummary = new KpiSummary(ds);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            // KPI requests count the changes not folded yet too; folding keeps them few (a few seconds of reports)
            config.events(e -> {
                e.serverStarted(() -> kpiSummary.every(KPI_FOLD_PERIOD));
                e.serverStopped(kpiSummary::close);
            });
            config.http.maxRequestSize = BoundedBody.MAX_BYTES;
            config.http.prefer405over404 = true; // a known path with the wrong method says so
            config.jsonMapper(new JavalinJackson(gridmap.server.http.Json.MAPPER, false));
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler(headers)));
            config.jetty.modifyServletContextHandler(h -> {
                h.setErrorHandler(new JettyProblemHandler(headers));
                h.addFilter(MethodOverrideFilter.class, "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
            });
        });
        app.before(RequestIds::assign);
        app.before(headers::apply);
        // Jetty would answer HEAD for any GET route without running it (and so without its
        // guard); the API has no use for HEAD
        app.before("/api/*", ctx -> {
            if (ctx.method() == io.javalin.http.HandlerType.HEAD) throw new ApiException(405, "HEAD is not supported on the API");
        });
        Problems.install(app);

        Routes routes = new Routes(app, access);
        for (RouteGroup g : routeGroups(db, cfg, access, users, sessions, tokens)) g.register(routes);
        return new Built(app, routes);
    }

    /** Every feature's routes. */
    private static List<RouteGroup> routeGroups(Database db, ServerConfig cfg, Access access, UserRepository users,
                                                SessionRepository sessions, TokenRepository tokens) {
        DataSource ds = db.dataSource();
        ReferenceData reference = new ReferenceData(ds);
        CaseNotifier notifier = new CaseNotifier(ds);
        ReportIntake intake = new ReportIntake(ds, reference, notifier, IntakeLimits::fromEnv);
        return List.of(
                new HealthRoutes(db, access),
                new AuthRoutes(users, sessions, new LoginFailures(ds, LOGIN_WINDOW), access),
                new MapRoutes(new LayerRepository(ds), new UnitRepository(ds), cfg, access, new DemoLoader(ds)),
                new CellRoutes(new CellRepository(ds), access),
                new CaseRoutes(ds, db.config(), reference, notifier, intake, access),
                new CaseAdminRoutes(ds, reference, access),
                new CaseStatsRoutes(ds, access),
                new Open311Routes(ds, intake, access),
                new GeometryRoutes(),
                new AdminRoutes(users, tokens, new AuditLog(ds), access),
                new PreferenceRoutes(new PreferenceRepository(ds), access),
                new ImportRoutes(new ImportJobs(new Importer(ds)), access),
                new ExportRoutes(new LayerExport(ds), access),
                new PlanRoutes(new PlanRepository(ds), new PlanPreview(ds), new PlanCommit(ds), access),
                new HistoryRoutes(new HistoryRepository(ds)),
                new WaterRoutes(ds, access),
                new PrivacyRoutes(new PersonalData(ds), retention(ds), access));
    }

    /** The retention period of residents' details, from the environment (see {@link Retention}). */
    public static Retention retention(DataSource ds) {
        return new Retention(new PersonalData(ds), Retention.yearsFromEnv(), java.time.Clock.systemUTC());
    }
}
