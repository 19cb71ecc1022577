package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/** GET /api/layers/{layer} over real HTTP against real PostGIS. */
class LayerApiTest extends ApiTest {

    /** The table and filter behind each layer, for direct SQL counts. */
    static String tableOf(String layer) {
        return switch (layer) {
            case "city" -> "admin_unit t WHERE t.level = 'city' AND t.valid_to IS NULL";
            case "districts" -> "admin_unit t WHERE t.level = 'district' AND t.valid_to IS NULL";
            case "streets" -> "admin_unit t WHERE t.level = 'street' AND t.valid_to IS NULL";
            case "communities" -> "admin_unit t WHERE t.level = 'community' AND t.valid_to IS NULL";
            case "grid-cells" -> "grid_cell t WHERE t.valid_to IS NULL";
            case "basins" -> "river_basin t WHERE true";
            case "water-projects" -> "water_project t WHERE t.retired_at IS NULL";
            case "rivers" -> "river_reach t WHERE true";
            case "chief-reaches" -> "chief_reach t WHERE true";
            case "cases" -> "cases t WHERE true";
            default -> throw new IllegalArgumentException(layer);
        };
    }

    @Test
    void listsEveryLayerWithItsCount() throws Exception {
        TestServer.Response r = server.admin().get("/api/layers");
        assertThat(r.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode l : r.json()) {
            ids.add(l.get("id").asText());
            assertThat(l.get("count").asLong()).as(l.get("id").asText())
                    .isEqualTo(Sql.count(server.db.dataSource(), "SELECT count(*) FROM " + tableOf(l.get("id").asText())));
        }
        assertThat(ids).containsExactlyInAnyOrder("city", "districts", "streets", "communities", "grid-cells", "basins", "rivers", "chief-reaches", "water-projects", "cases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"city", "districts", "streets", "communities", "grid-cells", "basins", "rivers", "chief-reaches", "water-projects", "cases"})
    void bboxReturnsExactlyTheIntersectingFeatures(String layer) throws Exception {
        Random rng = new Random(layer.hashCode());
        for (int i = 0; i < 5; i++) {
            double w = 0.02 + rng.nextDouble() * 0.3, h = 0.02 + rng.nextDouble() * 0.3;
            double x = 117.3 + rng.nextDouble() * 0.9, y = 30.6 + rng.nextDouble() * 0.6;
            String bbox = x + "," + y + "," + (x + w) + "," + (y + h);
            TestServer.Response r = server.admin().get("/api/layers/" + layer + "?bbox=" + bbox + "&limit=50000");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("application/geo+json");
            JsonNode fc = r.json();
            assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
            Set<Long> got = new HashSet<>();
            for (JsonNode f : fc.get("features")) {
                assertThat(f.get("type").asText()).isEqualTo("Feature");
                assertThat(f.get("geometry").get("coordinates")).isNotNull();
                got.add(f.get("id").asLong());
            }
            long expected = Sql.count(server.db.dataSource(), "SELECT count(*) FROM " + tableOf(layer)
                    + " AND ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))", x, y, x + w, y + h);
            assertThat((long) got.size()).as(layer + " in " + bbox).isEqualTo(expected);
            assertThat(fc.get("numberReturned").asLong()).isEqualTo(expected);
            // ids are exactly the intersecting ones, not just as many
            long matching = Sql.count(server.db.dataSource(), "SELECT count(*) FROM " + tableOf(layer)
                    + " AND ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) AND t.id = ANY (?)",
                    x, y, x + w, y + h, got.toArray(Long[]::new));
            assertThat(matching).isEqualTo(expected);
        }
    }

    @Test
    void limitIsHonouredAndTruncationSaid() throws Exception {
        JsonNode fc = server.admin().get("/api/layers/cases?limit=7").json();
        assertThat(fc.get("features")).hasSize(7);
        assertThat(fc.get("numberReturned").asInt()).isEqualTo(7);
        assertThat(fc.get("truncated").asBoolean()).isTrue();
        JsonNode all = server.admin().get("/api/layers/districts?limit=4").json();
        assertThat(all.get("features")).hasSize(4);
        assertThat(all.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void featuresCarryTheirAttributes() throws Exception {
        JsonNode f = server.admin().get("/api/layers/grid-cells?limit=1").json().get("features").get(0);
        JsonNode p = f.get("properties");
        assertThat(p.get("code").asText()).matches("\\d{15}");
        assertThat(p.get("community_name").asText()).isNotBlank();
        assertThat(p.get("households").asInt()).isPositive();
        assertThat(p.get("worker_name").asText()).isNotBlank();
        assertThat(p.get("area_km2").asDouble()).isPositive();
        JsonNode c = server.admin().get("/api/layers/cases?limit=1").json().get("features").get(0).get("properties");
        assertThat(c.get("category_name").asText()).isNotBlank();
        assertThat(c.get("status").asText()).isNotBlank();
    }

    @Test
    void asOfBeforeTheDemoExistedIsEmpty() throws Exception {
        assertThat(server.admin().get("/api/layers/communities?asOf=2000-01-01").json().get("features")).isEmpty();
        assertThat(server.admin().get("/api/layers/communities?asOf=2009-06-30").json().get("numberReturned").asInt()).isEqualTo(151);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/layers/nope", "/api/layers/cases?bbox=1,2,3", "/api/layers/cases?bbox=a,b,c,d",
            "/api/layers/cases?bbox=117,30,118", "/api/layers/cases?bbox=117,30,118,31,5",
            "/api/layers/cases?bbox=NaN,30,118,31", "/api/layers/cases?bbox=117,30,Infinity,31",
            "/api/layers/cases?bbox=-181,30,118,31", "/api/layers/cases?bbox=117,-91,118,31",
            "/api/layers/cases?bbox=118,30,117,31", "/api/layers/cases?bbox=117,31,118,30",
            "/api/layers/cases?bbox=0x1p3,30,118,31", "/api/layers/cases?bbox=",
            "/api/layers/cases?limit=0", "/api/layers/cases?limit=-1", "/api/layers/cases?limit=abc",
            "/api/layers/cases?limit=50001", "/api/layers/cases?limit=99999999999999999999", "/api/layers/cases?limit=1.5",
            "/api/layers/cases?bbbox=117,30,118,31", "/api/layers/cases?limit=1&limit=2",
            "/api/layers/cases?asOf=yesterday", "/api/layers/cases?asOf=2024-02-30",
            "/api/units/abc", "/api/units/-1", "/api/search", "/api/search?q=", "/api/search?q=a&limit=0", "/api/search?q=a%00b"})
    void badParametersAreA400ProblemWithADetail(String path) throws Exception {
        TestServer.Response r = server.admin().get(path);
        assertThat(r.status()).as(path + " → " + r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
    }

    @Test
    void unknownLayerDetailListsTheLayers() throws Exception {
        JsonNode p = server.admin().get("/api/layers/" + URLEncoder.encode("<script>", StandardCharsets.UTF_8)).json();
        assertThat(p.get("detail").asText()).contains("communities", "grid-cells");
    }
}
