package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;
import gridmap.data.preferences.Preferences;

/**
 * GET/PUT /api/me/preferences: remembered per person, audited, strict about its body, refused to
 * API tokens; and the database admits exactly the keys {@link Preferences#KEYS} names.
 */
class PreferencesApiTest extends ApiTest {
    private static String name;
    private static long id;

    /** A fresh account, so that no other test's choice is read back. */
    @BeforeAll
    static void freshAccount() throws Exception {
        name = "prefs" + System.nanoTime() % 1_000_000;
        TestServer.Response created = server.admin().post("/api/users",
                "{\"username\":\"" + name + "\",\"display_name\":\"关怀 测试\",\"role\":\"viewer\",\"password\":\"demo-" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        id = created.json().get("id").asLong();
    }

    @Test
    void careModeIsRememberedForThePersonAndAudited() throws Exception {
        TestServer.Client me = server.as(name);
        assertThat(me.get("/api/me/preferences").json().get("care_mode").asBoolean()).as("off by default").isFalse();
        long version = Sql.count(ds, "SELECT version FROM app_user WHERE id = ?", id);

        TestServer.Response put = me.put("/api/me/preferences", "{\"care_mode\":true}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("care_mode").asBoolean()).isTrue();
        // another session of the same person (another browser) reads it back
        TestServer.Client other = server.anonymous();
        assertThat(other.post("/api/login", "{\"username\":\"" + name + "\",\"password\":\"demo-" + name + "\"}").status()).isEqualTo(200);
        assertThat(other.get("/api/me/preferences").json().get("care_mode").asBoolean()).isTrue();
        assertThat(server.as("viewer").get("/api/me/preferences").json().get("care_mode").asBoolean())
                .as("someone else's preferences are their own").isFalse();

        JsonNode row = AuditTrailTest.last("user.preferences");
        assertThat(row.get("actor_name").asText()).isEqualTo(name);
        assertThat(row.get("entity").asText()).isEqualTo("app_user");
        assertThat(row.get("entity_id").asText()).isEqualTo(Long.toString(id));
        assertThat(row.get("before").size()).isZero();
        assertThat(row.get("after").get("care_mode").asBoolean()).isTrue();
        assertThat(row.get("request_id").asText()).isEqualTo(put.header("X-Request-Id"));
        assertThat(Sql.count(ds, "SELECT version FROM app_user WHERE id = ?", id))
                .as("an administrator's pending edit of the account is not made stale").isEqualTo(version);

        assertThat(me.put("/api/me/preferences", "{\"care_mode\":false}").json().get("care_mode").asBoolean()).isFalse();
        assertThat(me.get("/api/me/preferences").json().get("care_mode").asBoolean()).isFalse();
    }

    @Test
    void badBodiesAre4xxAndChangeNothing() throws Exception {
        TestServer.Client me = server.as(name);
        long auditRows = Sql.count(ds, "SELECT count(*) FROM audit_log");
        String stored = Sql.text(ds, "SELECT preferences::text FROM app_user WHERE id = ?", id);
        for (String body : new String[] {"{}", "{\"care_mode\":null}", "{\"care_mode\":\"true\"}", "{\"care_mode\":1}",
                "{\"care_mode\":true,\"theme\":\"dark\"}", "{\"care_mode\":true,\"care_mode\":false}", "[true]", "true",
                "{\"care_mode\":tru}", ""}) {
            TestServer.Response r = me.put("/api/me/preferences", body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(me.send("/api/me/preferences", "PUT", "care_mode=true", "application/x-www-form-urlencoded").status()).isEqualTo(415);
        assertThat(me.send("/api/me/preferences", "POST", "{\"care_mode\":true}", "application/json").status()).isEqualTo(405);
        assertThat(me.get("/api/me/preferences?care_mode=true").status()).as("no query parameters").isEqualTo(400);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log")).isEqualTo(auditRows);
        assertThat(Sql.text(ds, "SELECT preferences::text FROM app_user WHERE id = ?", id)).isEqualTo(stored);
    }

    @Test
    void tokensAndAnonymousCallersHaveNoPreferences() throws Exception {
        TestServer.Client gis = server.bearer(AuthorizationMatrixTest.createToken("prefs client", "[\"map:read\"]"));
        assertThat(gis.get("/api/me/preferences").status()).isEqualTo(403);
        assertThat(gis.put("/api/me/preferences", "{\"care_mode\":true}").status()).isEqualTo(403);
        assertThat(server.anonymous().get("/api/me/preferences").status()).isEqualTo(401);
        assertThat(server.anonymous().put("/api/me/preferences", "{\"care_mode\":true}").status()).isEqualTo(401);
    }

    @Test
    void theDatabaseAdmitsExactlyTheKnownKeysWithTheirTypes() throws Exception {
        for (String key : Preferences.KEYS) {
            Sql.exec(ds, "UPDATE app_user SET preferences = jsonb_build_object('" + key + "', true) WHERE id = " + id);
        }
        for (String bad : new String[] {"{\"theme\":\"dark\"}", "{\"care_mode\":\"yes\"}", "[]", "\"care_mode\""}) {
            assertThatThrownBy(() -> Sql.exec(ds, "UPDATE app_user SET preferences = '" + bad + "'::jsonb WHERE id = " + id))
                    .as(bad).isInstanceOf(SQLException.class).hasMessageContaining("app_user_preferences_known");
        }
        Sql.exec(ds, "UPDATE app_user SET preferences = '{}' WHERE id = " + id);
    }
}
