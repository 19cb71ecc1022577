package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.List;

import javax.sql.DataSource;

/**
 * Import and export. The import routes need "import" (administrators, planners, watershed
 * planners); a job that does not exist is a 404 only after that check. What each role may import
 * is tested per target in {@link ImportApiTest}. Exports follow the map's reading rights.
 */
final class ImportMatrixRows implements MatrixRows {
    @Override
    public List<Row> rows(DataSource ds) {
        return List.of(
                new Row("POST", "/api/imports", "{\"from\":\"no-such-job\"}", e(401, 404, 404, 404, 403, 403, 403)),
                new Row("GET", "/api/jobs/no-such-job", null, e(401, 404, 404, 404, 403, 403, 403)),
                new Row("DELETE", "/api/jobs/no-such-job", null, e(401, 404, 404, 404, 403, 403, 403)),
                new Row("GET", "/api/layers/districts/export?format=geojson", null, e(401, 200, 200, 200, 200, 200, 200)),
                new Row("GET", "/api/layers/cases/export?format=csv", null, e(401, 200, 403, 403, 200, 200, 200)));
    }
}
