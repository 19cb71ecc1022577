package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.List;

import javax.sql.DataSource;

/** A person's own preferences: every signed-in person, nobody else. */
final class PreferenceMatrixRows implements MatrixRows {
    @Override
    public List<Row> rows(DataSource ds) {
        return List.of(
                new Row("GET", "/api/me/preferences", null, e(401, 200, 200, 200, 200, 200, 200)),
                // a missing value: refused after authorization, nothing stored
                new Row("PUT", "/api/me/preferences", "{\"care_mode\":null}", e(401, 400, 400, 400, 400, 400, 400)));
    }
}
