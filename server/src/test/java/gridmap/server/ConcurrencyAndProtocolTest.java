package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gridmap.server.auth.AuthRoutes;
import gridmap.data.Sql;

/** Races and HTTP-level tricks: parallel requests, chunked bodies, odd methods. */
class ConcurrencyAndProtocolTest extends ApiTest {

    @AfterEach
    void forgetFailures() throws Exception {
        Sql.exec(ds, "DELETE FROM login_failure");
    }

    static List<Integer> concurrently(int n, Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) fs.add(pool.submit(task));
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void parallelGuessesCannotBeatTheSignInLimit() throws Exception {
        String name = SessionTest.newUser("viewer");
        List<Integer> codes = concurrently(12, () -> server.anonymous().post("/api/login", SessionTest.login(name, "guess")).status());
        assertThat(codes.stream().filter(c -> c == 401).count()).as(codes.toString()).isEqualTo(AuthRoutes.MAX_FAILURES_PER_USER);
        assertThat(codes.stream().filter(c -> c == 429).count()).isEqualTo(12 - AuthRoutes.MAX_FAILURES_PER_USER);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceNeitherDeadlockNorBothWin() throws Exception {
        for (int round = 0; round < 4; round++) {
            String a = SessionTest.newUser("admin"), b = SessionTest.newUser("admin");
            long idA = Sql.count(ds, "SELECT id FROM app_user WHERE username = ?", a);
            long idB = Sql.count(ds, "SELECT id FROM app_user WHERE username = ?", b);
            TestServer.Client ca = server.anonymous(), cb = server.anonymous();
            assertThat(ca.post("/api/login", SessionTest.login(a, "correct-horse-1")).status()).isEqualTo(200);
            assertThat(cb.post("/api/login", SessionTest.login(b, "correct-horse-1")).status()).isEqualTo(200);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Integer> fa = pool.submit(() -> ca.patch("/api/users/" + idB, "{\"version\":0,\"role\":\"viewer\"}").status());
            Future<Integer> fb = pool.submit(() -> cb.patch("/api/users/" + idA, "{\"version\":0,\"role\":\"viewer\"}").status());
            List<Integer> codes = List.of(fa.get(), fb.get());
            pool.shutdown();
            assertThat(codes).as("round " + round).doesNotContain(500);
            assertThat(codes.stream().filter(c -> c == 200).count()).as("exactly one demotion wins: " + codes).isEqualTo(1);
            assertThat(Sql.count(ds, "SELECT count(*) FROM app_user WHERE id IN (?, ?) AND role = 'admin'", idA, idB)).isEqualTo(1);
        }
    }

    @Test
    void sameUsernameCreatedAtOnceIsOne201AndConflicts() throws Exception {
        String name = "twin" + System.nanoTime() % 1_000_000;
        String body = "{\"username\":\"" + name + "\",\"display_name\":\"x\",\"role\":\"viewer\",\"password\":\"long-enough-pw\"}";
        TestServer.Client admin = server.admin();
        List<Integer> codes = concurrently(8, () -> admin.post("/api/users", body).status());
        assertThat(codes).doesNotContain(500);
        assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(1);
        assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(7);
    }

    record AdminWithToken(long id, String token) {}

    /** A fresh admin account and a map:read token it made. */
    static AdminWithToken adminWithToken() throws Exception {
        String name = SessionTest.newUser("admin");
        TestServer.Client c = server.anonymous();
        assertThat(c.post("/api/login", SessionTest.login(name, "correct-horse-1")).status()).isEqualTo(200);
        String token = c.post("/api/tokens", "{\"name\":\"x\",\"scopes\":[\"map:read\"]}").json().get("token").asText();
        return new AdminWithToken(Sql.count(ds, "SELECT id FROM app_user WHERE username = ?", name), token);
    }

    @Test
    void aTokenStopsWorkingWhenItsAdminIsDisabled() throws Exception {
        AdminWithToken a = adminWithToken();
        long id = a.id();
        String token = a.token();
        assertThat(server.bearer(token).get("/api/layers").status()).isEqualTo(200);
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":0,\"active\":false}").status()).isEqualTo(200);
        assertThat(server.bearer(token).get("/api/layers").status()).isEqualTo(401);
    }

    @Test
    void chunkedBodiesAreCappedLikeAnyOther() throws Exception {
        byte[] big = ("{\"description\":\"" + "x".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        TestServer.Client admin = server.admin();
        String before = HostileWritesTest.fingerprint(ds);
        // ofInputStream has no known length, so the client sends it chunked
        TestServer.Response r = admin.send(admin.req("/api/cases").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(HostileWritesTest.fingerprint(ds)).isEqualTo(before);
    }

    /**
     * Sends a request as raw bytes from a chosen loopback address and returns the whole response:
     * for what Java's HTTP client will not send (malformed URIs, broken chunking) or where the
     * client's address matters.
     */
    static String raw(String localAddress, String request) throws Exception {
        URI u = URI.create(server.baseUrl());
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), u.getPort(), InetAddress.getByName(localAddress), 0)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void brokenChunkedEncodingIsA400Problem() throws Exception {
        String response = raw("127.0.0.1", "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("application/problem+json");
    }

    static String rawGet(String pathAndQuery, String cookie) throws Exception {
        return raw("127.0.0.1", "GET " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void malformedPercentEscapesAreA400() throws Exception {
        String cookie = server.admin().cookies.getCookieStore().getCookies().get(0).toString();
        for (String q : List.of("/api/search?q=%", "/api/search?q=%zz", "/api/search?%zz=1", "/api/layers/districts?asOf=%",
                "/api/audit?actor=%", "/api/users?q=%zz", "/api/layers/cases?bbox=1,2,3,%zz")) {
            String response = rawGet(q, cookie);
            assertThat(response).as(q).startsWith("HTTP/1.1 400");
            assertThat(response).as(q).containsIgnoringCase("application/problem+json");
        }
    }

    /** A sign-in from a chosen loopback address (127.0.0.2 …), for per-address behaviour; returns the status. */
    static int loginFrom(String localAddress, String user, String password) throws Exception {
        String body = SessionTest.login(user, password);
        String response = raw(localAddress, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void aVictimsSignInDoesNotReopenAnAttackersBudget() throws Exception {
        String name = SessionTest.newUser("viewer");
        for (int i = 0; i < 4; i++) assertThat(loginFrom("127.0.0.2", name, "guess" + i)).isEqualTo(401);
        assertThat(loginFrom("127.0.0.1", name, "correct-horse-1")).isEqualTo(200);
        assertThat(Sql.count(ds, "SELECT count(*) FROM login_failure WHERE username = ? AND address = '127.0.0.2'", name)).isEqualTo(4);
        assertThat(loginFrom("127.0.0.2", name, "guess4")).isEqualTo(401);
        assertThat(loginFrom("127.0.0.2", name, "guess5")).isEqualTo(429);
        // refused attempts leave nothing behind that could lock anyone else out
        for (int i = 0; i < 10; i++) assertThat(loginFrom("127.0.0.3", name, "guess")).isEqualTo(429);
        assertThat(Sql.count(ds, "SELECT count(*) FROM login_failure WHERE username = ?", name)).isEqualTo(5);
    }

    @Test
    void tokensOfADemotedAdminStayRevoked() throws Exception {
        AdminWithToken a = adminWithToken();
        long id = a.id();
        String token = a.token();
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":0,\"role\":\"viewer\"}").status()).isEqualTo(200);
        assertThat(server.admin().patch("/api/users/" + id, "{\"version\":1,\"role\":\"admin\"}").status()).isEqualTo(200);
        assertThat(server.bearer(token).get("/api/layers").status()).isEqualTo(401);
        assertThat(Sql.count(ds, "SELECT count(*) FROM api_token WHERE created_by = ? AND revoked_at IS NULL", id)).isZero();
    }

    @Test
    void longQueryStringsAreRefusedCalmly() throws Exception {
        String x = "x".repeat(6000);
        TestServer.Response r = server.anonymous().get("/api/health?q=" + x);
        assertThat(r.status()).isEqualTo(400);
        assertThat(server.admin().get("/api/search?q=" + x).status()).isEqualTo(400);
        assertThat(server.admin().patch("/api/users/1", "{\"version\":1.5}").status()).isEqualTo(400);
    }

    @Test
    void headAndWrongMethodsAreRefusedNotAnswered() throws Exception {
        TestServer.Client anon = server.anonymous();
        assertThat(anon.send(anon.req("/api/users").method("HEAD", HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(405);
        TestServer.Response put = anon.send("/api/health", "PUT", "{}", "application/json");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.contentType()).startsWith("application/problem+json");
    }
}
