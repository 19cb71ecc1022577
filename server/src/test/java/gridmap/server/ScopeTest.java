package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/** Spatial scope: a grid worker sees and acts only in their own cells, a dispatcher only in their district. */
class ScopeTest extends ApiTest {

    /** A point inside one of the cells of this grid worker. */
    static double[] pointInCellOf(DataSource ds, String username) throws SQLException {
        String wkt = (String) Sql.one(ds, "SELECT ST_AsText(ST_PointOnSurface(g.geom)) FROM grid_cell g JOIN app_user u ON u.id = g.worker_id"
                + " WHERE u.username = ? ORDER BY g.id LIMIT 1", username);
        String[] xy = wkt.replace("POINT(", "").replace(")", "").split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    @Test
    void gridWorkerCannotReadAnotherCellsCaseById() throws Exception {
        long foreign = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username <> 'worker'");
        long own = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker'");
        TestServer.Client worker = server.as("worker");
        assertThat(worker.get("/api/cases/" + own).status()).isEqualTo(200);
        TestServer.Response r = worker.get("/api/cases/" + foreign);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("description");
        assertThat(server.admin().get("/api/cases/" + foreign).status()).isEqualTo(200);
    }

    @Test
    void gridWorkerSeesOnlyTheirCellsCasesInAnyBox() throws Exception {
        long workerId = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'worker'");
        Set<String> ownCells = new HashSet<>();
        for (JsonNode f : server.admin().get("/api/layers/grid-cells?limit=50000").json().get("features")) {
            if (f.get("properties").get("worker_id").asLong() == workerId) ownCells.add(f.get("properties").get("code").asText());
        }
        assertThat(ownCells).hasSize(3);
        JsonNode fc = server.as("worker").get("/api/layers/cases?bbox=117,30,119,32&limit=50000").json();
        long expected = Sql.count(ds, "SELECT count(*) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker'");
        assertThat(fc.get("numberReturned").asLong()).isEqualTo(expected).isPositive();
        for (JsonNode f : fc.get("features")) assertThat(ownCells).contains(f.get("properties").get("cell_code").asText());
        // the layer list counts only what the worker may see, too
        for (JsonNode l : server.as("worker").get("/api/layers").json()) {
            if (l.get("id").asText().equals("cases")) assertThat(l.get("count").asLong()).isEqualTo(expected);
        }
    }

    @Test
    void dispatcherSeesOnlyTheirDistrict() throws Exception {
        JsonNode fc = server.as("dispatcher").get("/api/layers/cases?limit=50000").json();
        long expected = Sql.count(ds, "SELECT count(*) FROM cases c JOIN admin_unit d ON d.id = c.district_id WHERE d.code = '340705'");
        long all = Sql.count(ds, "SELECT count(*) FROM cases");
        assertThat(fc.get("numberReturned").asLong()).isEqualTo(expected).isLessThan(all);
        long foreign = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN admin_unit d ON d.id = c.district_id WHERE d.code <> '340705'");
        assertThat(server.as("dispatcher").get("/api/cases/" + foreign).status()).isEqualTo(403);
    }

    @Test
    void reportingIsLimitedToTheCallersArea() throws Exception {
        double[] own = pointInCellOf(ds, "worker");
        double[] other = pointInCellOf(ds, "gw340722100001001");
        String body = "{\"category_code\":\"1101\",\"description\":\"井盖破损\",\"lon\":%s,\"lat\":%s}";
        TestServer.Response ok = server.as("worker").post("/api/cases", String.format(body, own[0], own[1]));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode f = ok.json();
        assertThat(f.get("properties").get("code").asText()).matches("TL\\d{8}\\d{6,}");
        assertThat(f.get("properties").get("status").asText()).isEqualTo("reported");
        assertThat(server.as("worker").post("/api/cases", String.format(body, other[0], other[1])).status()).isEqualTo(403);
        // 枞阳县 is not the dispatcher's district
        assertThat(server.as("dispatcher").post("/api/cases", String.format(body, other[0], other[1])).status()).isEqualTo(403);
        TestServer.Response outside = server.admin().post("/api/cases", String.format(body, 100.0, 40.0));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().get("detail").asText()).contains("outside every grid cell");
    }
}
