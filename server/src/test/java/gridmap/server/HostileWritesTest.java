package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/** Hostile request bodies: each gets a clear 4xx problem, and nothing in the database changes. */
class HostileWritesTest extends ApiTest {

    /** Everything a rejected write could have touched. */
    static String fingerprint(DataSource ds) throws Exception {
        return (String) Sql.one(ds, """
                SELECT concat_ws(',', (SELECT count(*) FROM app_user), (SELECT sum(version) FROM app_user),
                  (SELECT count(*) FROM api_token), (SELECT count(revoked_at) FROM api_token), (SELECT count(*) FROM cases),
                  (SELECT count(*) FROM audit_log), (SELECT sum(version) FROM grid_cell), (SELECT count(*) FROM admin_unit))""");
    }

    TestServer.Response rejected(String method, String path, String body, String contentType, int status) throws Exception {
        TestServer.Client admin = server.admin(); // signed in before the fingerprint: sign-in is a write too
        String before = fingerprint(ds);
        TestServer.Response r = admin.send(path, method, body, contentType);
        assertThat(r.status()).as(method + " " + path + " " + abbreviate(body) + " → " + r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).isNotBlank();
        assertThat(fingerprint(ds)).as("database unchanged").isEqualTo(before);
        return r;
    }

    static String abbreviate(String s) { return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s; }

