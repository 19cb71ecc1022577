package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Open311 GeoReport v2 exercised by a plain HTTP client exactly as the specification describes it. */
class Open311Test extends ApiTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static String intakeKey, readToken;

    @BeforeAll
    static void tokens() throws Exception {
        intakeKey = AuthorizationMatrixTest.createToken("12345 hotline", "[\"cases:create\"]");
        readToken = AuthorizationMatrixTest.createToken("citizen app", "[\"cases:read\"]");
    }

    record Answer(int status, String contentType, JsonNode json) {}

    static Answer get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    static Answer post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    static Map<String, String> request(String key, double[] p, String description) {
        Map<String, String> m = new LinkedHashMap<>();
        if (key != null) m.put("api_key", key);
        m.put("service_code", "1101");
        m.put("lat", Double.toString(p[1]));
        m.put("long", Double.toString(p[0]));
        m.put("description", description);
        return m;
    }

    static void isOpen311Error(Answer a, int status) {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.json().isArray()).isTrue();
        assertThat(a.json().get(0).get("code").asInt()).isEqualTo(status);
        assertThat(a.json().get(0).get("description").asText()).isNotBlank();
    }

    @Test
    void servicesAreTheCategories() throws Exception {
        Answer s = get("/open311/v2/services.json", null);
        assertThat(s.status()).isEqualTo(200);
        JsonNode first = s.json().get(0);
        assertThat(first.get("service_code").asText()).matches("\\d{4}");
        assertThat(first.has("service_name") && first.has("metadata") && first.has("type") && first.has("group")).isTrue();
        assertThat(get("/open311/v2/services/1101.json", null).json().get("service_code").asText()).isEqualTo("1101");
        isOpen311Error(get("/open311/v2/services/9999.json", null), 404);
    }

    @Test
    void fileARequestAndReadItBackWithoutAnyPersonalData() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        Map<String, String> req = request(intakeKey, p, "路口井盖缺失 " + System.nanoTime());
        req.put("first_name", "建国");
        req.put("last_name", "刘");
        req.put("phone", "13900001111");
        req.put("email", "liu@example.org");
        req.put("media_url", "https://example.org/photo.jpg");
        Answer created = post(req);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String id = created.json().get(0).get("service_request_id").asText();
        assertThat(id).matches("TL\\d{14,}");

        Answer one = get("/open311/v2/requests/" + id + ".json", readToken);
        assertThat(one.status()).isEqualTo(200);
        JsonNode r = one.json().get(0);
        assertThat(r.get("service_request_id").asText()).isEqualTo(id);
        assertThat(r.get("status").asText()).isEqualTo("open");
        assertThat(r.get("service_code").asText()).isEqualTo("1101");
        assertThat(r.get("requested_datetime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00");
        assertThat(r.get("expected_datetime").isNull()).as("the deadline").isFalse();
        assertThat(r.get("lat").asDouble()).isEqualTo(p[1], org.assertj.core.api.Assertions.within(1e-6));
        assertThat(r.get("media_url").asText()).isEqualTo("https://example.org/photo.jpg");
        assertThat(one.json().toString()).doesNotContain("13900001111").doesNotContain("刘建国").doesNotContain("example.org/liu");
        // stored for the command centre, in full, Chinese name order
        String caseId = gridmap.data.Sql.one(ds, "SELECT id FROM cases WHERE code = ?", id).toString();
        assertThat(server.as("dispatcher").get("/api/cases/" + caseId + "/reporter").json().get("name").asText()).isEqualTo("刘建国");

        // the list: by ids, by status and service, and the default window
        assertThat(get("/open311/v2/requests.json?service_request_id=" + id, readToken).json()).hasSize(1);
        JsonNode open = get("/open311/v2/requests.json?status=open&service_code=1101", readToken).json();
        assertThat(open.findValuesAsText("service_request_id")).contains(id);
        open.forEach(x -> assertThat(x.get("status").asText()).isEqualTo("open"));
        assertThat(get("/open311/v2/requests.json?status=closed&service_code=1101", readToken).json().findValuesAsText("service_request_id"))
                .doesNotContain(id);
        assertThat(get("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-02-01T00:00:00Z", readToken).json()).isEmpty();
        assertThat(get("/open311/v2/requests.json", readToken).json().size()).isBetween(1, 1000);

        // closed as the workflow closes it
        server.admin().post("/api/cases/" + caseId + "/transitions", "{\"action\":\"reject\",\"note\":\"非城管问题\"}");
        JsonNode closed = get("/open311/v2/requests/" + id + ".json", readToken).json().get(0);
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("status_notes").asText()).contains("非城管问题");
    }

    @Test
    void errorsAreInOpen311Format() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        isOpen311Error(post(request(null, p, "no key")), 401);
        isOpen311Error(post(request("gm_nope_nope", p, "bad key")), 401);
        isOpen311Error(post(request(readToken, p, "read-only key")), 403);
        Map<String, String> noPlace = request(intakeKey, p, "nowhere");
        noPlace.remove("lat");
        noPlace.remove("long");
        isOpen311Error(post(noPlace), 400);
        Map<String, String> badService = request(intakeKey, p, "x");
        badService.put("service_code", "9999");
        isOpen311Error(post(badService), 400);
        Map<String, String> outside = request(intakeKey, new double[] {100, 40}, "outside");
        isOpen311Error(post(outside), 422);
        isOpen311Error(get("/open311/v2/requests.json", null), 401);
        isOpen311Error(get("/open311/v2/requests.json?status=pending", readToken), 400);
        isOpen311Error(get("/open311/v2/requests/TL20990101999999.json", readToken), 404);
    }

    @Test
    void anAddressWithoutCoordinatesIsPlacedInTheCommunityItNames() throws Exception {
        String community = (String) gridmap.data.Sql.one(ds, "SELECT name FROM admin_unit WHERE level = 'community' AND code = '340705001001'");
        Map<String, String> req = request(intakeKey, new double[] {0, 0}, "小区门口积水 " + System.nanoTime());
        req.remove("lat");
        req.remove("long");
        req.put("address_string", "铜官区" + community + "小区门口");
        Answer a = post(req);
        assertThat(a.status()).as(a.json().toString()).isEqualTo(201);
        String id = a.json().get(0).get("service_request_id").asText();
        assertThat(gridmap.data.Sql.one(ds, "SELECT k.code FROM cases c JOIN admin_unit k ON k.id = c.community_id WHERE c.code = ?", id))
                .isEqualTo("340705001001");
    }

    @Test
    void exactRepeatsFromOneKeyAreRefusedWhileAnotherKeyStillFiles() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        Map<String, String> req = request(intakeKey, p, "重复提交 " + System.nanoTime());
        assertThat(post(req).status()).isEqualTo(201);
        isOpen311Error(post(req), 409);
        String other = AuthorizationMatrixTest.createToken("second intake", "[\"cases:create\"]");
        req.put("api_key", other);
        assertThat(post(req).status()).isEqualTo(201);
    }

    @Test
    void aFloodFromOneTokenIsRefusedWhileAnotherTokenStillFiles() throws Exception {
        String old = System.getProperty("GRIDMAP_INTAKE_PER_TOKEN");
        System.setProperty("GRIDMAP_INTAKE_PER_TOKEN", "3");
        try {
            long second = java.time.Instant.now().getEpochSecond() % 60;
            if (second > 50) Thread.sleep((61 - second) * 1000);
            String flood = AuthorizationMatrixTest.createToken("flood", "[\"cases:create\"]");
            String calm = AuthorizationMatrixTest.createToken("calm", "[\"cases:create\"]");
            double[] p = CaseTestPoints.workersSecondCell(ds);
            int created = 0;
            Answer last = null;
            for (int i = 0; i < 8; i++) {
                last = post(request(flood, p, "灌水 " + i + " " + System.nanoTime()));
                if (last.status() != 201) break;
                created++;
            }
            assertThat(created).isEqualTo(3);
            isOpen311Error(last, 429);
            assertThat(post(request(calm, p, "正常上报 " + System.nanoTime())).status()).isEqualTo(201);
        } finally {
            if (old == null) System.clearProperty("GRIDMAP_INTAKE_PER_TOKEN"); else System.setProperty("GRIDMAP_INTAKE_PER_TOKEN", old);
        }
    }
}
