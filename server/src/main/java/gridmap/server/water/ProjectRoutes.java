package gridmap.server.water;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.water.ProjectDownstream;
import gridmap.data.water.ProjectRepository;
import gridmap.data.water.ProjectStatus;
import gridmap.data.water.ProjectType;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;
import gridmap.server.http.RequestIds;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * Water projects: read one (with its status history and the basins and districts it lies in),
 * its impact zone and everything downstream of it; create, edit, move through statuses and
 * retire (watershed planners and administrators).
 */
final class ProjectRoutes {
    static final int MAX_NAME = 100;
    /** The widest impact zone asked for: 50 km. */
    static final double MAX_BUFFER_M = 50_000;

    private final ProjectRepository projects;
    private final ProjectDownstream downstream;
    private final Access access;

    ProjectRoutes(ProjectRepository projects, ProjectDownstream downstream, Access access) {
        this.projects = projects;
        this.downstream = downstream;
        this.access = access;
    }

    void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.MAP_READ), write = Routes.needs(Permission.WATER_WRITE);
        r.get("/api/water-projects/{id}", read, this::byId);
        r.get("/api/water-projects/{id}/impact", read, this::impact, "buffer_m");
        r.get("/api/water-projects/{id}/downstream", read, this::downstream);
        r.post("/api/water/impact", read, this::zoneImpact);
        r.post("/api/water-projects", write, this::create);
        r.patch("/api/water-projects/{id}", write, this::update);
        r.post("/api/water-projects/{id}/status", write, this::status);
        r.post("/api/water-projects/{id}/retire", write, this::retire);
    }

    void byId(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.json(projects.detail(id).orElseThrow(() -> ApiException.notFound("no water project with id " + id)));
    }

    void impact(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        double buffer = WaterParams.decimal(p, "buffer_m", 5000.0, 1, MAX_BUFFER_M);
        ctx.json(projects.impact(id, buffer, WaterRoutes.caseView(access.principal(ctx)))
                .orElseThrow(() -> ApiException.notFound("no water project with id " + id)));
    }

    void downstream(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.json(downstream.of(id).orElseThrow(() -> ApiException.notFound("no water project with id " + id)));
    }

    /** The buffer tool: what a zone of buffer_m metres around a drawn geometry touches. */
    void zoneImpact(Context ctx, Params p) throws Exception {
        JsonNode body = WaterBodies.object(ctx, Set.of("geometry", "buffer_m"));
        Geometry g = WaterBodies.geometry(body.get("geometry"), "geometry");
        JsonNode b = body.get("buffer_m");
        if (b == null || !b.isNumber() || !Double.isFinite(b.doubleValue()) || b.doubleValue() < 1 || b.doubleValue() > MAX_BUFFER_M) {
            throw ApiException.badRequest("buffer_m (metres, 1 to " + (int) MAX_BUFFER_M + ") is required");
        }
        ctx.json(projects.impact(g, b.doubleValue(), WaterRoutes.caseView(access.principal(ctx))));
    }

    static final Set<String> FIELDS = Set.of("name", "project_type", "status", "budget_wan_yuan", "spent_wan_yuan", "start_date", "end_date",
            "responsible_unit", "river_chief_id", "geometry");

    void create(Context ctx, Params p) throws Exception {
        JsonNode body = WaterBodies.object(ctx, FIELDS);
        String name = required(WaterBodies.name(body, "name", MAX_NAME), "name");
        ProjectType type = type(body);
        if (type == null) throw ApiException.badRequest("project_type is required");
        String statusCode = WaterBodies.text(body, "status");
        ProjectStatus status = statusCode == null ? ProjectStatus.PLANNED : status(statusCode);
        BigDecimal budget = WaterBodies.money(body.get("budget_wan_yuan"), "budget_wan_yuan");
        if (budget == null) throw ApiException.badRequest("budget_wan_yuan is required");
        BigDecimal spent = WaterBodies.money(body.get("spent_wan_yuan"), "spent_wan_yuan");
        String unit = required(WaterBodies.name(body, "responsible_unit", MAX_NAME), "responsible_unit");
        Geometry g = WaterBodies.geometry(body.get("geometry"), "geometry");
        long id = projects.create(access.principal(ctx).actor(RequestIds.of(ctx)), new ProjectRepository.NewProject(name, type, status, budget,
                spent == null ? BigDecimal.ZERO : spent, WaterBodies.value(body, "start_date", LocalDate.class),
                WaterBodies.value(body, "end_date", LocalDate.class), unit, WaterBodies.value(body, "river_chief_id", Long.class), g));
        ctx.status(201).json(projects.detail(id).orElseThrow());
    }

    void update(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Set<String> allowed = new java.util.HashSet<>(FIELDS);
        allowed.add("version");
        JsonNode body = WaterBodies.object(ctx, allowed);
        if (body.has("status")) throw ApiException.badRequest("status changes go through POST /api/water-projects/" + id + "/status");
        int version = WaterBodies.version(body);
        if (body.has("name") && body.get("name").isNull()) throw ApiException.badRequest("name cannot be cleared");
        if (body.has("responsible_unit") && body.get("responsible_unit").isNull()) throw ApiException.badRequest("responsible_unit cannot be cleared");
        for (String money : new String[] {"budget_wan_yuan", "spent_wan_yuan", "geometry", "project_type"}) {
            if (body.has(money) && body.get(money).isNull()) throw ApiException.badRequest(money + " cannot be cleared");
        }
        projects.update(access.principal(ctx).actor(RequestIds.of(ctx)), id, version, new ProjectRepository.Change(
                WaterBodies.name(body, "name", MAX_NAME), type(body), WaterBodies.money(body.get("budget_wan_yuan"), "budget_wan_yuan"),
                WaterBodies.money(body.get("spent_wan_yuan"), "spent_wan_yuan"), WaterBodies.clearable(body, "start_date", LocalDate.class),
                WaterBodies.clearable(body, "end_date", LocalDate.class), WaterBodies.name(body, "responsible_unit", MAX_NAME),
                WaterBodies.clearable(body, "river_chief_id", Long.class),
                body.has("geometry") ? WaterBodies.geometry(body.get("geometry"), "geometry") : null));
        ctx.json(projects.detail(id).orElseThrow());
    }

    void status(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        JsonNode body = WaterBodies.object(ctx, Set.of("status", "version", "note"));
        String code = WaterBodies.text(body, "status");
        if (code == null) throw ApiException.badRequest("status is required");
        projects.changeStatus(access.principal(ctx).actor(RequestIds.of(ctx)), id, WaterBodies.version(body), status(code),
                WaterBodies.free(body, "note", 500));
        ctx.json(projects.detail(id).orElseThrow());
    }

    void retire(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        JsonNode body = WaterBodies.object(ctx, Set.of("reason", "version"));
        String reason = WaterBodies.free(body, "reason", 500);
        if (reason == null || reason.isEmpty()) throw ApiException.badRequest("reason (why the project is retired) is required");
        projects.retire(access.principal(ctx).actor(RequestIds.of(ctx)), id, WaterBodies.version(body), reason);
        ctx.json(projects.detail(id).orElseThrow());
    }

    private static String required(String v, String field) {
        if (v == null) throw ApiException.badRequest(field + " is required");
        return v;
    }

    private static ProjectType type(JsonNode body) {
        String code = WaterBodies.text(body, "project_type");
        if (code == null) return null;
        return ProjectType.of(code).orElseThrow(() -> ApiException.badRequest("project_type must be one of "
                + String.join(", ", java.util.Arrays.stream(ProjectType.values()).map(ProjectType::code).toList())));
    }

    private static ProjectStatus status(String code) {
        return ProjectStatus.of(code).orElseThrow(() -> ApiException.badRequest("status must be one of "
                + String.join(", ", java.util.Arrays.stream(ProjectStatus.values()).map(ProjectStatus::code).toList())));
    }
}
