package gridmap.server.preferences;

import java.util.Map;

import gridmap.data.preferences.PreferenceRepository;
import gridmap.data.preferences.Preferences;
import gridmap.server.auth.Access;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * A signed-in person's own UI settings (the care mode), remembered with the account. Only a
 * person has preferences: an API token is refused.
 */
public final class PreferenceRoutes implements RouteGroup {
    private final PreferenceRepository preferences;
    private final Access access;

    public PreferenceRoutes(PreferenceRepository preferences, Access access) {
        this.preferences = preferences;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/me/preferences", Routes.SIGNED_IN, this::get);
        r.put("/api/me/preferences", Routes.SIGNED_IN, this::put);
    }

    /** The whole set of preferences: PUT replaces it, so every field is required. */
    record Body(Boolean careMode) {}

    void get(Context ctx, Params p) throws Exception {
        ctx.json(json(preferences.of(person(ctx).userId())));
    }

    void put(Context ctx, Params p) throws Exception {
        Principal who = person(ctx);
        Body b = Json.body(ctx, Body.class);
        if (b.careMode() == null) throw ApiException.badRequest("care_mode (true or false) is required");
        Preferences saved = preferences.replace(who.actor(RequestIds.of(ctx)), who.userId(), new Preferences(b.careMode()));
        ctx.json(json(saved));
    }

    private Principal person(Context ctx) throws Exception {
        Principal who = access.principal(ctx);
        if (who.token()) throw new ApiException(403, "preferences belong to a person; sign in");
        return who;
    }

    private static Map<String, Object> json(Preferences p) {
        return Map.of("care_mode", p.careMode());
    }
}
