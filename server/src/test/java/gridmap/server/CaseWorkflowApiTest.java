package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;
import gridmap.data.cases.CaseAction;
import gridmap.data.cases.CaseStatus;

/** The seven-step loop over HTTP: every action from every state for each role and area, and one case walked to closed. */
class CaseWorkflowApiTest extends ApiTest {
    static long workerId, workerCell, foreignCell;

    @BeforeAll
    static void ids() throws Exception {
        workerId = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'worker'");
        workerCell = Sql.count(ds, "SELECT min(id) FROM grid_cell WHERE worker_id = ?", workerId);
        foreignCell = Sql.count(ds, "SELECT min(g.id) FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id WHERE k.code LIKE '340722%'");
    }

    /** A case put straight into a state, in a cell, assigned to the worker (as dispatch would). */
    static long caseIn(CaseStatus status, long cellId) throws Exception {
        return Sql.count(ds, """
                INSERT INTO cases (code, category_code, status, source, geom, cell_id, community_id, district_id, assignee_id, reported_at,
                  updated_at, merged_into_id)
                SELECT next_case_code(now()), '0102', ?, 'patrol', ST_PointOnSurface(g.geom), g.id, g.community_id, s.parent_id, ?, now(), now(),
                  CASE WHEN ? = 'merged' THEN (SELECT min(id) FROM cases) END
                FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id WHERE g.id = ? RETURNING id""",
                status.db, workerId, status.db, cellId);
    }

    static String body(CaseAction a, long original) {
        return switch (a.needs) {
            case NOTE -> "{\"action\":\"" + a.db + "\",\"note\":\"现场情况说明\"}";
            case TARGET -> "{\"action\":\"" + a.db + "\",\"assignee_id\":" + workerId + "}";
            case ORIGINAL -> "{\"action\":\"" + a.db + "\",\"original_id\":" + original + "}";
            case NOTHING -> "{\"action\":\"" + a.db + "\"}";
        };
    }

