package gridmap.server.water;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.water.ChiefLevel;
import gridmap.data.water.ChiefRepository;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;
import gridmap.server.http.RequestIds;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * The river-chief system (河长制): chiefs and their lists, responsibility reaches and who answers
 * for them; watershed planners and administrators add and edit chiefs, assign them to reaches
 * and read a chief's full phone number (audited; everyone else sees it masked).
 */
final class ChiefRoutes {
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("[0-9+ -]{5,20}");

    private final ChiefRepository chiefs;
    private final Access access;

    ChiefRoutes(ChiefRepository chiefs, Access access) {
        this.chiefs = chiefs;
        this.access = access;
    }

    void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.MAP_READ), write = Routes.needs(Permission.WATER_WRITE);
        r.get("/api/river-chiefs", read, this::list, "level");
        r.get("/api/river-chiefs/{id}", read, this::chiefList);
        r.get("/api/river-chiefs/{id}/contact", write, this::contact);
        r.post("/api/river-chiefs", write, this::create);
        r.patch("/api/river-chiefs/{id}", write, this::update);
        r.get("/api/chief-reaches", read, this::reaches, "chief_id", "river_id");
        r.get("/api/chief-reaches/{id}", read, this::reach);
        r.put("/api/chief-reaches/{id}/chief", write, this::assign);
    }

    void list(Context ctx, Params p) throws Exception {
        String level = p.string("level");
        ctx.json(chiefs.chiefs(level == null ? null : level(level)));
    }

    void chiefList(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.json(chiefs.chiefList(id, WaterRoutes.caseView(access.principal(ctx)))
                .orElseThrow(() -> ApiException.notFound("no river chief with id " + id)));
    }

    void contact(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("id", id, "phone", chiefs.contact(access.principal(ctx).actor(RequestIds.of(ctx)), id)
                .orElseThrow(() -> ApiException.notFound("no river chief with id " + id))));
    }

    void create(Context ctx, Params p) throws Exception {
        JsonNode body = WaterBodies.object(ctx, Set.of("name", "level", "position", "phone"));
        String name = WaterBodies.name(body, "name", 50);
        String position = WaterBodies.name(body, "position", 100);
        String levelCode = WaterBodies.text(body, "level");
        if (name == null || position == null || levelCode == null) throw ApiException.badRequest("name, level and position are required");
        long id = chiefs.createChief(access.principal(ctx).actor(RequestIds.of(ctx)),
                new ChiefRepository.NewChief(name, level(levelCode), position, phone(body)));
        ctx.status(201).json(chiefs.chiefs(null).stream().filter(k -> k.id() == id).findFirst().orElseThrow());
    }

    void update(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        JsonNode body = WaterBodies.object(ctx, Set.of("version", "name", "position", "phone", "active"));
        int version = WaterBodies.version(body);
        for (String f : new String[] {"name", "position", "active"}) {
            if (body.has(f) && body.get(f).isNull()) throw ApiException.badRequest(f + " cannot be cleared");
        }
        String phone = body.has("phone") ? (body.get("phone").isNull() ? "" : phone(body)) : null;
        chiefs.updateChief(access.principal(ctx).actor(RequestIds.of(ctx)), id, version, new ChiefRepository.ChiefChange(
                WaterBodies.name(body, "name", 50), WaterBodies.name(body, "position", 100), phone, WaterBodies.value(body, "active", Boolean.class)));
        ctx.json(chiefs.chiefs(null).stream().filter(k -> k.id() == id).findFirst().orElseThrow());
    }

    void reaches(Context ctx, Params p) throws Exception {
        Long chief = p.string("chief_id") == null ? null : (long) p.intInRange("chief_id", 0, 1, Integer.MAX_VALUE);
        Long river = p.string("river_id") == null ? null : (long) p.intInRange("river_id", 0, 1, Integer.MAX_VALUE);
        ctx.json(chiefs.reaches(chief, river));
    }

    void reach(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        ctx.json(chiefs.reachDetail(id, WaterRoutes.caseView(access.principal(ctx)))
                .orElseThrow(() -> ApiException.notFound("no river-chief reach with id " + id)));
    }

    /** Assigns a chief to a reach; chief_id must be sent, null to leave the post vacant. */
    void assign(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        JsonNode body = WaterBodies.object(ctx, Set.of("chief_id", "version", "note"));
        if (!body.has("chief_id")) throw ApiException.badRequest("chief_id is required (null leaves the reach without a chief)");
        int version = WaterBodies.version(body);
        chiefs.assign(access.principal(ctx).actor(RequestIds.of(ctx)), id, version, WaterBodies.value(body, "chief_id", Long.class),
                WaterBodies.free(body, "note", 500));
        ctx.json(chiefs.reachDetail(id, WaterRoutes.caseView(access.principal(ctx))).orElseThrow());
    }

    private static ChiefLevel level(String code) {
        return ChiefLevel.of(code).orElseThrow(() -> ApiException.badRequest("level must be one of province, city, county, township, village"));
    }

    private static String phone(JsonNode body) {
        String v = WaterBodies.text(body, "phone");
        if (v == null) return null;
        if (!PHONE.matcher(v).matches()) throw ApiException.badRequest("phone must be 5-20 digits, spaces, + or -");
        return v;
    }
}
