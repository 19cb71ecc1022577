package gridmap.server.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.LineString;

import gridmap.data.plan.Operation;
import gridmap.data.plan.OperationJson;
import gridmap.data.plan.Plan;
import gridmap.data.plan.PlanCommit;
import gridmap.data.plan.PlanComparison;
import gridmap.data.plan.PlanOutcome;
import gridmap.data.plan.PlanPreview;
import gridmap.data.plan.PlanRejectedException;
import gridmap.data.plan.PlanRepository;
import gridmap.data.plan.PlanStatus;
import gridmap.data.plan.Suggestions;
import gridmap.data.plan.Target;
import gridmap.geo.coverage.EdgeRedraw;
import gridmap.geo.partition.InfeasibleTargetException;
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

/**
 * Boundary plans: drafted and edited by planners, previewed and compared, published for comment
 * (公示) to everyone with an account, commented on (with a place), suggested, and committed on an
 * effective date with a legal reference. Handlers parse, call data.plan, and write.
 */
public final class PlanRoutes implements RouteGroup {
    /** Days count in China's time zone: a commit "today" is Beijing's today. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final PlanRepository plans;
    private final PlanPreview previews;
    private final PlanCommit commits;
    private final Access access;

    public PlanRoutes(PlanRepository plans, PlanPreview previews, PlanCommit commits, Access access) {
        this.plans = plans;
        this.previews = previews;
        this.commits = commits;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard open = Routes.needs(Permission.PLANS_COMMENT), edit = Routes.needs(Permission.PLANS_EDIT),
                read = Routes.needs(Permission.PLANS_READ);
        r.get("/api/plans", open, this::list, "parent", "status", "limit");
        r.post("/api/plans", edit, this::create);
        r.post("/api/plans/suggest", edit, this::suggest);
        r.get("/api/plans/borders", read, this::currentBorders, "a", "b");
        r.get("/api/plans/{id}", open, this::get);
        r.patch("/api/plans/{id}", edit, this::update);
        r.get("/api/plans/{id}/preview", open, this::preview);
        r.get("/api/plans/{id}/compare", read, this::compare, "with");
        r.get("/api/plans/{id}/borders", read, this::borders, "a", "b");
        r.post("/api/plans/{id}/publish", edit, this::publish);
        r.get("/api/plans/{id}/comments", open, this::comments);
        r.post("/api/plans/{id}/comments", open, this::comment);
        r.post("/api/plans/{id}/commit", Routes.needs(Permission.PLANS_COMMIT), this::commit);
    }

    static LocalDate today() { return LocalDate.now(ZONE); }

    /** A plan this caller may open: planners see every plan, everyone else only those published or committed. */
    private Plan visible(Context ctx, long id) throws Exception {
        Plan p = plans.get(id).orElseThrow(() -> ApiException.notFound("no plan with id " + id));
        if (!access.principal(ctx).may(Permission.PLANS_READ) && !p.status().isPublic()) {
            throw new ApiException(403, "plan " + id + " is " + p.status().code() + "; only planners may open it until it is published for comment");
        }
        return p;
    }

