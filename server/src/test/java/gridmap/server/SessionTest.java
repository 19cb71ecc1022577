package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gridmap.server.auth.AuthRoutes;
import gridmap.data.Sql;

/** Sessions, passwords and sign-in rate limits. */
class SessionTest extends ApiTest {

    @AfterEach
    void forgetFailures() throws Exception {
        Sql.exec(ds, "DELETE FROM login_failure"); // the rate limit would otherwise lock out later tests from 127.0.0.1
    }

    static String login(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    static String newUser(String role) throws Exception {
        String name = role.replace("_", "") + System.nanoTime() % 10_000_000;
        TestServer.Response r = server.admin().post("/api/users", "{\"username\":\"" + name + "\",\"display_name\":\"测试\",\"role\":\"" + role
                + "\",\"password\":\"correct-horse-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    @Test
    void sessionCookieIsHttpOnlyAndStrict() throws Exception {
        TestServer.Client c = server.anonymous();
        TestServer.Response r = c.post("/api/login", login("viewer", "demo-viewer"));
        assertThat(r.status()).isEqualTo(200);
        String setCookie = r.header("Set-Cookie");
        assertThat(setCookie).contains("gridmap_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(r.json().get("user").get("role").asText()).isEqualTo("viewer");
        assertThat(r.json().get("permissions").toString()).contains("map:read").doesNotContain("admin");
        assertThat(r.body()).doesNotContain("password");
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        TestServer.Response a = server.anonymous().post("/api/login", login("viewer", "wrong-password"));
        TestServer.Response b = server.anonymous().post("/api/login", login("nobody-here", "wrong-password"));
        assertThat(a.status()).isEqualTo(401);
        assertThat(b.status()).isEqualTo(401);
        assertThat(a.json().get("detail").asText()).isEqualTo(b.json().get("detail").asText());
        // accounts without a password (the generated grid workers) cannot sign in
        assertThat(server.anonymous().post("/api/login", login("gw340705001001004", "")).status()).isIn(400, 401);
    }

    @Test
    void logoutEndsTheSessionForGood() throws Exception {
        TestServer.Client c = server.anonymous();
        c.post("/api/login", login("planner", "demo-planner"));
        HttpCookie cookie = c.cookies.getCookieStore().getCookies().get(0);
        assertThat(c.get("/api/me").status()).isEqualTo(200);
        assertThat(c.post("/api/logout", "{}").status()).isEqualTo(204);
        assertThat(c.get("/api/me").status()).isEqualTo(401);
        // replaying the old cookie value does not bring the session back
        TestServer.Client replay = server.anonymous();
        TestServer.Response r = replay.send(replay.req("/api/me").header("Cookie", "gridmap_session=" + cookie.getValue()).GET());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void expiredSessionsAreRefused() throws Exception {
        TestServer.Client c = server.anonymous();
        c.post("/api/login", login("watershed", "demo-watershed"));
        String publicId = c.cookies.getCookieStore().getCookies().get(0).getValue().split("\\.")[0];
        Sql.exec(ds, "UPDATE user_session SET expires_at = now() - interval '1 second' WHERE public_id = '" + publicId.replace("'", "") + "'");
        assertThat(c.get("/api/layers").status()).isEqualTo(401);
        // a forged cookie with a known public id but a wrong secret is refused too
        TestServer.Client forged = server.anonymous();
        assertThat(forged.send(forged.req("/api/me").header("Cookie", "gridmap_session=" + publicId + ".AAAA").GET()).status()).isEqualTo(401);
    }

    @Test
    void newPasswordOrDisablingEndsSessions() throws Exception {
        String name = newUser("viewer");
        TestServer.Client c = server.anonymous();
        assertThat(c.post("/api/login", login(name, "correct-horse-1")).status()).isEqualTo(200);
        long id = Sql.count(ds, "SELECT id FROM app_user WHERE username = ?", name);
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":0,\"password\":\"another-horse-2\"}").status()).isEqualTo(200);
        assertThat(c.get("/api/me").status()).isEqualTo(401);
        assertThat(c.post("/api/login", login(name, "another-horse-2")).status()).isEqualTo(200);
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":1,\"active\":false}").status()).isEqualTo(200);
        assertThat(c.get("/api/me").status()).isEqualTo(401);
        assertThat(server.anonymous().post("/api/login", login(name, "another-horse-2")).status()).isEqualTo(401);
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":2,\"password\":\"short\"}").status()).isEqualTo(400);
    }

    @Test
    void tooManyFailuresForOneAccountAreRefusedEvenWithTheRightPassword() throws Exception {
        String name = newUser("viewer");
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_USER; i++) {
            assertThat(server.anonymous().post("/api/login", login(name, "guess-" + i)).status()).isEqualTo(401);
        }
        TestServer.Response r = server.anonymous().post("/api/login", login(name, "correct-horse-1"));
        assertThat(r.status()).isEqualTo(429);
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
        assertThat(r.contentType()).startsWith("application/problem+json");
        // other accounts are not locked by it
        assertThat(server.anonymous().post("/api/login", login("viewer", "demo-viewer")).status()).isEqualTo(200);
    }

    @Test
    void tooManyFailuresFromOneAddressAreRefused() throws Exception {
        for (int i = 0; i < AuthRoutes.MAX_FAILURES_PER_ADDRESS; i++) {
            server.anonymous().post("/api/login", login("spray" + i, "guess"));
        }
        assertThat(server.anonymous().post("/api/login", login("viewer", "demo-viewer")).status()).isEqualTo(429);
    }
}
