package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/** Every write leaves one audit row, in the same transaction, naming who, what, before/after and the request. */
class AuditTrailTest extends ApiTest {

    /** The newest audit row for an action. */
    static JsonNode last(String action) throws Exception {
        JsonNode items = server.admin().get("/api/audit?action=" + action + "&limit=1").json().get("items");
        assertThat(items).as("audit rows for " + action).isNotEmpty();
        return items.get(0);
    }

    @Test
    void userCreateAndUpdateAreAudited() throws Exception {
        String name = "auditee" + System.nanoTime() % 1_000_000;
        TestServer.Response created = server.admin().post("/api/users",
                "{\"username\":\"" + name + "\",\"display_name\":\"审计 测试\",\"role\":\"viewer\",\"password\":\"a-long-password-1\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode row = last("user.create");
        assertThat(row.get("actor_name").asText()).isEqualTo("admin");
        assertThat(row.get("entity").asText()).isEqualTo("app_user");
        assertThat(row.get("entity_id").asText()).isEqualTo(created.json().get("id").asText());
        assertThat(row.get("after").get("username").asText()).isEqualTo(name);
        assertThat(row.get("after").has("password_hash")).as("no secrets in the trail").isFalse();
        assertThat(row.get("request_id").asText()).isEqualTo(created.header("X-Request-Id"));

        long id = created.json().get("id").asLong();
        TestServer.Response updated = server.admin().patch("/api/users/" + id, "{\"version\":0,\"role\":\"planner\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode up = last("user.update");
        assertThat(up.get("before").get("role").asText()).isEqualTo("viewer");
        assertThat(up.get("after").get("role").asText()).isEqualTo("planner");
        // a second update with the old version is refused and changes nothing, audit included
        long rows = Sql.count(ds, "SELECT count(*) FROM audit_log");
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":0,\"role\":\"viewer\"}").status()).isEqualTo(409);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log")).isEqualTo(rows);
        assertThat(Sql.one(ds, "SELECT role FROM app_user WHERE id = ?", id)).isEqualTo("planner");
    }

    @Test
    void tokenCellAndCaseWritesAreAudited() throws Exception {
        TestServer.Response t = server.admin().post("/api/tokens", "{\"name\":\"audit token\",\"scopes\":[\"map:read\"]}");
        long tokenId = t.json().get("id").asLong();
        assertThat(last("token.create").get("entity_id").asLong()).isEqualTo(tokenId);
        assertThat(last("token.create").toString()).doesNotContain(t.json().get("token").asText());
        server.admin().delete("/api/tokens/" + tokenId);
        assertThat(last("token.revoke").get("before").get("revoked_at").isNull()).isTrue();
        assertThat(last("token.revoke").get("after").get("revoked_at").isNull()).isFalse();

        long cell = Sql.count(ds, "SELECT max(id) FROM grid_cell");
        long version = Sql.count(ds, "SELECT version FROM grid_cell WHERE id = ?", cell);
        long worker = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'worker'");
        long previous = Sql.count(ds, "SELECT worker_id FROM grid_cell WHERE id = ?", cell);
        assertThat(server.admin().put("/api/cells/" + cell + "/worker", "{\"worker_id\":" + worker + ",\"version\":" + version + "}").status()).isEqualTo(204);
        JsonNode a = last("cell.assign_worker");
        assertThat(a.get("before").get("worker_id").asLong()).isEqualTo(previous);
        assertThat(a.get("after").get("worker_id").asLong()).isEqualTo(worker);
        assertThat(a.get("after").has("geom")).isFalse();
        // put it back, so other tests see the demo's assignment
        assertThat(server.admin().put("/api/cells/" + cell + "/worker", "{\"worker_id\":" + previous + ",\"version\":" + (version + 1) + "}").status()).isEqualTo(204);

        double[] p = ScopeTest.pointInCellOf(ds, "worker");
        TestServer.Response k = server.as("worker").post("/api/cases",
                "{\"category_code\":\"0401\",\"description\":\"占道经营\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}");
        JsonNode c = last("case.create");
        assertThat(c.get("actor_name").asText()).isEqualTo("worker");
        assertThat(c.get("entity_id").asText()).isEqualTo(k.json().get("id").asText());
        assertThat(c.get("after").get("description").asText()).isEqualTo("占道经营");
    }

    @Test
    void signInAndOutAreAudited() throws Exception {
        TestServer.Client c = server.anonymous();
        assertThat(c.post("/api/login", "{\"username\":\"viewer\",\"password\":\"demo-viewer\"}").status()).isEqualTo(200);
        assertThat(last("session.login").get("actor_name").asText()).isEqualTo("viewer");
        assertThat(c.post("/api/logout", "{}").status()).isEqualTo(204);
        assertThat(last("session.logout").get("actor_name").asText()).isEqualTo("viewer");
    }

    @Test
    void auditFiltersAndCsvExport() throws Exception {
        JsonNode page = server.admin().get("/api/audit?actor=admin&entity=app_user&limit=2").json();
        assertThat(page.get("total").asLong()).isPositive();
        assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
        for (JsonNode i : page.get("items")) {
            assertThat(i.get("actor_name").asText()).isEqualTo("admin");
            assertThat(i.get("entity").asText()).isEqualTo("app_user");
        }
        // a description that a spreadsheet would run as a formula is exported inert
        double[] p = ScopeTest.pointInCellOf(ds, "worker");
        server.as("worker").post("/api/cases", "{\"category_code\":\"0401\",\"description\":\"=HYPERLINK(\\\"x\\\")\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}");
        TestServer.Response csv = server.admin().get("/api/audit.csv?action=case.create");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        String[] lines = csv.body().replace("\ufeff", "").split("\r\n");
        assertThat(lines[0]).isEqualTo("id,at,actor,action,entity,entity_id,before,after,request_id");
        assertThat(lines.length - 1).isEqualTo((int) Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'case.create'"));
        assertThat(csv.body()).doesNotContain(",=HYPERLINK");
        assertThat(server.admin().get("/api/audit?from=2026-13-01").status()).isEqualTo(400);
        assertThat(server.admin().get("/api/audit?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
    }
}
