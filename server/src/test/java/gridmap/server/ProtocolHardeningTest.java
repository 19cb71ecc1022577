package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import gridmap.data.Sql;

/**
 * The protocol gaps an outside probe found: method-override headers, security headers on errors
 * Jetty raises before routing, changing one's own password, deceptive text in names, and what the
 * health check tells strangers.
 */
class ProtocolHardeningTest extends ApiTest {

    @Test
    void methodOverrideHeadersAreIgnored() throws Exception {
        ConcurrencyAndProtocolTest.AdminWithToken a = ConcurrencyAndProtocolTest.adminWithToken();
        long tokenId = Sql.count(ds, "SELECT max(id) FROM api_token WHERE created_by = ?", a.id());
        TestServer.Client admin = server.admin();
        for (String h : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
            TestServer.Response r = admin.send(admin.req("/api/tokens/" + tokenId).header(h, "DELETE").GET());
            assertThat(r.status()).as(h).isEqualTo(405); // a GET on a DELETE-only path, whatever the header says
        }
        assertThat(Sql.count(ds, "SELECT count(*) FROM api_token WHERE id = ? AND revoked_at IS NULL", tokenId)).isEqualTo(1);
        assertThat(server.bearer(a.token()).get("/api/layers").status()).isEqualTo(200);

        TestServer.Response head = admin.send(admin.req("/api/layers").header("X-HTTP-Method-Override", "GET")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(405);
    }

    @Test
    void errorsRaisedBeforeRoutingCarryTheSecurityHeaders() throws Exception {
        String cookie = server.admin().cookies.getCookieStore().getCookies().get(0).toString();
        for (String path : new String[] {"/api/cases/1%00", "/api/%2e%2e/%2e%2e/etc", "/api/cases/%"}) {
            String response = ConcurrencyAndProtocolTest.rawGet(path, cookie);
            assertThat(response).as(path).startsWith("HTTP/1.1 400");
            assertSecurityHeaders(path, response);
        }
        // request smuggling shapes that Jetty refuses while parsing
        String clTe = ConcurrencyAndProtocolTest.raw("127.0.0.1", "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n");
        assertThat(clTe).startsWith("HTTP/1.1 400");
        assertSecurityHeaders("CL+TE", clTe);
        String folded = ConcurrencyAndProtocolTest.raw("127.0.0.1", "GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(folded).startsWith("HTTP/1.1 400");
        assertSecurityHeaders("folding", folded);
    }

    private static void assertSecurityHeaders(String what, String response) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).toLowerCase();
        assertThat(head).as(what).contains("content-type: application/problem+json")
                .contains("content-security-policy: default-src 'self'").contains("x-content-type-options: nosniff")
                .contains("x-frame-options: deny");
        assertThat(response.substring(response.indexOf("\r\n\r\n"))).as(what).contains("\"status\":400");
    }

