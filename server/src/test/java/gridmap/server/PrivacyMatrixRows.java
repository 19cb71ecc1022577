package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.List;

import javax.sql.DataSource;

/** A resident's data on request and the retention run: administrators only. */
final class PrivacyMatrixRows implements MatrixRows {
    @Override
    public List<Row> rows(DataSource ds) {
        return List.of(
                new Row("POST", "/api/privacy/export", "{\"phone\":\"10000000000\"}", e(401, 200, 403, 403, 403, 403, 403)),
                // without confirm: refused after authorization, before anything is erased
                new Row("POST", "/api/privacy/erase", "{\"phone\":\"10000000000\"}", e(401, 400, 403, 403, 403, 403, 403)),
                new Row("GET", "/api/privacy/retention", null, e(401, 200, 403, 403, 403, 403, 403)),
                new Row("POST", "/api/privacy/retention/run", "{\"dry_run\":true}", e(401, 200, 403, 403, 403, 403, 403)));
    }
}
