package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/** Committing plans: dates, stale plans, two planners at once, cells and cases that follow. The map is put back afterwards. */
class PlanCommitTest extends ApiTest {

    private static gridmap.data.MapSnapshot before;

    @org.junit.jupiter.api.BeforeAll
    static void remember() throws Exception {
        before = gridmap.data.MapSnapshot.take(ds);
    }

    /** The map as it was, for the next test class (a commit changes the boundaries everyone else reads). */
    @AfterAll
    static void putTheMapBack() throws Exception {
        before.restore();
    }

    static JsonNode create(String parent, String ops) throws Exception {
        return PlanTesting.create(server.as("planner"), PlanApiTest.plan(parent, ops));
    }

    @Test
    void effectiveDatesBeforeTheUnitsOrInTheFutureAre422() throws Exception {
        JsonNode p = create("340705002", "[{\"op\":\"rename\",\"unit\":\"340705002001\",\"name\":\"改名社区\"}]");
        TestServer.Client planner = server.as("planner");
        TestServer.Response early = PlanTesting.commit(planner, p, "2004-12-31", "x");
        assertThat(early.status()).as(early.body()).isEqualTo(422);
        assertThat(early.json().get("detail").asText()).contains("not after the start");
        assertThat(PlanTesting.commit(planner, p, "2005-01-01", "x").status()).isEqualTo(422);
        assertThat(PlanTesting.commit(planner, p, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString(), "x").status()).isEqualTo(422);
        assertThat(planner.post("/api/plans/" + p.get("id").asLong() + "/commit", "{\"version\":0,\"effective_date\":\"2010-13-01\",\"legal_ref\":\"x\"}").status()).isEqualTo(400);
        assertThat(planner.post("/api/plans/" + p.get("id").asLong() + "/commit", "{\"version\":0,\"effective_date\":\"2010-07-01\"}").status()).isEqualTo(400);
        // nothing happened
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code = '340705002001'")).isEqualTo(1);
        // a viewer and a watershed planner may not commit
        assertThat(PlanTesting.commit(server.as("viewer"), p, "2010-07-01", "x").status()).isEqualTo(403);
        assertThat(PlanTesting.commit(server.as("watershed"), p, "2010-07-01", "x").status()).isEqualTo(403);
        // a rename keeps the area: one new row, lineage 1 to 1, cells renumbered under it with their workers
        TestServer.Response ok = PlanTesting.commit(planner, p, "2011-03-01", "铜政〔2011〕3号");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(Sql.text(ds, "SELECT name FROM admin_unit WHERE code = '340705002001' AND valid_to IS NULL")).isEqualTo("改名社区");
        assertThat(Sql.text(ds, "SELECT name FROM admin_unit WHERE code = '340705002001' AND valid_to = DATE '2011-03-01'")).isNotEqualTo("改名社区");
        assertThat(Sql.count(ds, """
                SELECT count(*) FROM grid_cell n JOIN grid_cell o ON o.code = n.code AND o.valid_to = DATE '2011-03-01'
                 WHERE n.valid_from = DATE '2011-03-01' AND n.code LIKE '340705002001%' AND o.worker_id IS NOT DISTINCT FROM n.worker_id
                   AND ST_Equals(o.geom, n.geom)""")).isEqualTo(Sql.count(ds,
                "SELECT count(*) FROM grid_cell WHERE code LIKE '340705002001%' AND valid_to IS NULL"));
        // committed plans are final: no edits, no second commit; undoing takes a new plan
        JsonNode done = ok.json().get("plan");
        assertThat(planner.patch("/api/plans/" + p.get("id").asLong(), "{\"version\":" + done.get("version").asInt() + ",\"name\":\"z\"}").status()).isEqualTo(409);
        assertThat(planner.get("/api/plans/" + p.get("id").asLong() + "/preview").status()).isEqualTo(409);
    }

