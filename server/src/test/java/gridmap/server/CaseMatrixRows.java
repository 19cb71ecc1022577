package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Sql;

/** The case workflow's routes (issue 8) and Open311: who may read, report, move, see reporters, edit reference data. */
final class CaseMatrixRows implements MatrixRows {
    static final int[] READERS = e(401, 200, 403, 403, 200, 200, 200);

    @Override
    public List<Row> rows(DataSource ds) throws Exception {
        long workerCase = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker'");
        double[] p = ScopeTest.pointInCellOf(ds, "worker");
        String deadlines = "{\"register\":{\"amount\":1,\"unit\":\"work_hours\"},\"dispatch\":{\"amount\":1,\"unit\":\"work_hours\"},"
                + "\"handle\":{\"amount\":4,\"unit\":\"work_hours\"},\"verify\":{\"amount\":4,\"unit\":\"work_hours\"}}";
        List<Row> r = new ArrayList<>();
        r.add(new Row("GET", "/api/cases?limit=5", null, READERS));
        r.add(new Row("GET", "/api/cases.csv?from=2099-01-01", null, READERS));
        r.add(new Row("GET", "/api/cases/map?status=reported", null, READERS));
        r.add(new Row("GET", "/api/cases/summary", null, READERS));
        r.add(new Row("GET", "/api/cases/nearby?lon=" + p[0] + "&lat=" + p[1] + "&category=0102", null, READERS));
        // without Accept: text/event-stream the stream answers 406 once authorization has passed
        r.add(new Row("GET", "/api/cases/stream", null, e(401, 406, 403, 403, 406, 406, 406)));
        r.add(new Row("POST", "/api/cases/999999999/transitions", "{\"action\":\"register\"}", e(401, 404, 403, 403, 404, 404, 403)));
        r.add(new Row("POST", "/api/cases/" + workerCase + "/photos", "{}", e(401, 415, 403, 403, 415, 415, 403)));
        r.add(new Row("GET", "/api/cases/" + workerCase + "/photos/999999999", null, e(401, 404, 403, 403, 404, 404, 404)));
        // full reporter details: the command centre only (this case has none, so 404 after authorization)
        long noReporter = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id"
                + " WHERE u.username = 'worker' AND NOT EXISTS (SELECT 1 FROM case_reporter r WHERE r.case_id = c.id)");
        r.add(new Row("GET", "/api/cases/" + noReporter + "/reporter", null, e(401, 404, 403, 403, 404, 403, 403)));
        r.add(new Row("POST", "/api/photos/exif", "{}", e(401, 415, 403, 403, 415, 415, 403)));
        r.add(new Row("GET", "/api/categories?all=true", null, e(401, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("PUT", "/api/categories/0102", "{\"kind\":\"event\",\"major_name\":\"市容环境\",\"name\":\"暴露垃圾\",\"name_en\":\"Exposed garbage\","
                + "\"deadlines\":" + deadlines + ",\"version\":99999}", e(401, 409, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/departments", null, READERS));
        r.add(new Row("POST", "/api/departments", "{\"code\":\"x\"}", e(401, 400, 403, 403, 403, 403, 403)));
        r.add(new Row("PUT", "/api/departments/999999999", "{\"code\":\"xx\",\"name\":\"n\",\"name_en\":\"n\",\"version\":0}", e(401, 404, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/calendar/2026", null, READERS));
        r.add(new Row("PUT", "/api/calendar/2026", "{\"morning_start\":\"08:30\",\"morning_end\":\"12:00\",\"afternoon_start\":\"13:30\","
                + "\"afternoon_end\":\"17:30\",\"days\":[],\"version\":99999}", e(401, 409, 403, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/kpis?by=category", null, READERS));
        r.add(new Row("GET", "/api/kpis?by=worker", null, e(401, 200, 403, 403, 200, 403, 403)));
        r.add(new Row("GET", "/api/kpis.csv?by=district", null, READERS));
        r.add(new Row("GET", "/api/hotspots?category=0102", null, READERS));
        r.add(new Row("GET", "/open311/v2/services.json", null, e(200, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/open311/v2/services/0102.json", null, e(200, 200, 200, 200, 200, 200, 200)));
        // not form-encoded: refused with 415 once the caller is known to be allowed to file
        r.add(new Row("POST", "/open311/v2/requests.json", "{}", e(401, 415, 403, 403, 415, 415, 403)));
        r.add(new Row("GET", "/open311/v2/requests.json", null, READERS));
        r.add(new Row("GET", "/open311/v2/requests/TL20990101000001.json", null, e(401, 404, 403, 403, 404, 404, 404)));
        return r;
    }
}
