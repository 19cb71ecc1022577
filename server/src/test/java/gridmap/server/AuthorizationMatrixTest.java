package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Sql;

/**
 * Each role (and anonymous, and API tokens) against each endpoint, with the expected status.
 * Bodies are chosen so that an allowed caller gets a definite answer (200/201, or a 4xx that can
 * only come after authorization passed, e.g. 409 for a stale version), so the matrix shows
 * authorization and nothing else.
 */
class AuthorizationMatrixTest extends ApiTest {
    static long unitId, cellId, workerCaseId, userId;
    static double[] workerPoint;

    @BeforeAll
    static void setUp() throws Exception {
        unitId = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705'");
        cellId = Sql.count(ds, "SELECT min(id) FROM grid_cell");
        workerCaseId = Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker'");
        userId = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'viewer'");
        workerPoint = ScopeTest.pointInCellOf(ds, "worker");
    }

    static final String[] ROLES = {"anonymous", "admin", "planner", "watershed", "dispatcher", "worker", "viewer"};

    record Row(String method, String path, String body, int[] expected) {}

    static int[] e(int anon, int admin, int planner, int watershed, int dispatcher, int worker, int viewer) {
        return new int[] {anon, admin, planner, watershed, dispatcher, worker, viewer};
    }

    static List<Row> rows() {
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.81,30.9],[117.81,30.91],[117.8,30.91],[117.8,30.9]]]}";
        String newCase = "{\"category_code\":\"0102\",\"description\":\"matrix test\",\"lon\":" + workerPoint[0] + ",\"lat\":" + workerPoint[1] + "}";
        List<Row> r = new ArrayList<>();
        r.add(new Row("GET", "/api/health", null, e(200, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/config", null, e(200, 200, 200, 200, 200, 200, 200)));
        r.add(new Row("GET", "/api/me", null, e(401, 200, 200, 200, 200, 200, 200)));
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

    @Test
    void everyRoleGetsExactlyWhatItMay() throws Exception {
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.length; i++) {
            TestServer.Client c = ROLES[i].equals("anonymous") ? server.anonymous() : server.as(ROLES[i]);
            for (Row row : rows()) {
                TestServer.Response r = row.body == null ? c.send(c.req(row.path).method(row.method, java.net.http.HttpRequest.BodyPublishers.noBody()))
                        : c.send(row.path, row.method, row.body, "application/json");
                if (r.status() != row.expected[i]) {
                    failures.put(ROLES[i] + " " + row.method + " " + row.path, "expected " + row.expected[i] + ", got " + r.status() + " " + r.body());
                }
                if (r.status() >= 400) assertThat(r.contentType()).as(row.path).startsWith("application/problem+json");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void tokensCarryOnlyTheirScopes() throws Exception {
        String readToken = createToken("gis client", "[\"map:read\"]");
        String intakeToken = createToken("hotline intake", "[\"cases:create\"]");
        TestServer.Client gis = server.bearer(readToken), intake = server.bearer(intakeToken);
        String newCase = "{\"category_code\":\"0102\",\"description\":\"token test\",\"lon\":" + workerPoint[0] + ",\"lat\":" + workerPoint[1] + "}";

        assertThat(gis.get("/api/layers/communities?limit=1").status()).isEqualTo(200);
        assertThat(gis.get("/api/layers/cases?limit=1").status()).isEqualTo(403);
        assertThat(gis.post("/api/cases", newCase).status()).isEqualTo(403);
        assertThat(gis.get("/api/audit").status()).isEqualTo(403);
        assertThat(intake.post("/api/cases", newCase).status()).isEqualTo(201);
        assertThat(intake.get("/api/layers").status()).isEqualTo(403);
        assertThat(server.admin().post("/api/tokens", "{\"name\":\"x\",\"scopes\":[\"map:read\",null]}").status()).isEqualTo(400);

        assertThat(server.bearer("gm_nope_nope").get("/api/layers").status()).isEqualTo(401);
        assertThat(server.bearer(readToken + "x").get("/api/layers").status()).isEqualTo(401);
        long id = Sql.count(server.db.dataSource(), "SELECT id FROM api_token WHERE name = 'gis client' ORDER BY id DESC LIMIT 1");
        assertThat(server.admin().delete("/api/tokens/" + id).status()).isEqualTo(204);
        assertThat(gis.get("/api/layers/communities?limit=1").status()).as("revoked").isEqualTo(401);
    }

    static String createToken(String name, String scopes) throws Exception {
        TestServer.Response r = server.admin().post("/api/tokens", "{\"name\":\"" + name + "\",\"scopes\":" + scopes + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String token = r.json().get("token").asText();
        assertThat(token).startsWith("gm_");
        // listing never shows the secret again (gm_<public id>_<secret>; the secret itself may contain '_')
        String secret = token.substring(token.indexOf('_', 3) + 1);
        assertThat(secret).hasSizeGreaterThan(30);
        assertThat(server.admin().get("/api/tokens").body()).doesNotContain(secret);
        return token;
    }
}
