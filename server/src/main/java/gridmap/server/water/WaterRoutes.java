package gridmap.server.water;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.audit.AuditLog.RawJson;
import gridmap.data.cases.CaseScope;
import gridmap.data.water.BasinAnalysis;
import gridmap.data.water.BasinRepository;
import gridmap.data.water.CaseView;
import gridmap.data.water.ChiefRepository;
import gridmap.data.water.CrossRegionReport;
import gridmap.data.water.Navigation;
import gridmap.data.water.ProjectDownstream;
import gridmap.data.water.ProjectRepository;
import gridmap.data.water.QualityReport;
import gridmap.data.water.WaterTrace;
import gridmap.geo.hydro.UpAreaCheck;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * Watershed planning: basins and their overlay on the administrative map, upstream and
 * downstream of a basin or a point (by walk or Pfafstetter rule), river reaches, pollution
 * tracing, the UP_AREA data-quality report and the cross-region coordination report; water
 * projects ({@link ProjectRoutes}) and the river-chief system ({@link ChiefRoutes}). Everyone
 * who reads the map reads these; watershed planners and administrators write.
 */
public final class WaterRoutes implements RouteGroup {
    private final BasinRepository basins;
    private final BasinAnalysis analysis;
    private final Navigation navigation;
    private final WaterTrace trace;
    private final QualityReport quality;
    private final CrossRegionReport crossRegion;
    private final ProjectRoutes projects;
    private final ChiefRoutes chiefs;
    private final Access access;

    public WaterRoutes(DataSource ds, Access access) {
        this.basins = new BasinRepository(ds);
        this.analysis = new BasinAnalysis(ds);
        this.navigation = new Navigation(ds);
        this.trace = new WaterTrace(ds);
        this.quality = new QualityReport(ds);
        this.crossRegion = new CrossRegionReport(ds);
        this.projects = new ProjectRoutes(new ProjectRepository(ds), new ProjectDownstream(ds), access);
        this.chiefs = new ChiefRoutes(new ChiefRepository(ds), access);
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.MAP_READ);
        r.get("/api/basins/stats", read, this::stats, "level"); // before /{id}: the first matching route wins
        r.get("/api/basins/{id}", read, this::basin);
        r.get("/api/basins/{id}/upstream", read, (ctx, p) -> navigate(ctx, p, Navigation.Direction.UPSTREAM), "method", "geometry");
        r.get("/api/basins/{id}/downstream", read, (ctx, p) -> navigate(ctx, p, Navigation.Direction.DOWNSTREAM), "method", "geometry");
        r.get("/api/upstream", read, this::upstreamOfPoint, "lon", "lat", "method", "geometry");
        r.get("/api/reaches/{id}", read, this::reach);
        r.get("/api/pollution-trace", read, this::pollutionTrace, "lon", "lat", "max_km", "types");
        r.get("/api/reports/basin-quality", read, this::basinQuality, "tolerance");
        r.get("/api/reports/cross-region", read, this::crossRegion, "level", "min_share");
        r.get("/api/reports/cross-region.csv", read, this::crossRegionCsv, "level", "min_share");
        projects.register(r);
        chiefs.register(r);
    }

    /**
     * The open cases a water analysis lists for this caller: their own case scope when they handle
     * cases, water cases anywhere for watershed planners, none (counts only) for the rest.
     */
    static CaseView caseView(Principal who) {
        if (who.may(Permission.CASES_READ)) return new CaseView(who.caseScope(), false);
        if (who.may(Permission.WATER_WRITE)) return new CaseView(CaseScope.ALL, true);
        return CaseView.NONE;
    }

    void stats(Context ctx, Params p) throws Exception {
        ctx.json(analysis.stats(WaterParams.level(p)));
    }

    public record BasinView(RawJson feature, BasinAnalysis.BasinOverlay analysis) {}

    void basin(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Optional<String> feature = basins.featureById(id);
        if (feature.isEmpty()) throw ApiException.notFound("no river basin with id " + id);
        ctx.json(new BasinView(new RawJson(feature.get()), analysis.overlay(id).orElseThrow()));
    }

    void navigate(Context ctx, Params p, Navigation.Direction direction) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.json(navigation.navigate(id, direction, WaterParams.method(p), WaterParams.flag(p, "geometry", true))
                .orElseThrow(() -> ApiException.notFound("no river basin with id " + id)));
    }

    public record PointUpstream(double lon, double lat, Navigation.Result basins, WaterTrace.RiverUpstream river) {}

    /** Upstream of a place (a drinking-water intake): the basins above the one it lies in, and the reaches above it. */
    void upstreamOfPoint(Context ctx, Params p) throws Exception {
        double lon = WaterParams.lon(p), lat = WaterParams.lat(p);
        BasinRepository.BasinRef basin = basins.finestAt(lon, lat)
                .orElseThrow(() -> new ApiException(422, "the point " + lon + ", " + lat + " lies outside every river basin"));
        Navigation.Result up = navigation.navigate(basin.id(), Navigation.Direction.UPSTREAM, WaterParams.method(p),
                WaterParams.flag(p, "geometry", true)).orElseThrow();
        ctx.json(new PointUpstream(lon, lat, up, trace.riverUpstream(lon, lat).orElse(null)));
    }

    void reach(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.json(trace.reach(id).orElseThrow(() -> ApiException.notFound("no river reach with id " + id)));
    }

    void pollutionTrace(Context ctx, Params p) throws Exception {
        double lon = WaterParams.lon(p), lat = WaterParams.lat(p);
        double maxKm = WaterParams.decimal(p, "max_km", 20.0, 0.1, 500);
        ctx.json(trace.upstream(lon, lat, maxKm, WaterParams.types(p), caseView(access.principal(ctx)))
                .orElseThrow(() -> new ApiException(422, "no river within " + (int) WaterTrace.MAX_SNAP_M + " m of " + lon + ", " + lat)));
    }

    void basinQuality(Context ctx, Params p) throws Exception {
        ctx.json(quality.report(WaterParams.decimal(p, "tolerance", UpAreaCheck.DEFAULT_TOLERANCE, 0.0001, 1)));
    }

    void crossRegion(Context ctx, Params p) throws Exception {
        ctx.json(crossRegion.rows(WaterParams.level(p), WaterParams.decimal(p, "min_share", 0.01, 0, 0.5)));
    }

    void crossRegionCsv(Context ctx, Params p) throws Exception {
        var rows = crossRegion.rows(WaterParams.level(p), WaterParams.decimal(p, "min_share", 0.01, 0, 0.5));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"cross-region.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        CrossRegionReport.writeCsv(rows, out);
        out.flush();
    }
}
