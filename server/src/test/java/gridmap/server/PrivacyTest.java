package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;
import gridmap.data.audit.Actor;
import gridmap.data.privacy.PersonalData;

/**
 * Residents' personal data over time and on request: retention anonymises the reporter details
 * and photos of cases finished before the cutoff and nothing younger; an administrator exports or
 * erases one resident's data, and the case and its place stay.
 */
class PrivacyTest extends ApiTest {

    /** A case reported with the resident's details, then finished at the given time. */
    static long finishedCase(String phone, OffsetDateTime finishedAt) throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        TestServer.Response r = server.as("dispatcher").post("/api/cases", "{\"category_code\":\"0401\",\"description\":\"隐私测试\",\"lon\":"
                + p[0] + ",\"lat\":" + p[1] + ",\"source\":\"hotline\",\"reporter_name\":\"李四\",\"reporter_phone\":\"" + phone
                + "\",\"contact_preference\":\"phone\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        if (finishedAt != null) {
            // rejected (不予立案) is the shortest way to a finished case; the dates are set back by hand
            Sql.exec(ds, "UPDATE cases SET status = 'rejected', reported_at = '" + finishedAt.minusDays(2) + "', closed_at = '"
                    + finishedAt + "', updated_at = '" + finishedAt + "' WHERE id = " + id);
            Sql.exec(ds, "INSERT INTO case_photo (case_id, content_type, original_type, bytes, sha256, width, height, thumb)"
                    + " VALUES (" + id + ", 'image/png', 'image/png', '\\x89504e47'::bytea, decode(repeat('ab', 32), 'hex'), 1, 1, '\\x00'::bytea)");
        }
        return id;
    }

    static boolean anonymised(long caseId) throws Exception {
        return Sql.count(ds, "SELECT count(*) FROM case_reporter WHERE case_id = ? AND anonymised_at IS NOT NULL AND name IS NULL AND phone IS NULL", caseId) == 1;
    }

    @Test
    void retentionTakesWhatFinishedBeforeTheCutoffAndNothingYounger() throws Exception {
        Instant cutoff = Instant.parse("2023-06-01T00:00:00Z");
        OffsetDateTime at = cutoff.atOffset(ZoneOffset.UTC);
        long old = finishedCase("13900001111", at.minusHours(1));
        long young = finishedCase("13900002222", at.plusHours(1));
        long open = finishedCase("13900003333", null);
        Sql.exec(ds, "UPDATE cases SET reported_at = '2020-01-01' WHERE id = " + open); // old, but still open

        PersonalData data = new PersonalData(ds);
        PersonalData.RetentionReport dry = data.anonymiseFinishedBefore(Actor.system("test"), cutoff, true);
        assertThat(dry.cases()).isGreaterThanOrEqualTo(1);
        assertThat(anonymised(old)).as("a dry run changes nothing").isFalse();

        long auditsBefore = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'privacy.retention'");
        PersonalData.RetentionReport r = data.anonymiseFinishedBefore(Actor.system("test"), cutoff, false);
        assertThat(r.cases()).isEqualTo(dry.cases());
        assertThat(anonymised(old)).isTrue();
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_photo WHERE case_id = ?", old)).isZero();
        assertThat(anonymised(young)).isFalse();
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_photo WHERE case_id = ?", young)).isEqualTo(1);
        assertThat(anonymised(open)).isFalse();
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'privacy.retention'")).isGreaterThan(auditsBefore);
        // the case itself, its place and history stay
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE id = ? AND geom IS NOT NULL AND description = '隐私测试'", old)).isEqualTo(1);
        assertThat(server.as("dispatcher").get("/api/cases/" + old).json().get("properties").get("code").asText()).startsWith("TL");
        // nothing left to do the second time
        assertThat(data.anonymiseFinishedBefore(Actor.system("test"), cutoff, false).cases()).isZero();
        assertThat(server.as("dispatcher").get("/api/cases/" + old + "/reporter").body()).doesNotContain("13900001111");
    }

    @Test
    void anAdministratorExportsAndErasesOneResident() throws Exception {
        long a = finishedCase("139-0000 4444", null), b = finishedCase("13900004444", OffsetDateTime.now(ZoneOffset.UTC));
        long other = finishedCase("13900005555", null);
        TestServer.Client admin = server.admin();

        TestServer.Response export = admin.post("/api/privacy/export", "{\"phone\":\"+86 139 0000 4444\"}");
        assertThat(export.status()).isEqualTo(200);
        // "+86" is part of the digits here, so nothing matches: the number as the resident gave it
        assertThat(export.json().get("cases")).isEmpty();
        export = admin.post("/api/privacy/export", "{\"phone\":\"13900004444\"}");
        JsonNode cases = export.json().get("cases");
        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).get("reporter").get("name").asText()).isEqualTo("李四");
        assertThat(export.header("Content-Disposition")).contains("attachment");
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'privacy.export' AND after::text LIKE '%13900004444%'"))
                .as("the audit row does not repeat the number").isZero();

        assertThat(admin.post("/api/privacy/erase", "{\"phone\":\"13900004444\"}").status()).as("needs confirm").isEqualTo(400);
        TestServer.Response erased = admin.post("/api/privacy/erase", "{\"phone\":\"13900004444\",\"confirm\":true}");
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("cases").asInt()).isEqualTo(2);
        assertThat(anonymised(a)).isTrue();
        assertThat(anonymised(b)).isTrue();
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_photo WHERE case_id = ?", b)).isZero();
        assertThat(anonymised(other)).isFalse();
        assertThat(admin.post("/api/privacy/export", "{\"phone\":\"13900004444\"}").json().get("cases")).isEmpty();
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE id IN (?, ?)", a, b)).isEqualTo(2);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'privacy.erase'")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        TestServer.Client admin = server.admin();
        String before = HostileWritesTest.fingerprint(ds) + Sql.count(ds, "SELECT count(*) FROM case_reporter WHERE anonymised_at IS NOT NULL");
        for (String body : new String[] {"{}", "{\"phone\":\"12\"}", "{\"phone\":\"abc\",\"confirm\":true}", "{\"phone\":null,\"confirm\":true}",
                "{\"phone\":\"13900004444\",\"confirm\":\"yes\"}", "{\"phone\":\"13900004444\",\"extra\":1}", "[]"}) {
            assertThat(admin.post("/api/privacy/erase", body).status()).as(body).isEqualTo(400);
        }
        assertThat(admin.send("/api/privacy/erase", "POST", "phone=1", "application/x-www-form-urlencoded").status()).isEqualTo(415);
        assertThat(admin.post("/api/privacy/retention/run", "{\"dry_run\":\"no\"}").status()).isEqualTo(400);
        assertThat(HostileWritesTest.fingerprint(ds) + Sql.count(ds, "SELECT count(*) FROM case_reporter WHERE anonymised_at IS NOT NULL"))
                .isEqualTo(before);
        JsonNode settings = admin.get("/api/privacy/retention").json();
        assertThat(settings.get("retention_years").asInt()).isEqualTo(3);
        TestServer.Response dry = admin.post("/api/privacy/retention/run", "{\"dry_run\":true}");
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("dry_run").asBoolean()).isTrue();
    }
}
