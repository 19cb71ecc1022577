package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.server.http.SecurityHeaders;
import gridmap.data.Sql;

class UnitApiTest extends ApiTest {

    @Test
    void healthChecksTheDatabase() throws Exception {
        TestServer.Response r = server.admin().get("/api/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("database").asText()).isEqualTo("up");
        assertThat(r.json().get("postgis").asText()).startsWith("3.");
    }

    @Test
    void unitByIdIsAFeatureWithChildren() throws Exception {
        long id = Sql.count(server.db.dataSource(), "SELECT id FROM admin_unit WHERE code = '340705' AND valid_to IS NULL");
        TestServer.Response r = server.admin().get("/api/units/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        JsonNode f = r.json();
        assertThat(f.get("properties").get("name").asText()).isEqualTo("铜官区");
        assertThat(f.get("properties").get("children").asInt()).isEqualTo(6);
        assertThat(f.get("properties").get("parent_name").asText()).isEqualTo("铜陵市");
        assertThat(f.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
    }

    @Test
    void cellByIdIsAFeatureInItsCommunity() throws Exception {
        long id = Sql.count(server.db.dataSource(), "SELECT min(id) FROM grid_cell");
        JsonNode f = server.admin().get("/api/cells/" + id).json();
        assertThat(f.get("id").asLong()).isEqualTo(id);
        assertThat(f.get("properties").get("code").asText()).matches("\\d{15}");
        assertThat(f.get("properties").get("community_name").asText()).isNotBlank();
        assertThat(server.admin().get("/api/cells/999999999").status()).isEqualTo(404);
    }

    @Test
    void missingUnitIs404Problem() throws Exception {
        TestServer.Response r = server.admin().get("/api/units/999999999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("999999999");
    }

    @Test
    void searchFindsByNameAndByCodePrefix() throws Exception {
        JsonNode byName = server.admin().get("/api/search?q=" + URLEncoder.encode("铜官", StandardCharsets.UTF_8)).json();
        assertThat(byName.get(0).get("name").asText()).isEqualTo("铜官区");
        assertThat(byName.get(0).get("bbox")).hasSize(4);
        JsonNode byCode = server.admin().get("/api/search?q=340705001").json();
        assertThat(byCode.size()).isPositive();
        for (JsonNode h : byCode) assertThat(h.get("code").asText()).startsWith("340705001");
        // LIKE wildcards in the query are literal characters, not patterns
        assertThat(server.admin().get("/api/search?q=%25").json()).isEmpty();
    }

    @Test
    void unknownRouteIsAProblemToo() throws Exception {
        TestServer.Response r = server.admin().get("/api/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void browserSecurityHeaders() throws Exception {
        TestServer.Response page = server.anonymous().get("/");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(server.admin().get("/api/layers").header("Cache-Control")).isEqualTo("no-store");
        assertThat(SecurityHeaders.basemapOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png")).isEqualTo("https://*.tile.example.org");
        assertThat(SecurityHeaders.basemapOrigin("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")).isEqualTo("http://127.0.0.1:8080");
        assertThat(SecurityHeaders.basemapOrigin("not a url")).isNull();
    }

    @Test
    void mapPageAndLeafletAreServedLocally() throws Exception {
        TestServer.Response page = server.anonymous().get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("leaflet");
        assertThat(page.body()).doesNotContain("unpkg.com", "cdnjs", "jsdelivr");
        assertThat(server.anonymous().get("/webjars/leaflet/1.9.4/dist/leaflet.js").status()).isEqualTo(200);
        JsonNode cfg = server.anonymous().get("/api/config").json();
        assertThat(cfg.get("bounds")).hasSize(4);
        assertThat(cfg.get("basemapUrl").isNull()).isTrue();
        assertThat(cfg.get("demo").asBoolean()).as("the demo is loaded in the test database").isTrue();
    }
}