    @Test
    void aPlanWhoseUnitsChangedIsStale() throws Exception {
        JsonNode first = create("340705003", "[{\"op\":\"merge\",\"units\":[\"340705003005\",\"340705003006\",\"340705003008\"],\"name\":\"第一\"}]");
        JsonNode second = create("340705003", "[{\"op\":\"rename\",\"unit\":\"340705003001\",\"name\":\"第二\"}]");
        TestServer.Client planner = server.as("planner");
        assertThat(PlanTesting.commit(planner, first, "2010-07-01", "a").status()).isEqualTo(200);
        TestServer.Response stale = PlanTesting.commit(planner, second, "2010-07-01", "b");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asText()).contains("stale").contains("340705003005").contains("closed on 2010-07-01");
        assertThat(planner.get("/api/plans/" + second.get("id").asLong() + "/preview").status()).isEqualTo(409);
        // saved again, it is checked against the units as they are now, and commits
        JsonNode resaved = planner.patch("/api/plans/" + second.get("id").asLong(), "{\"version\":" + second.get("version").asInt() + ",\"name\":\"第二（重存）\"}").json();
        assertThat(PlanTesting.commit(planner, resaved, "2010-08-01", "b").status()).isEqualTo(200);
    }

    @Test
    void twoPlannersCommittingOverlappingPlansOneWinsTheOther409() throws Exception {
        JsonNode a = create("340705004", "[{\"op\":\"merge\",\"units\":[\"340705004001\",\"340705004005\",\"340705004008\"],\"name\":\"甲\"}]");
        JsonNode b = PlanTesting.create(server.as("admin"), PlanApiTest.plan("340705004",
                "[{\"op\":\"merge\",\"units\":[\"340705004004\",\"340705004006\",\"340705004007\"],\"name\":\"乙\"},"
                + "{\"op\":\"rename\",\"unit\":\"340705004001\",\"name\":\"乙改\"}]"));
        long eventsBefore = Sql.count(ds, "SELECT count(*) FROM change_event");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<TestServer.Response>> both = List.of(
                    () -> PlanTesting.commit(server.as("planner"), a, "2010-07-01", "甲号"),
                    () -> PlanTesting.commit(server.as("admin"), b, "2010-07-01", "乙号"));
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestServer.Response> f : pool.invokeAll(both)) statuses.add(f.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(Sql.count(ds, "SELECT count(*) FROM change_event")).isEqualTo(eventsBefore + 1);
        // the loser left nothing behind: the street holds exactly one merged community, all its cells live once
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code LIKE '340705004___' AND valid_to IS NULL AND level = 'community'")).isEqualTo(6);
        assertThat(Sql.count(ds, "SELECT count(*) FROM plan WHERE status = 'committed' AND id IN (?, ?)", a.get("id").asLong(), b.get("id").asLong())).isEqualTo(1);
    }

    @Test
    void cellsMovedBetweenCommunitiesTakeTheirOpenCasesAndWorkers() throws Exception {
        // a cell of 340705006001 on its border with another community of the street, with an open case if one exists
        long cell = Sql.count(ds, """
                SELECT g.id FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id JOIN admin_unit o ON o.parent_id = c.parent_id AND o.id <> c.id
                 WHERE c.code = '340705006001' AND g.valid_to IS NULL AND o.valid_to IS NULL AND ST_Length(ST_Intersection(g.geom, o.geom)) > 0
                 ORDER BY (SELECT count(*) FROM cases k WHERE k.cell_id = g.id AND k.status IN ('reported','registered','dispatched','in_progress','handled','parked')) DESC, g.id LIMIT 1""");
        String to = Sql.text(ds, """
                SELECT o.code FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id JOIN admin_unit o ON o.parent_id = c.parent_id AND o.id <> c.id
                 WHERE g.id = ? AND o.valid_to IS NULL AND ST_Length(ST_Intersection(g.geom, o.geom)) > 0 ORDER BY o.code LIMIT 1""", cell);
        long openCases = Sql.count(ds, "SELECT count(*) FROM cases WHERE cell_id = ? AND status IN ('reported','registered','dispatched','in_progress','handled','parked')", cell);
        long closedCases = Sql.count(ds, "SELECT count(*) FROM cases WHERE cell_id = ? AND status NOT IN ('reported','registered','dispatched','in_progress','handled','parked')", cell);
        Object worker = Sql.one(ds, "SELECT worker_id FROM grid_cell WHERE id = ?", cell);
        JsonNode p = create("340705006", "[{\"op\":\"reassign\",\"cells\":[" + cell + "],\"to\":\"" + to + "\"}]");
        TestServer.Response ok = PlanTesting.commit(server.as("planner"), p, "2012-01-01", "调整");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        long successor = Sql.count(ds, """
                SELECT n.id FROM grid_cell n, grid_cell o WHERE o.id = ? AND n.valid_from = DATE '2012-01-01' AND ST_Equals(n.geom, o.geom)""", cell);
        assertThat(Sql.text(ds, "SELECT c.code FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id WHERE g.id = ?", successor)).isEqualTo(to);
        assertThat(Sql.one(ds, "SELECT worker_id FROM grid_cell WHERE id = ?", successor)).isEqualTo(worker);
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases k JOIN admin_unit c ON c.id = k.community_id WHERE k.cell_id = ? AND c.code = ?", successor, to)).isEqualTo(openCases);
        // closed cases stay where they were handled
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE cell_id = ?", cell)).isEqualTo(closedCases);
        // both communities have new versions, their lineage splits the one that gave the cell
        assertThat(ok.json().get("units_created").asInt()).isEqualTo(2);
        assertThat(Sql.count(ds, "SELECT count(*) FROM unit_lineage WHERE change_event_id = ?", ok.json().get("change_event_id").asLong())).isEqualTo(3);
    }

}
