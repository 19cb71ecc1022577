package gridmap.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gridmap.data.Database;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/** GET /api/health: 200 when the database answers (with PostGIS and schema versions for administrators), 503 otherwise. */
public final class HealthRoutes implements RouteGroup {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);
    private final Database db;

    private final gridmap.server.auth.Access access;

    public HealthRoutes(Database db, gridmap.server.auth.Access access) {
        this.db = db;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/health", Routes.PUBLIC, this::handle);
    }

    void handle(Context ctx, Params p) throws Exception {
        Database.Health h;
        try {
            h = db.health();
        } catch (Exception e) {
            // the cause is logged, not told: this route is public
            LOG.warn("health check: the database does not answer: {}", e.getMessage());
            throw new ApiException(503, "the database does not answer");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("database", "up");
        // versions help an attacker pick an exploit: only administrators see them
        boolean admin = access.authenticator().identify(ctx).map(who -> who.may(gridmap.server.auth.Permission.ADMIN)).orElse(false);
        if (admin) {
            m.put("postgis", h.postgis());
            m.put("schemaVersion", h.schemaVersion());
        }
        ctx.json(m);
    }
}