    @Test
    void invalidGeometryIs422WithReasonAndLocation() throws Exception {
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.9,31.0],[117.9,30.9],[117.8,31.0],[117.8,30.9]]]}";
        JsonNode p = rejected("POST", "/api/geometry/check", bowTie, "application/json", 422).json();
        assertThat(p.get("detail").asText()).contains("Self-intersection").contains("117.85");
        assertThat(p.get("errors").get(0).get("location").get(0).asDouble()).isEqualTo(117.85, org.assertj.core.data.Offset.offset(1e-9));
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":" + bowTie.replace("117.8,30.9]]]", "117.8,30.9]]]")
                + ",\"properties\":{}},{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[117.8,30.9]},\"properties\":{}}]}";
        JsonNode q = rejected("POST", "/api/geometry/check", fc, "application/geo+json", 422).json();
        assertThat(q.get("errors")).hasSize(1);
        assertThat(q.get("errors").get(0).get("index").asInt()).isZero();
    }

    @Test
    void validGeometryIsMeasuredInSquareMetres() throws Exception {
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.81,30.9],[117.81,30.91],[117.8,30.91],[117.8,30.9]]]}";
        TestServer.Response r = server.as("planner").post("/api/geometry/check", square);
        assertThat(r.status()).isEqualTo(200);
        // 0.01° × 0.01° at 30.9° N ≈ 1,113 m × 955 m
        assertThat(r.json().get("features").get(0).get("area_m2").asDouble()).isBetween(1.05e6, 1.08e6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.9,31.0],[117.9,30.9]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.9,31.0],[117.9,30.9],[117.7,30.9]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[181,30.9],[117.9,31.0],[117.9,30.9],[181,30.9]]]}",
            "{\"type\":\"Point\",\"coordinates\":[117.8,95]}",
            "{\"type\":\"Point\",\"coordinates\":[117.8]}",
            "{\"type\":\"Point\",\"coordinates\":[\"117.8\",30]}",
            "{\"type\":\"Point\",\"coordinates\":[1e999,30]}",
            "{\"type\":\"Point\",\"coordinates\":[NaN,30]}",
            "{\"type\":\"Circle\",\"coordinates\":[117.8,30]}",
            "{\"type\":\"Polygon\"}",
            "{\"coordinates\":[1,2]}",
            "[]", "42", "null", "\"x\"", "{", "{\"type\":\"Point\",\"coordinates\":[1,2]} trailing",
            "{\"type\":\"FeatureCollection\",\"features\":{}}",
            "{\"type\":\"FeatureCollection\",\"features\":[1]}",
            "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\"}]}"})
    void malformedGeoJsonIsA400(String body) throws Exception {
        rejected("POST", "/api/geometry/check", body, "application/json", 400);
    }

    @Test
    void nulIsRefusedHoweverItIsEncoded() throws Exception {
        // UTF-16 JSON, which Jackson reads too: the check is on the parsed text, not the bytes
        byte[] utf16 = "{\"category_code\":\"0101\",\"description\":\"a\\u0000b\",\"lon\":117.8,\"lat\":30.9}".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        TestServer.Client admin = server.admin();
        String before = fingerprint(ds);
        TestServer.Response r = admin.send(admin.req("/api/cases").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(utf16)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("NUL");
        assertThat(fingerprint(ds)).isEqualTo(before);
    }

    @Test
    void errorDetailsNameFieldsNotServerClasses() throws Exception {
        JsonNode p = rejected("POST", "/api/login", "[\"admin\",\"x\"]", "application/json", 400).json();
        assertThat(p.get("detail").asText()).doesNotContain("gridmap.", "$", "class ");
        JsonNode q = rejected("POST", "/api/cases", "{\"lon\":\"far\"}", "application/json", 400).json();
        assertThat(q.get("detail").asText()).contains("lon").doesNotContain("gridmap.");
    }

    @Test
    void deepNestingIsRefusedEarly() throws Exception {
        rejected("POST", "/api/geometry/check", "[".repeat(5000) + "]".repeat(5000), "application/json", 400);
    }

    @Test
    void tooManyVerticesOrFeaturesIs413() throws Exception {
        StringBuilder ring = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
        for (int i = 0; i <= 100_000; i++) ring.append(i > 0 ? "," : "").append("[117.").append(i % 1000).append(",30.5]");
        rejected("POST", "/api/geometry/check", ring.append("]}").toString(), "application/json", 413);
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i <= 1000; i++) fc.append(i > 0 ? "," : "").append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[117,30]},\"properties\":{}}");
        rejected("POST", "/api/geometry/check", fc.append("]}").toString(), "application/json", 413);
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String huge = "{\"description\":\"" + "x".repeat(3_000_000) + "\"}";
        rejected("POST", "/api/cases", huge, "application/json", 413);
    }

    @Test
    void wrongMediaTypeIs415() throws Exception {
        rejected("POST", "/api/cases", "category_code=0101", "application/x-www-form-urlencoded", 415);
        rejected("POST", "/api/users", "{}", "text/plain", 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"category_code\":\"0101\",\"description\":\"x\",\"lon\":117.8,\"lat\":30.9,\"status\":\"closed\"}",
            "{\"category_code\":\"9999\",\"description\":\"x\",\"lon\":117.8,\"lat\":30.9}",
            "{\"category_code\":\"0101\",\"description\":\"\",\"lon\":117.8,\"lat\":30.9}",
            "{\"category_code\":\"0101\",\"description\":\"x\",\"lon\":\"117.8\",\"lat\":30.9}",
            "{\"category_code\":\"0101\",\"description\":\"x\",\"lon\":190,\"lat\":30.9}",
            "{\"category_code\":\"0101\",\"description\":\"x\",\"lon\":117.8}",
            "{\"category_code\":\"0101\",\"description\":\"x\",\"lon\":117.8,\"lat\":NaN}",
            "{\"category_code\":[\"0101\"],\"description\":\"x\",\"lon\":117.8,\"lat\":30.9}",
            "{\"category_code\":\"0101'; DROP TABLE cases; --\",\"description\":\"x\",\"lon\":117.8,\"lat\":30.9}",
            "{\"category_code\":\"0101\",\"description\":\"nul \\u0000 inside\",\"lon\":117.8,\"lat\":30.9}",
            "{\"category_code\":\"0101\",\"category_code\":\"0102\",\"description\":\"duplicate key\",\"lon\":117.8,\"lat\":30.9}"})
    void badCaseReportsAre400(String body) throws Exception {
        rejected("POST", "/api/cases", body, "application/json", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"username\":\"Bad Name\",\"display_name\":\"x\",\"role\":\"viewer\",\"password\":\"long-enough-pw\"}",
            "{\"username\":\"ok-name\",\"display_name\":\"x\",\"role\":\"superuser\",\"password\":\"long-enough-pw\"}",
            "{\"username\":\"ok-name\",\"display_name\":\"x\",\"role\":\"viewer\",\"password\":\"short\"}",
            "{\"username\":\"ok-name\",\"display_name\":\"x\",\"role\":\"dispatcher\",\"password\":\"long-enough-pw\"}",
            "{\"username\":\"ok-name\",\"display_name\":\"\",\"role\":\"viewer\",\"password\":\"long-enough-pw\"}",
            "{\"username\":\"ok-name\",\"display_name\":\"x\",\"role\":\"viewer\",\"password\":\"long-enough-pw\",\"is_admin\":true}"})
    void badAccountsAre400(String body) throws Exception {
        rejected("POST", "/api/users", body, "application/json", 400);
    }

    @Test
    void conflictsAre409AndChangeNothing() throws Exception {
        rejected("POST", "/api/users", "{\"username\":\"viewer\",\"display_name\":\"x\",\"role\":\"viewer\",\"password\":\"long-enough-pw\"}",
                "application/json", 409);
        long admin = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'admin'");
        long version = Sql.count(ds, "SELECT version FROM app_user WHERE id = ?", admin);
        rejected("PATCH", "/api/users/" + admin, "{\"version\":" + version + ",\"active\":false}", "application/json", 409);
        rejected("POST", "/api/users", "{\"username\":\"dispatcher2x\",\"display_name\":\"x\",\"role\":\"dispatcher\",\"password\":\"long-enough-pw\",\"district_id\":999999}",
                "application/json", 422);
    }
}
