package gridmap.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gridmap.data.Database;
import io.javalin.http.Context;

/** GET /api/health: 200 when the database answers (with PostGIS and schema versions), 503 otherwise. */
final class HealthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);
    private final Database db;

    HealthHandler(Database db) { this.db = db; }

    void handle(Context ctx) {
        Params.of(ctx);
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
        m.put("postgis", h.postgis());
        m.put("schemaVersion", h.schemaVersion());
        ctx.json(m);
    }
}