    @Test
    void everyActionFromEveryStateForEachRole() throws Exception {
        long original = caseIn(CaseStatus.REGISTERED, workerCell);
        Map<String, String> wrong = new LinkedHashMap<>();
        for (String role : new String[] {"admin", "dispatcher", "worker", "viewer"}) {
            TestServer.Client c = server.as(role);
            for (CaseStatus state : CaseStatus.values()) {
                for (CaseAction a : CaseAction.values()) {
                    long id = caseIn(state, workerCell);
                    boolean command = role.equals("admin") || role.equals("dispatcher");
                    boolean roleMay = command ? a.who.contains(CaseAction.Who.COMMAND)
                            : role.equals("worker") && (a.who.contains(CaseAction.Who.ASSIGNEE) || a.who.contains(CaseAction.Who.CELL_WORKER));
                    int expected = role.equals("viewer") ? 403 : !roleMay ? 403 : a.from.contains(state) ? 200 : 409;
                    TestServer.Response r = c.post("/api/cases/" + id + "/transitions", body(a, original));
                    if (r.status() != expected) wrong.put(role + " " + a.db + " from " + state.db, "expected " + expected + ", got " + r.status() + " " + r.body());
                    if (r.status() == 200) {
                        assertThat(r.json().get("properties").get("status").asText()).isEqualTo(a.to.db);
                        assertThat(Sql.count(ds, "SELECT count(*) FROM case_event WHERE case_id = ? AND action = ?", id, a.db)).isEqualTo(1);
                    }
                    if (r.status() == 409) {
                        // the refusal lists what this caller may do now
                        List<String> allowed = new ArrayList<>();
                        r.json().get("allowed").forEach(x -> allowed.add(x.asText()));
                        List<String> expectedAllowed = new ArrayList<>();
                        for (CaseAction b : CaseAction.values()) {
                            boolean may = command ? b.who.contains(CaseAction.Who.COMMAND)
                                    : b.who.contains(CaseAction.Who.ASSIGNEE) || b.who.contains(CaseAction.Who.CELL_WORKER);
                            if (b.from.contains(state) && may) expectedAllowed.add(b.db);
                        }
                        assertThat(allowed).as(role + " " + state.db).isEqualTo(expectedAllowed);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void outsideTheirAreaNobodyButTheAdminMovesACase() throws Exception {
        for (String role : new String[] {"dispatcher", "worker"}) {
            long id = caseIn(CaseStatus.REPORTED, foreignCell);
            assertThat(server.as(role).post("/api/cases/" + id + "/transitions", "{\"action\":\"register\"}").status()).as(role).isEqualTo(403);
            assertThat(Sql.one(ds, "SELECT status FROM cases WHERE id = ?", id)).isEqualTo("reported");
        }
        long id = caseIn(CaseStatus.REPORTED, foreignCell);
        assertThat(server.admin().post("/api/cases/" + id + "/transitions", "{\"action\":\"register\"}").status()).isEqualTo(200);
        // a worker who is not the assignee cannot start the work, even in their own cell
        long other = caseIn(CaseStatus.DISPATCHED, workerCell);
        Sql.exec(ds, "UPDATE cases SET assignee_id = NULL, department_id = (SELECT min(id) FROM department) WHERE id = " + other);
        assertThat(server.as("worker").post("/api/cases/" + other + "/transitions", "{\"action\":\"start\"}").status()).isEqualTo(403);
    }

    @Test
    void aCaseWalkedFromReportToClosedWithOneRework() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        TestServer.Response created = server.as("worker").post("/api/cases",
                "{\"category_code\":\"1101\",\"description\":\"井盖破损\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("properties").get("due_at").isNull()).as("a deadline from the start").isFalse();
        TestServer.Client worker = server.as("worker"), dispatcher = server.as("dispatcher");
        step(dispatcher, id, "{\"action\":\"register\"}", "registered");
        assertThat(dispatcher.post("/api/cases/" + id + "/transitions", "{\"action\":\"dispatch\"}").status()).as("no target").isEqualTo(422);
        long dept = Sql.count(ds, "SELECT id FROM department WHERE code = 'municipal'");
        JsonNode d = step(dispatcher, id, "{\"action\":\"dispatch\",\"assignee_id\":" + workerId + "}", "dispatched");
        assertThat(d.get("close_due_at").isNull()).isFalse();
        step(worker, id, "{\"action\":\"start\"}", "in_progress");
        assertThat(worker.post("/api/cases/" + id + "/transitions", "{\"action\":\"handle\"}").status()).as("feedback needed").isEqualTo(422);
        step(worker, id, "{\"action\":\"handle\",\"note\":\"已更换井盖\"}", "handled");
        JsonNode rework = step(worker, id, "{\"action\":\"fail_verification\",\"note\":\"井盖不平\"}", "dispatched");
        assertThat(rework.get("rework_count").asInt()).isEqualTo(1);
        step(worker, id, "{\"action\":\"start\"}", "in_progress");
        step(worker, id, "{\"action\":\"handle\",\"note\":\"已重新安装\"}", "handled");
        JsonNode closed = step(worker, id, "{\"action\":\"verify\"}", "closed");
        assertThat(closed.get("closed_at").isNull()).isFalse();
        assertThat(closed.get("actions")).isEmpty(); // a worker cannot reopen
        List<String> history = new ArrayList<>();
        closed.get("history").forEach(h -> history.add(h.get("action").asText()));
        assertThat(history).containsExactly("report", "register", "dispatch", "start", "handle", "fail_verification", "start", "handle", "verify");
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE entity = 'cases' AND entity_id = ? AND action LIKE 'case.%'", Long.toString(id))).isEqualTo(9);
        JsonNode reopened = step(dispatcher, id, "{\"action\":\"reopen\",\"note\":\"市民反映仍有问题\"}", "registered");
        assertThat(reopened.get("closed_at").isNull()).isTrue();
        step(dispatcher, id, "{\"action\":\"dispatch\",\"department_id\":" + dept + "}", "dispatched");
        step(dispatcher, id, "{\"action\":\"park\",\"note\":\"待管线单位协调\"}", "parked");
        step(dispatcher, id, "{\"action\":\"resume\"}", "registered");
        step(dispatcher, id, "{\"action\":\"close_not_fixed\",\"note\":\"产权单位不明\"}", "closed_not_fixed");
    }

    static JsonNode step(TestServer.Client c, long id, String body, String status) throws Exception {
        TestServer.Response r = c.post("/api/cases/" + id + "/transitions", body);
        assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(200);
        JsonNode p = r.json().get("properties");
        assertThat(p.get("status").asText()).isEqualTo(status);
        return p;
    }

    @Test
    void aDuplicateIsMergedIntoItsOriginalAndKeepsItsHistory() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        String body = "{\"category_code\":\"0302\",\"description\":\"%s\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}";
        long original = server.as("worker").post("/api/cases", body.formatted("垃圾堆放")).json().get("id").asLong();
        // reporting the same thing nearby lists the original as a possible duplicate
        TestServer.Response near = server.as("dispatcher").get("/api/cases/nearby?lon=" + p[0] + "&lat=" + p[1] + "&category=0302");
        assertThat(near.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        near.json().forEach(x -> ids.add(x.get("id").asLong()));
        assertThat(ids).contains(original);
        assertThat(near.json().get(0).get("distance_m").asDouble()).isLessThanOrEqualTo(50);
        long dup = server.as("dispatcher").post("/api/cases", body.formatted("又有人反映垃圾")).json().get("id").asLong();
        assertThat(server.as("dispatcher").post("/api/cases/" + dup + "/transitions", "{\"action\":\"merge\",\"original_id\":" + dup + "}").status())
                .isEqualTo(422);
        JsonNode merged = step(server.as("dispatcher"), dup, "{\"action\":\"merge\",\"original_id\":" + original + "}", "merged");
        assertThat(merged.get("merged_into_id").asLong()).isEqualTo(original);
        assertThat(merged.get("history")).hasSize(2);
        JsonNode o = server.as("dispatcher").get("/api/cases/" + original).json().get("properties");
        assertThat(o.get("duplicates").get(0).get("id").asLong()).isEqualTo(dup);
        assertThat(o.get("history").get(o.get("history").size() - 1).get("action").asText()).isEqualTo("merge_in");
        // a merged duplicate is no longer offered as a duplicate
        ids.clear();
        server.as("dispatcher").get("/api/cases/nearby?lon=" + p[0] + "&lat=" + p[1] + "&category=0302").json().forEach(x -> ids.add(x.get("id").asLong()));
        assertThat(ids).doesNotContain(dup);
    }
}