    @Test
    void ownPasswordNeedsTheCurrentOneAndEndsOtherSessionsAndTokens() throws Exception {
        ConcurrencyAndProtocolTest.AdminWithToken a = ConcurrencyAndProtocolTest.adminWithToken();
        String name = Sql.text(ds, "SELECT username FROM app_user WHERE id = ?", a.id());
        TestServer.Client me = server.anonymous(), other = server.anonymous();
        assertThat(me.post("/api/login", SessionTest.login(name, "correct-horse-1")).status()).isEqualTo(200);
        assertThat(other.post("/api/login", SessionTest.login(name, "correct-horse-1")).status()).isEqualTo(200);
        int version = me.get("/api/users?q=" + name).json().get(0).get("version").asInt();

        // an admin's session alone cannot set the admin's own password
        assertThat(me.patch("/api/users/" + a.id(), "{\"version\":" + version + ",\"password\":\"another-horse-2\"}").status()).isEqualTo(400);
        assertThat(me.put("/api/me/password", "{\"current_password\":\"wrong-horse-0\",\"new_password\":\"another-horse-2\"}").status())
                .isEqualTo(403);
        assertThat(me.put("/api/me/password", "{\"current_password\":\"correct-horse-1\",\"new_password\":\"short\"}").status())
                .isEqualTo(400);
        assertThat(server.bearer(a.token()).send(server.bearer(a.token()).req("/api/me/password")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")).status()).isEqualTo(403);
        assertThat(server.bearer(a.token()).get("/api/layers").status()).as("still valid").isEqualTo(200);

        assertThat(me.put("/api/me/password", "{\"current_password\":\"correct-horse-1\",\"new_password\":\"another-horse-2\"}").status())
                .isEqualTo(204);
        assertThat(me.get("/api/me").status()).as("the changing session stays").isEqualTo(200);
        assertThat(other.get("/api/me").status()).as("other sessions end").isEqualTo(401);
        assertThat(server.bearer(a.token()).get("/api/layers").status()).as("its tokens are revoked").isEqualTo(401);
        assertThat(server.anonymous().post("/api/login", SessionTest.login(name, "another-horse-2")).status()).isEqualTo(200);

        // keep_tokens keeps them, explicitly
        String kept = me.post("/api/tokens", "{\"name\":\"kept\",\"scopes\":[\"map:read\"]}").json().get("token").asText();
        assertThat(me.put("/api/me/password", "{\"current_password\":\"another-horse-2\",\"new_password\":\"third-horse-33\",\"keep_tokens\":true}").status())
                .isEqualTo(204);
        assertThat(server.bearer(kept).get("/api/layers").status()).isEqualTo(200);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'user.password' AND entity_id = ?", Long.toString(a.id())))
                .isEqualTo(2);
    }

    @Test
    void anAdminResettingSomeoneElsesPasswordRevokesTheirTokensUnlessKept() throws Exception {
        ConcurrencyAndProtocolTest.AdminWithToken a = ConcurrencyAndProtocolTest.adminWithToken();
        int version = server.admin().get("/api/users?q=" + Sql.text(ds, "SELECT username FROM app_user WHERE id = ?", a.id()))
                .json().get(0).get("version").asInt();
        assertThat(server.admin().patch("/api/users/" + a.id(), "{\"version\":" + version + ",\"password\":\"reset-horse-44\"}").status())
                .isEqualTo(200);
        assertThat(server.bearer(a.token()).get("/api/layers").status()).isEqualTo(401);
    }

    @Test
    void namesAndTextRefuseControlAndBidiCharacters() throws Exception {
        TestServer.Client admin = server.admin();
        for (String bad : new String[] {"\\u202Eevil", "a\\u2066b", "tab\\there", "nul\\u0000", "bell\\u0007"}) {
            TestServer.Response r = admin.post("/api/users", "{\"username\":\"bidi-" + Math.abs(bad.hashCode()) + "\",\"display_name\":\""
                    + bad + "\",\"role\":\"viewer\",\"password\":\"correct-horse-1\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(bad).containsAnyOf("control", "NUL");
            assertThat(admin.post("/api/tokens", "{\"name\":\"" + bad + "\",\"scopes\":[\"map:read\"]}").status()).as(bad).isEqualTo(400);
        }
        double[] p = ScopeTest.pointInCellOf(ds, "worker");
        TestServer.Response r = admin.post("/api/cases", "{\"category_code\":\"0102\",\"description\":\"rubbish \\u202Eereh\",\"lon\":"
                + p[0] + ",\"lat\":" + p[1] + "}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("bidirectional");
        // line breaks are fine in free text
        assertThat(admin.post("/api/cases", "{\"category_code\":\"0102\",\"description\":\"line one\\nline two\",\"lon\":"
                + p[0] + ",\"lat\":" + p[1] + "}").status()).isEqualTo(201);
    }

    @Test
    void healthTellsStrangersNoVersions() throws Exception {
        TestServer.Response anon = server.anonymous().get("/api/health");
        assertThat(anon.status()).isEqualTo(200);
        assertThat(anon.json().has("postgis")).isFalse();
        assertThat(anon.json().has("schemaVersion")).isFalse();
        assertThat(server.as("viewer").get("/api/health").json().has("postgis")).isFalse();
        assertThat(server.admin().get("/api/health").json().get("postgis").asText()).matches("3\\..*");
    }
}
