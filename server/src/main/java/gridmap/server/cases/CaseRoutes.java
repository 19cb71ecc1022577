package gridmap.server.cases;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;

import gridmap.data.cases.CaseRepository;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import gridmap.server.http.Text;
import io.javalin.http.Context;

/** Reading one case within the caller's scope, and reporting a new one at a point. */
public final class CaseRoutes implements RouteGroup {
    static final int MAX_DESCRIPTION = 2000;

    private final CaseRepository cases;
    private final Access access;

    public CaseRoutes(CaseRepository cases, Access access) {
        this.cases = cases;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/categories", Routes.needs(Permission.MAP_READ), this::categories);
        r.get("/api/cases/{id}", Routes.needs(Permission.CASES_READ), this::byId);
        r.post("/api/cases", Routes.needs(Permission.CASES_CREATE), this::create);
    }

    void categories(Context ctx, Params p) throws SQLException {
        ctx.contentType("application/json").result(cases.categoriesJson().getBytes(StandardCharsets.UTF_8));
    }

    void byId(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Principal who = access.principal(ctx);
        Optional<String> f = cases.featureById(id, who.caseScope());
        if (f.isEmpty()) {
            throw cases.exists(id) ? new ApiException(403, "case " + id + " is outside your area")
                    : ApiException.notFound("no case with id " + id);
        }
        ctx.contentType("application/geo+json").result(f.get().getBytes(StandardCharsets.UTF_8));
    }

    record NewCaseRequest(String categoryCode, String description, Double lon, Double lat, String address) {}

    void create(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        NewCaseRequest r = Json.body(ctx, NewCaseRequest.class);
        if (r.categoryCode() == null || !r.categoryCode().matches("\\d{4}") || !cases.categoryExists(r.categoryCode())) {
            throw ApiException.badRequest("category_code must be one of the codes of GET /api/categories");
        }
        if (r.lon() == null || r.lat() == null) throw ApiException.badRequest("lon and lat are required");
        if (!Double.isFinite(r.lon()) || r.lon() < -180 || r.lon() > 180 || !Double.isFinite(r.lat()) || r.lat() < -90 || r.lat() > 90) {
            throw ApiException.badRequest("lon must be within -180..180 and lat within -90..90");
        }
        String description = Text.free("description", r.description(), MAX_DESCRIPTION);
        if (description == null || description.isEmpty()) throw ApiException.badRequest("description is required");
        String address = Text.free("address", r.address(), 200);

        String source = who.token() ? "citizen" : "grid_worker".equals(who.role()) ? "patrol" : "referral";
        CaseRepository.Report result = cases.report(who.actor(RequestIds.of(ctx)),
                new CaseRepository.NewCase(r.categoryCode(), description, address, source, r.lon(), r.lat()), who.caseScope());
        if (result instanceof CaseRepository.Report.OutsideCells) {
            throw new ApiException(422, "the point " + r.lon() + ", " + r.lat() + " is outside every grid cell");
        }
        if (result instanceof CaseRepository.Report.OutOfScope o) {
            throw new ApiException(403, "the point lies in grid cell " + o.cellCode() + ", outside your area");
        }
        String feature = ((CaseRepository.Report.Created) result).feature();
        ctx.status(201).contentType("application/geo+json").result(feature.getBytes(StandardCharsets.UTF_8));
    }
}
