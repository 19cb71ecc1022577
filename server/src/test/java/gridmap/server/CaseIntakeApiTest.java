package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/** Reporting over HTTP: idempotency keys, intake limits, reporter details (masked, audited, never exported), lists and CSV. */
class CaseIntakeApiTest extends ApiTest {

    static String report(double[] p, String description) {
        return "{\"category_code\":\"0102\",\"description\":\"" + description + "\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}";
    }

    static TestServer.Response post(TestServer.Client c, String body, String key) throws Exception {
        HttpRequest.Builder b = c.req("/api/cases").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("Idempotency-Key", key);
        return c.send(b);
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstCase() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        TestServer.Client worker = server.as("worker");
        String key = java.util.UUID.randomUUID().toString();
        String text = "重试 " + key; // unique, so that earlier runs on the same database do not count
        TestServer.Response first = post(worker, report(p, text), key);
        TestServer.Response again = post(worker, report(p, text), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE description = ?", text)).isEqualTo(1);
        // the same key for something else: refused, nothing written
        assertThat(post(worker, report(p, "别的事"), key).status()).isEqualTo(422);
        assertThat(post(worker, report(p, text), "bad key with spaces").status()).isEqualTo(400);
        // another account may use the same key for its own report
        assertThat(post(server.as("dispatcher"), report(p, text), key).json().get("id").asLong()).isNotEqualTo(first.json().get("id").asLong());
    }

    @Test
    void concurrentRetriesMakeOneCase() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        TestServer.Client worker = server.as("worker");
        String key = java.util.UUID.randomUUID().toString(), text = "并发重试" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<TestServer.Response>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> post(worker, report(p, text), key)));
        Set<Long> ids = new HashSet<>();
        for (var f : fs) {
            TestServer.Response r = f.get();
            assertThat(r.status()).isEqualTo(201);
            ids.add(r.json().get("id").asLong());
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE description = ?", text)).isEqualTo(1);
    }

    @Test
    void oneAccountOverItsLimitDoesNotBlockAnother() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        String old = System.getProperty("GRIDMAP_INTAKE_PER_ACCOUNT");
        System.setProperty("GRIDMAP_INTAKE_PER_ACCOUNT", "3");
        try {
            // a new minute, so that earlier reports of this test run do not count
            long second = java.time.Instant.now().getEpochSecond() % 60;
            if (second > 50) Thread.sleep((61 - second) * 1000);
            TestServer.Client worker = server.as("worker");
            int created = 0;
            TestServer.Response r = null;
            for (int i = 0; i < 10; i++) {
                r = worker.post("/api/cases", report(p, "限流测试 " + i));
                if (r.status() != 201) break;
                created++;
            }
            assertThat(created).isLessThanOrEqualTo(3);
            assertThat(r.status()).isEqualTo(429);
            assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
            assertThat(r.json().get("detail").asText()).contains("your account");
            // the command centre files on (its own counter, and a higher limit)
            assertThat(server.as("dispatcher").post("/api/cases", report(p, "限流测试 指挥中心")).status()).isEqualTo(201);
        } finally {
            if (old == null) System.clearProperty("GRIDMAP_INTAKE_PER_ACCOUNT"); else System.setProperty("GRIDMAP_INTAKE_PER_ACCOUNT", old);
        }
    }

    @Test
    void reporterDetailsAreMaskedAuditedWhenReadInFullAndNeverExported() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        TestServer.Response r = server.as("dispatcher").post("/api/cases", "{\"category_code\":\"0401\",\"description\":\"占道经营\",\"lon\":" + p[0]
                + ",\"lat\":" + p[1] + ",\"source\":\"hotline\",\"reporter_name\":\"王小明\",\"reporter_phone\":\"13812345678\",\"contact_preference\":\"sms\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.body()).doesNotContain("13812345678").doesNotContain("王小明");

        JsonNode forDispatcher = server.as("dispatcher").get("/api/cases/" + id).json().get("properties").get("reporter");
        assertThat(forDispatcher.get("phone").asText()).isEqualTo("138****5678");
        assertThat(forDispatcher.get("name").asText()).isEqualTo("王**");
        assertThat(forDispatcher.get("full_available").asBoolean()).isTrue();
        for (String role : new String[] {"worker", "viewer"}) {
            TestServer.Response masked = server.as(role).get("/api/cases/" + id);
            assertThat(masked.body()).as(role).doesNotContain("13812345678").contains("138****5678");
            assertThat(masked.json().get("properties").get("reporter").get("full_available").asBoolean()).isFalse();
            assertThat(server.as(role).get("/api/cases/" + id + "/reporter").status()).as(role).isEqualTo(403);
        }
        long audits = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'case.reporter.read' AND entity_id = ?", Long.toString(id));
        TestServer.Response full = server.as("dispatcher").get("/api/cases/" + id + "/reporter");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.json().get("phone").asText()).isEqualTo("13812345678");
        assertThat(full.json().get("contact_preference").asText()).isEqualTo("sms");
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'case.reporter.read' AND entity_id = ? AND actor_name = 'dispatcher'",
                Long.toString(id))).isEqualTo(audits + 1);
        // never in the audit trail's snapshots, the lists, the CSV export or Open311
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE (before::text || after::text) LIKE '%13812345678%'")).isZero();
        assertThat(server.admin().get("/api/cases?limit=500").body()).doesNotContain("13812345678");
        assertThat(server.admin().get("/api/cases.csv").body()).doesNotContain("13812345678").doesNotContain("王小明");
        String code = r.json().get("properties").get("code").asText();
        assertThat(server.admin().get("/open311/v2/requests/" + code + ".json").body()).doesNotContain("13812345678").doesNotContain("王小明");
        // a malformed phone is refused before the database, without echoing it
        TestServer.Response bad = server.as("dispatcher").post("/api/cases", "{\"category_code\":\"0401\",\"description\":\"x\",\"lon\":" + p[0]
                + ",\"lat\":" + p[1] + ",\"reporter_phone\":\"call 555-SECRET\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("SECRET");
    }

    @Test
    void listsMapSummaryAndCsvStayInScope() throws Exception {
        JsonNode page = server.as("worker").get("/api/cases?limit=500").json();
        long own = Sql.count(ds, "SELECT count(*) FROM cases c JOIN grid_cell g ON g.id = c.cell_id JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker'");
        assertThat(page.get("total").asLong()).isEqualTo(own);
        JsonNode overdue = server.as("dispatcher").get("/api/cases?due=overdue&sort=due&limit=5").json();
        overdue.get("items").forEach(i -> assertThat(i.get("overdue").asBoolean()).isTrue());
        JsonNode summary = server.as("dispatcher").get("/api/cases/summary").json();
        assertThat(summary.get("overdue").asLong()).isEqualTo(overdue.get("total").asLong());
        JsonNode map = server.admin().get("/api/cases/map").json();
        assertThat(map.get("aggregated").asBoolean()).isFalse();
        assertThat(server.admin().get("/api/cases?status=nonsense").status()).isEqualTo(400);
        assertThat(server.admin().get("/api/cases?due=later").status()).isEqualTo(400);
        TestServer.Response csv = server.as("dispatcher").get("/api/cases.csv?status=closed");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFcode,category_code");
        long closedInDistrict = Sql.count(ds, "SELECT count(*) FROM cases c JOIN admin_unit d ON d.id = c.district_id WHERE d.code = '340705' AND c.status = 'closed'");
        assertThat(csv.body().split("\r\n")).hasSize((int) closedInDistrict + 1);
    }
}
