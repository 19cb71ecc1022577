package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gridmap.data.Sql;
import gridmap.server.http.Routes;

/**
 * Each role (and anonymous, and API tokens) against each endpoint, with the expected status.
 * Bodies are chosen so that an allowed caller gets a definite answer (200/201, or a 4xx that can
 * only come after authorization passed, e.g. 409 for a stale version), so the matrix shows
 * authorization and nothing else.
 */
class AuthorizationMatrixTest extends ApiTest {
    static final String[] ROLES = MatrixRows.ROLES;

    /** Every feature's rows; a feature with routes adds its class here. */
    static List<MatrixRows> features() {
        return List.of(new CoreMatrixRows(), new PreferenceMatrixRows(), new CaseMatrixRows(), new PrivacyMatrixRows(),
                new WaterMatrixRows(), new PlanMatrixRows(), new ImportMatrixRows());
    }

    static List<MatrixRows.Row> rows() throws Exception {
        List<MatrixRows.Row> all = new ArrayList<>();
        for (MatrixRows f : features()) all.addAll(f.rows(ds));
        return all;
    }

    /** Open to everyone by design, and covered by {@link SessionTest} (a sign-out would end the matrix's sessions). */
    static final java.util.Set<String> EXEMPT = java.util.Set.of("POST /api/login", "POST /api/logout");

    @Test
    void everyRouteHasARow() throws Exception {
        List<MatrixRows.Row> rows = rows();
        List<String> missing = new ArrayList<>();
        for (Routes.Route route : server.routes.table()) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(route.path().replaceAll("\\{[^/]+}", "[^/]+").replace(".", "\\."));
            boolean covered = rows.stream().anyMatch(r -> r.method().equals(route.method().name())
                    && p.matcher(r.path().replaceAll("\\?.*", "")).matches());
            String key = route.method() + " " + route.path();
            if (!covered && !EXEMPT.contains(key)) missing.add(key);
        }
        assertThat(missing).as("routes without a row in the authorization matrix").isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatItMay() throws Exception {
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.length; i++) {
            TestServer.Client c = ROLES[i].equals("anonymous") ? server.anonymous() : server.as(ROLES[i]);
            for (MatrixRows.Row row : rows()) {
                TestServer.Response r = row.body() == null ? c.send(c.req(row.path()).method(row.method(), java.net.http.HttpRequest.BodyPublishers.noBody()))
                        : c.send(row.path(), row.method(), row.body(), "application/json");
                if (r.status() != row.expected()[i]) {
                    failures.put(ROLES[i] + " " + row.method() + " " + row.path(), "expected " + row.expected()[i] + ", got " + r.status() + " " + r.body());
                }
                // Open311 has an error format of its own; everything else answers with problem details
                if (r.status() >= 400) {
                    assertThat(r.contentType()).as(row.path()).startsWith(row.path().startsWith("/open311/") ? "application/json" : "application/problem+json");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void tokensCarryOnlyTheirScopes() throws Exception {
        double[] workerPoint = ScopeTest.pointInCellOf(ds, "worker");
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