    void list(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        String status = p.string("status");
        PlanStatus st = null;
        if (status != null) {
            try {
                st = PlanStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status must be one of draft, published, committed, withdrawn");
            }
        }
        String parentParam = p.string("parent");
        if (parentParam != null && !parentParam.matches("\\d{1,18}")) throw ApiException.badRequest("parent must be the id of a unit");
        Long parent = parentParam == null ? null : Long.parseLong(parentParam);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Plan x : plans.list(parent, st, !who.may(Permission.PLANS_READ), p.intInRange("limit", 100, 1, 500))) out.add(PlanJson.plan(x));
        ctx.json(out);
    }

    void create(Context ctx, Params p) throws Exception {
        PlanRequests.Create b = Json.body(ctx, PlanRequests.Create.class);
        long parent = parentId(b.parentId(), b.parentCode());
        PlanRepository.Draft d = new PlanRepository.Draft(Text.name("name", b.name(), 200), Text.free("description", b.description(), 4000),
                PlanRequests.operations(b.operations()), b.allowNonContiguous(), PlanRequests.target(b.target()), false);
        Plan created = applying(ctx, () -> plans.create(actor(ctx), parent, d));
        if (created != null) ctx.status(201).json(PlanJson.plan(created));
    }

    void get(Context ctx, Params p) throws Exception {
        ctx.json(PlanJson.plan(visible(ctx, Params.pathId(ctx, "id"))));
    }

    void update(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        PlanRequests.Update b = Json.body(ctx, PlanRequests.Update.class);
        if (b.version() == null) throw ApiException.badRequest("version is required (the plan's version you last read)");
        if (b.status() != null) {
            if (b.name() != null || b.description() != null || b.operations() != null || b.allowNonContiguous() != null || b.target() != null) {
                throw ApiException.badRequest("change the status alone, not together with other fields");
            }
            PlanStatus to = switch (b.status()) {
                case "draft" -> PlanStatus.DRAFT;
                case "withdrawn" -> PlanStatus.WITHDRAWN;
                default -> throw ApiException.badRequest("status may be set to draft (back from comment) or withdrawn here;"
                        + " publish with POST /api/plans/" + id + "/publish and commit with POST /api/plans/" + id + "/commit");
            };
            ctx.json(PlanJson.plan(plans.setStatus(actor(ctx), id, b.version(), to, null, today())));
            return;
        }
        PlanRepository.Draft d = new PlanRepository.Draft(b.name() == null ? null : Text.name("name", b.name(), 200),
                Text.free("description", b.description(), 4000), b.operations() == null ? null : PlanRequests.operations(b.operations()),
                b.allowNonContiguous(), b.target() == null || b.target().isNull() ? null : PlanRequests.target(b.target()),
                b.target() != null && b.target().isNull());
        Plan updated = applying(ctx, () -> plans.update(actor(ctx), id, b.version(), d));
        if (updated != null) ctx.json(PlanJson.plan(updated));
    }

    void preview(Context ctx, Params p) throws Exception {
        Plan plan = visible(ctx, Params.pathId(ctx, "id"));
        requireOpen(plan);
        PlanOutcome o = applying(ctx, () -> previews.of(plan));
        if (o != null) ctx.json(PlanJson.preview(plan, o));
    }

    void compare(Context ctx, Params p) throws Exception {
        Plan a = visible(ctx, Params.pathId(ctx, "id"));
        String with = p.string("with");
        if (with == null || !with.matches("\\d{1,18}")) throw ApiException.badRequest("with (the id of the plan to compare with) is required");
        Plan b = visible(ctx, Long.parseLong(with));
        if (a.parentId() != b.parentId()) {
            throw new ApiException(422, "plans " + a.id() + " and " + b.id() + " are for different parents (" + a.parentName() + ", "
                    + b.parentName() + "); only plans of one parent can be compared");
        }
        requireOpen(a);
        requireOpen(b);
        PlanOutcome oa = applying(ctx, () -> previews.of(a));
        if (oa == null) return;
        PlanOutcome ob = applying(ctx, () -> previews.of(b));
        if (ob == null) return;
        PlanComparison cmp = PlanComparison.of(oa, ob);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", PlanJson.preview(a, oa));
        m.put("b", PlanJson.preview(b, ob));
        List<Map<String, Object>> matches = new ArrayList<>();
        for (PlanComparison.Match x : cmp.matches()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("a", x.a());
            e.put("b", x.b());
            e.put("shared_cells", x.shared());
            matches.add(e);
        }
        m.put("matches", matches);
        List<Map<String, Object>> moves = new ArrayList<>();
        for (PlanComparison.Move x : cmp.moves()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("cell_id", x.cellId());
            e.put("cell_code", x.cellCode());
            e.put("a", x.a());
            e.put("b", x.b());
            moves.add(e);
        }
        m.put("moved_cells", moves);
        ctx.json(m);
    }

    /** The borders two units share after the plan, as paths of their common vertices: what a planner drags to redraw. */
    void borders(Context ctx, Params p) throws Exception {
        Plan plan = visible(ctx, Params.pathId(ctx, "id"));
        requireOpen(plan);
        String a = p.string("a"), b = p.string("b");
        if (a == null || b == null) throw ApiException.badRequest("a and b (unit keys from the preview, e.g. u12 or n3) are required");
        PlanOutcome o = applying(ctx, () -> previews.of(plan));
        if (o == null) return;
        PlanOutcome.Unit ua = o.unit(a), ub = o.unit(b);
        if (ua == null || ub == null) throw ApiException.notFound("no unit " + Params.clip(ua == null ? a : b) + " in the plan's result");
        List<Map<String, Object>> features = new ArrayList<>();
        for (LineString l : EdgeRedraw.sharedPaths(ua.geom(), ub.geom())) features.add(GeoJson.feature(null, l, Map.of("a", a, "b", b)));
        ctx.json(GeoJson.collection(features));
    }

    /** The borders two current units share (before any plan): what a planner drags to redraw. */
    void currentBorders(Context ctx, Params p) throws Exception {
        String a = p.string("a"), b = p.string("b");
        if (a == null || b == null || !a.matches("\\d{1,18}") || !b.matches("\\d{1,18}")) {
            throw ApiException.badRequest("a and b (the ids of two current units) are required");
        }
        List<org.locationtech.jts.geom.MultiPolygon> g = plans.currentGeometries(List.of(Long.parseLong(a), Long.parseLong(b)));
        if (g.size() < 2) throw ApiException.notFound("units " + a + " and " + b + " are not both current units");
        List<Map<String, Object>> features = new ArrayList<>();
        for (LineString l : EdgeRedraw.sharedPaths(g.get(0), g.get(1))) features.add(GeoJson.feature(null, l, Map.of("a", "u" + a, "b", "u" + b)));
        ctx.json(GeoJson.collection(features));
    }

    void publish(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        PlanRequests.Publish b = Json.body(ctx, PlanRequests.Publish.class);
        if (b.version() == null) throw ApiException.badRequest("version is required (the plan's version you last read)");
        if ((b.commentTo() == null) == (b.commentDays() == null)) throw ApiException.badRequest("give either comment_to (a date) or comment_days (1–365)");
        if (b.commentDays() != null && (b.commentDays() < 1 || b.commentDays() > 365)) throw ApiException.badRequest("comment_days must be from 1 to 365");
        LocalDate to = b.commentTo() != null ? b.commentTo() : today().plusDays(b.commentDays() - 1);
        ctx.json(PlanJson.plan(plans.setStatus(actor(ctx), id, b.version(), PlanStatus.PUBLISHED, to, today())));
    }

    void comments(Context ctx, Params p) throws Exception {
        Plan plan = visible(ctx, Params.pathId(ctx, "id"));
        Principal who = access.principal(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlanRepository.Comment k : plans.comments(plan.id())) out.add(PlanJson.comment(k, shownName(who, k)));
        ctx.json(out);
    }

    void comment(Context ctx, Params p) throws Exception {
        Plan plan = visible(ctx, Params.pathId(ctx, "id"));
        Principal who = access.principal(ctx);
        if (who.userId() == null) throw new ApiException(403, "comments are left by people signed in, not by API tokens");
        PlanRequests.NewComment b = Json.body(ctx, PlanRequests.NewComment.class);
        String body = Text.free("body", b.body(), 2000);
        if (body == null || body.isBlank()) throw ApiException.badRequest("body (the comment) is required");
        if ((b.lon() == null) != (b.lat() == null)) throw ApiException.badRequest("give both lon and lat for a place, or neither");
        if (b.lon() != null && (!Double.isFinite(b.lon()) || !Double.isFinite(b.lat()) || Math.abs(b.lon()) > 180 || Math.abs(b.lat()) > 90)) {
            throw ApiException.badRequest("lon and lat must be a place in degrees (lon −180..180, lat −90..90)");
        }
        PlanRepository.Comment k = plans.comment(actor(ctx), plan.id(), body, b.lon(), b.lat(), today());
        ctx.status(201).json(PlanJson.comment(k, shownName(who, k)));
    }

    void commit(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        PlanRequests.Commit b = Json.body(ctx, PlanRequests.Commit.class);
        if (b.version() == null) throw ApiException.badRequest("version is required (the plan's version you last read)");
        LocalDate date = date("effective_date", b.effectiveDate());
        String ref = Text.name("legal_ref", b.legalRef(), 200);
        PlanCommit.Result r = applying(ctx, () -> commits.commit(actor(ctx), id, b.version(), date, ref, today()));
        if (r == null) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", PlanJson.plan(plans.get(id).orElseThrow()));
        m.put("change_event_id", r.changeEventId());
        m.put("effective_date", r.effectiveDate());
        m.put("units_closed", r.unitsClosed());
        m.put("units_created", r.unitsCreated());
        m.put("cells_closed", r.cellsClosed());
        m.put("cells_created", r.cellsCreated());
        m.put("cases_moved", r.casesMoved());
        m.put("unit_ids", r.unitIds());
        ctx.json(m);
    }

    void suggest(Context ctx, Params p) throws Exception {
        PlanRequests.Suggest b = Json.body(ctx, PlanRequests.Suggest.class);
        long parent = parentId(b.parentId(), b.parentCode());
        Target target = PlanRequests.target(b.target());
        if (target == null) throw ApiException.badRequest("target ({basis, min, max}) is required");
        if (b.count() != null && (b.count() < 1 || b.count() > 10_000)) throw ApiException.badRequest("count must be from 1 to 10000");
        String name = b.name() == null ? null : Text.name("name", b.name(), 200);
        Suggestions.Suggestion s;
        try {
            s = applying(ctx, () -> Suggestions.suggest(previews.fabric(parent), target, b.count(),
                    b.seed() == null ? 0 : b.seed(), Boolean.TRUE.equals(b.allowOutsideTarget())));
        } catch (InfeasibleTargetException e) {
            Problems.write(ctx, 422, "Unprocessable content", e.getMessage(), Map.of("reasons", e.reasons()));
            return;
        }
        if (s == null) return;
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("parent_id", parent);
        plan.put("name", name != null ? name : "建议方案 / Suggestion: " + s.result().count() + " × " + target.min() + "–" + target.max() + " " + target.basis());
        plan.put("operations", OperationJson.write(s.operations()));
        plan.put("target", OperationJson.write(target));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (var g : s.result().groups()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", g.number());
            x.put("units", g.unitIds());
            x.put("metrics", PlanJson.metrics(g.metrics()));
            groups.add(x);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", plan);
        m.put("groups", groups);
        m.put("count", s.result().count());
        m.put("within_target", s.result().withinTarget());
        m.put("seed", s.result().seed());
        ctx.json(m);
    }

    // --- helpers -------------------------------------------------------------------------------

    private gridmap.data.audit.Actor actor(Context ctx) throws Exception {
        return access.principal(ctx).actor(RequestIds.of(ctx));
    }

    private long parentId(Long id, String code) throws Exception {
        if ((id == null) == (code == null)) throw ApiException.badRequest("give the parent unit as parent_id or as parent_code");
        if (id != null) return id;
        if (!code.matches("[0-9]{6}([0-9]{3}){0,2}")) throw ApiException.badRequest("parent_code must be a unit code of 6, 9 or 12 digits");
        return plans.currentUnitId(code).orElseThrow(() -> ApiException.notFound("no current unit with code " + code));
    }

    private static void requireOpen(Plan p) {
        if (p.status() == PlanStatus.COMMITTED) {
            throw new ApiException(409, "plan " + p.id() + " was committed on " + p.effectiveDate() + "; its result is the map as of that day"
                    + " (asOf=" + p.effectiveDate() + ")");
        }
    }

    private static LocalDate date(String field, String v) {
        if (v == null) throw ApiException.badRequest(field + " is required (YYYY-MM-DD)");
        try {
            if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) throw new java.time.format.DateTimeParseException("format", v, 0);
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be a date YYYY-MM-DD");
        }
    }

    /** Planners see who commented; everyone else sees their own name and others' masked (personal data rules). */
    private static String shownName(Principal who, PlanRepository.Comment k) {
        if (who.may(Permission.PLANS_READ) || (who.userId() != null && who.userId() == k.authorId())) return k.authorName();
        return mask(k.authorName());
    }

    static String mask(String name) {
        if (name == null || name.isEmpty()) return "*";
        int first = name.codePointAt(0);
        return new String(Character.toChars(first)) + "**";
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    /** Runs work that applies a plan; a plan that cannot apply becomes a 422 naming its operation (and null is returned). */
    private static <T> T applying(Context ctx, Work<T> work) throws Exception {
        try {
            return work.run();
        } catch (PlanRejectedException e) {
            Map<String, Object> ext = new LinkedHashMap<>();
            if (e.operation > 0) ext.put("operation", e.operation);
            Problems.write(ctx, 422, "Unprocessable content", e.getMessage(), ext);
            return null;
        } catch (gridmap.data.plan.PlanInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

}
