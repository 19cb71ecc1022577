package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Sql;

/** Watershed routes: everyone who reads the map reads them; watershed planners and administrators write. */
final class WaterMatrixRows implements MatrixRows {
    @Override
    public List<Row> rows(DataSource ds) throws Exception {
        long basin = Sql.count(ds, "SELECT id FROM river_basin WHERE code = 'TLB53'");
        long project = Sql.count(ds, "SELECT min(id) FROM water_project WHERE retired_at IS NULL");
        long chief = Sql.count(ds, "SELECT min(id) FROM river_chief");
        long chiefReach = Sql.count(ds, "SELECT min(id) FROM chief_reach");
        long reach = Sql.count(ds, "SELECT id FROM river_reach WHERE code = 'TLR53'");
        String point = "{\"type\":\"Point\",\"coordinates\":[117.80,30.93]}";
        int[] read = e(401, 200, 200, 200, 200, 200, 200);
        List<Row> r = new ArrayList<>();
        r.add(new Row("GET", "/api/basins/stats?level=1", null, read));
        r.add(new Row("GET", "/api/basins/" + basin, null, read));
        r.add(new Row("GET", "/api/basins/" + basin + "/upstream?geometry=false", null, read));
        r.add(new Row("GET", "/api/basins/" + basin + "/downstream?method=pfafstetter", null, read));
        r.add(new Row("GET", "/api/upstream?lon=117.74&lat=30.90&geometry=false", null, read));
        r.add(new Row("GET", "/api/reaches/" + reach, null, read));
        r.add(new Row("GET", "/api/pollution-trace?lon=117.74&lat=30.90", null, read));
        r.add(new Row("GET", "/api/reports/basin-quality", null, read));
        r.add(new Row("GET", "/api/reports/cross-region?level=1", null, read));
        r.add(new Row("GET", "/api/reports/cross-region.csv?level=1", null, read));
        r.add(new Row("GET", "/api/water-projects/" + project, null, read));
        r.add(new Row("GET", "/api/water-projects/" + project + "/impact?buffer_m=1000", null, read));
        r.add(new Row("GET", "/api/water-projects/" + project + "/downstream", null, read));
        r.add(new Row("POST", "/api/water/impact", "{\"geometry\":" + point + ",\"buffer_m\":500}", read));
        r.add(new Row("GET", "/api/river-chiefs", null, read));
        r.add(new Row("GET", "/api/river-chiefs/" + chief, null, read));
        r.add(new Row("GET", "/api/chief-reaches?chief_id=" + chief, null, read));
        r.add(new Row("GET", "/api/chief-reaches/" + chiefReach, null, read));
        // writes: refused before anything is checked for everyone without water:write; for the
        // others a definite answer that changes nothing (a bad body, a stale version)
        r.add(new Row("POST", "/api/water-projects", "{\"name\":\"\"}", e(401, 400, 403, 400, 403, 403, 403)));
        r.add(new Row("PATCH", "/api/water-projects/" + project, "{\"version\":99999,\"name\":\"x\"}", e(401, 409, 403, 409, 403, 403, 403)));
        r.add(new Row("POST", "/api/water-projects/" + project + "/status", "{\"version\":99999,\"status\":\"suspended\"}", e(401, 409, 403, 409, 403, 403, 403)));
        r.add(new Row("POST", "/api/water-projects/" + project + "/retire", "{\"version\":99999,\"reason\":\"x\"}", e(401, 409, 403, 409, 403, 403, 403)));
        r.add(new Row("POST", "/api/river-chiefs", "{\"name\":\"x\"}", e(401, 400, 403, 400, 403, 403, 403)));
        r.add(new Row("PATCH", "/api/river-chiefs/" + chief, "{\"version\":99999,\"name\":\"x\"}", e(401, 409, 403, 409, 403, 403, 403)));
        r.add(new Row("GET", "/api/river-chiefs/" + chief + "/contact", null, e(401, 200, 403, 200, 403, 403, 403)));
        r.add(new Row("PUT", "/api/chief-reaches/" + chiefReach + "/chief", "{\"version\":99999,\"chief_id\":null}", e(401, 409, 403, 409, 403, 403, 403)));
        return r;
    }
}
