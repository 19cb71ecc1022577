package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Sql;

/** The foundation's routes: health, sign-in, map, cases, geometry check, cells, accounts, tokens, audit. */
final class CoreMatrixRows implements MatrixRows {
    @Override
    public List<Row> rows(DataSource ds) throws Exception {
        long unitId = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705'");
        long cellId = Sql.count(ds, "SELECT min(id) FROM grid_cell");
        long workerCaseId = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker'");
        long userId = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'viewer'");
        double[] workerPoint = ScopeTest.pointInCellOf(ds, "worker");
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.81,30.9],[117.81,30.91],[117.8,30.91],[117.8,30.9]]]}";
        String newCase = "{\"category_code\":\"0102\",\"description\":\"matrix test\",\"lon\":" + workerPoint[0] + ",\"lat\":" + workerPoint[1] + "}";
        List<Row> r = new ArrayList<>();
        r.add(new Row("GET", "/api/health", null, e(200, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/config", null, e(200, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/me", null, e(401, 200, 200, 200, 200, 200, 200)));
        // a new password too short: refused after authorization, before any password is checked
        r.add(new Row("PUT", "/api/me/password", "{\"current_password\":\"x\",\"new_password\":\"short\"}", e(401, 400, 400, 400, 400, 400, 400)));
        r.add(new Row("GET", "/api/layers", null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/layers/communities?limit=5", null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/layers/grid-cells?limit=5", null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/layers/cases?limit=5", null, e(401, 200, 403, 403, 200, 200, 200)));
        r.add(new Row("GET", "/api/units/" + unitId, null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/cells/" + cellId, null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/search?q=340705", null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/categories", null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/cases/" + workerCaseId, null, e(401, 200, 403, 403, 200, 200, 200)));
        r.add(new Row("POST", "/api/cases", newCase, e(401, 201, 403, 403, 201, 201, 403)));
        r.add(new Row("POST", "/api/geometry/check", square, e(401, 200, 200, 200, 403, 403, 403)));
        r.add(new Row("PUT", "/api/cells/" + cellId + "/worker", "{\"worker_id\":null,\"version\":99999}", e(401, 409, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/users", null, e(401, 200, 403, 403, 403, 403, 403)));
        r.add(new Row("POST", "/api/users", "{\"username\":\"x\"}", e(401, 400, 403, 403, 403, 403, 403)));
        r.add(new Row("PATCH", "/api/users/" + userId, "{\"version\":99999,\"display_name\":\"x\"}", e(401, 409, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/tokens", null, e(401, 200, 403, 403, 403, 403, 403)));
        r.add(new Row("POST", "/api/tokens", "{\"name\":\"\"}", e(401, 400, 403, 403, 403, 403, 403)));
        r.add(new Row("DELETE", "/api/tokens/999999999", null, e(401, 404, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/audit?limit=5", null, e(401, 200, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/audit.csv?from=2099-01-01", null, e(401, 200, 403, 403, 403, 403, 403)));
        return r;
    }
}
