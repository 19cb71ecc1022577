package gridmap.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.javalin.http.Context;

/** GET /api/health: 200 when the database answers (with PostGIS and schema versions), 503 otherwise. */
final class HealthHandler {
    private final DataSource ds;

    HealthHandler(DataSource ds) { this.ds = ds; }

    void handle(Context ctx) {
        Params.of(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(5);
            try (ResultSet rs = st.executeQuery("SELECT postgis_lib_version(), (SELECT max(version) FROM flyway_schema_history WHERE success)")) {
                rs.next();
                m.put("status", "ok");
                m.put("database", "up");
                m.put("postgis", rs.getString(1));
                m.put("schemaVersion", rs.getString(2));
            }
        } catch (Exception e) {
            throw new ApiException(503, "Service unavailable", "the database does not answer: " + e.getMessage());
        }
        ctx.json(m);
    }
}
