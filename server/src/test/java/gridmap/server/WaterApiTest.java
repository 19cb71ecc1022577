package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/**
 * The watershed API over real HTTP on the demo: projects through their life (optimistic locking,
 * statuses, retirement, audit), hostile project bodies that change nothing, river chiefs,
 * navigation by both methods, pollution tracing order, the reports.
 */
class WaterApiTest extends ApiTest {

    static String point(double lon, double lat) { return "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}"; }

    static String newProject(String name, String geometry) {
        return "{\"name\":\"" + name + "\",\"project_type\":\"sewage_plant\",\"budget_wan_yuan\":1200.5,\"responsible_unit\":\"铜官区水务局\","
                + "\"start_date\":\"2027-03-01\",\"geometry\":" + geometry + "}";
    }

    static TestServer.Client planner() throws Exception { return server.as("watershed"); }

    static long auditRows(String action, long entityId) throws Exception {
        return Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = ? AND entity_id = ?", action, String.valueOf(entityId));
    }

    @Test
    void aProjectThroughItsLife() throws Exception {
        // a point in 铜官区, then moved to 枞阳县 across the Yangtze
        double[] tongguan = pointIn("340705"), zongyang = pointIn("340722");
        TestServer.Response created = planner().post("/api/water-projects", newProject("测试污水处理厂", point(tongguan[0], tongguan[1])));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode props = created.json().get("feature").get("properties");
        long id = props.get("id").asLong();
        assertThat(props.get("code").asText()).matches("SL\\d{3,}");
        assertThat(props.get("status").asText()).isEqualTo("planned");
        assertThat(props.get("district_name").asText()).isEqualTo("铜官区");
        assertThat(props.get("basin_id").isNull()).isFalse();
        assertThat(created.json().get("history")).hasSize(1);
        assertThat(auditRows("water_project.create", id)).isEqualTo(1);

        TestServer.Response moved = planner().patch("/api/water-projects/" + id,
                "{\"version\":0,\"geometry\":" + point(zongyang[0], zongyang[1]) + ",\"river_chief_id\":null}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("feature").get("properties").get("district_name").asText()).isEqualTo("枞阳县");
        assertThat(moved.json().get("feature").get("properties").get("version").asInt()).isEqualTo(1);
        // someone else's stale edit is refused and changes nothing
        TestServer.Client admin = server.admin(); // signed in first: a sign-in is audited too
        long audit = Sql.count(ds, "SELECT count(*) FROM audit_log");
        assertThat(admin.patch("/api/water-projects/" + id, "{\"version\":0,\"name\":\"改名\"}").status()).isEqualTo(409);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log")).isEqualTo(audit);
        assertThat(Sql.text(ds, "SELECT name FROM water_project WHERE id = ?", id)).isEqualTo("测试污水处理厂");

        assertThat(planner().post("/api/water-projects/" + id + "/status", "{\"version\":1,\"status\":\"completed\"}").status())
                .as("planned cannot become completed").isEqualTo(409);
        TestServer.Response approved = planner().post("/api/water-projects/" + id + "/status", "{\"version\":1,\"status\":\"approved\",\"note\":\"批复\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("history")).extracting(h -> h.get("status").asText()).containsExactly("planned", "approved");
        assertThat(approved.json().get("history").get(1).get("changed_by").asText()).isEqualTo("汪海燕");

        TestServer.Response retired = planner().post("/api/water-projects/" + id + "/retire", "{\"version\":2,\"reason\":\"方案合并\"}");
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(retired.json().get("retired").asBoolean()).isTrue();
        assertThat(planner().patch("/api/water-projects/" + id, "{\"version\":3,\"name\":\"x\"}").status()).as("retired").isEqualTo(409);
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project WHERE id = ?", id)).as("kept, not deleted").isEqualTo(1);
        assertThat(server.admin().get("/api/layers/water-projects?limit=50000").body()).doesNotContain("\"id\":" + id + ",");
        for (String action : new String[] {"water_project.update", "water_project.status", "water_project.retire"}) {
            assertThat(auditRows(action, id)).as(action).isEqualTo(1);
        }
        assertThat(server.as("planner").post("/api/water-projects", newProject("x", point(tongguan[0], tongguan[1]))).status()).isEqualTo(403);
    }

    @Test
    void hostileProjectBodiesAreRefusedAndWriteNothing() throws Exception {
        double[] p = pointIn("340705");
        String ok = point(p[0], p[1]);
        planner();
        long projects = Sql.count(ds, "SELECT count(*) FROM water_project"), audit = Sql.count(ds, "SELECT count(*) FROM audit_log");
        record Bad(String body, int status) {}
        List<Bad> bad = List.of(
                new Bad(newProject("自交", "{\"type\":\"Polygon\",\"coordinates\":[[[117.8,30.9],[117.81,30.91],[117.81,30.9],[117.8,30.91],[117.8,30.9]]]}"), 422),
                new Bad(newProject("海外", point(100, 10)), 422),
                new Bad(newProject("集合", "{\"type\":\"GeometryCollection\",\"geometries\":[" + ok + "]}"), 400),
                new Bad(newProject("越界", point(190, 30)), 400),
                new Bad(newProject("\u202Egnp.exe", ok), 400),
                new Bad(newProject("", ok), 400),
                new Bad(newProject("x", ok).replace("1200.5", "-1"), 400),
                new Bad(newProject("x", ok).replace("1200.5", "1.234"), 400),
                new Bad(newProject("x", ok).replace("1200.5", "\"1200\""), 400),
                new Bad(newProject("x", ok).replace("sewage_plant", "castle"), 400),
                new Bad(newProject("x", ok).replace("2027-03-01", "2027-02-30"), 400),
                new Bad(newProject("x", ok).replace("\"start_date\":\"2027-03-01\"", "\"start_date\":\"2027-03-01\",\"end_date\":\"2026-01-01\""), 422),
                new Bad(newProject("x", ok).replace("\"start_date\"", "\"river_chief_id\":999999,\"start_date\""), 422),
                new Bad(newProject("x", ok).replace("\"start_date\"", "\"colour\":\"red\",\"start_date\""), 400),
                new Bad(newProject("x", ok).replace("\"start_date\"", "\"status\":\"finished\",\"start_date\""), 400),
                new Bad("[]", 400), new Bad("{", 400));
        for (Bad b : bad) {
            TestServer.Response r = planner().post("/api/water-projects", b.body());
            assertThat(r.status()).as(b.body() + " → " + r.body()).isEqualTo(b.status());
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        long first = Sql.count(ds, "SELECT min(id) FROM water_project WHERE retired_at IS NULL");
        for (String patch : new String[] {"{\"name\":\"x\"}", "{\"version\":0,\"status\":\"completed\"}", "{\"version\":0,\"budget_wan_yuan\":null}",
                "{\"version\":\"0\",\"name\":\"x\"}", "{\"version\":0,\"geometry\":{\"type\":\"Point\"}}"}) {
            assertThat(planner().patch("/api/water-projects/" + first, patch).status()).as(patch).isEqualTo(400);
        }
        assertThat(planner().post("/api/water-projects/" + first + "/retire", "{\"version\":0}").status()).isEqualTo(400);
        assertThat(planner().post("/api/water-projects/99999999/retire", "{\"version\":0,\"reason\":\"x\"}").status()).isEqualTo(404);
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project")).isEqualTo(projects);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log")).isEqualTo(audit);
    }

    @Test
    void badQueryParametersAre400sAndPlacesOffTheNetwork422s() throws Exception {
        TestServer.Client c = server.as("viewer");
        for (String q : new String[] {"/api/upstream?lon=abc&lat=30", "/api/upstream?lon=117.7", "/api/basins/1/upstream?method=guess",
                "/api/basins/1/upstream?geometry=maybe", "/api/pollution-trace?lon=117.7&lat=30.9&max_km=1e3",
                "/api/pollution-trace?lon=117.7&lat=30.9&types=castle", "/api/pollution-trace?lon=NaN&lat=30.9",
                "/api/water-projects/1/impact?buffer_m=0", "/api/water-projects/1/impact?buffer_m=50001", "/api/basins/stats?level=x",
                "/api/reports/cross-region?min_share=0.9", "/api/basins/abc"}) {
            assertThat(c.get(q).status()).as(q).isEqualTo(400);
        }
        assertThat(c.get("/api/upstream?lon=100&lat=10").status()).isEqualTo(422);
        assertThat(c.get("/api/pollution-trace?lon=100&lat=10").status()).isEqualTo(422);
        assertThat(c.get("/api/basins/99999999").status()).isEqualTo(404);
    }

    @Test
    void upstreamByWalkAndByCodeAgreeOverHttp() throws Exception {
        TestServer.Client c = server.as("viewer");
        for (String code : new String[] {"TLB11", "TLB19", "TLB31", "TLB45", "TLB53", "TLB71", "TLB5", "TLB8"}) {
            long id = Sql.count(ds, "SELECT id FROM river_basin WHERE code = ?", code);
            for (String dir : new String[] {"upstream", "downstream"}) {
                JsonNode walk = c.get("/api/basins/" + id + "/" + dir + "?geometry=false").json();
                JsonNode rule = c.get("/api/basins/" + id + "/" + dir + "?geometry=false&method=pfafstetter").json();
                assertThat(codes(rule.get("basins"))).as(dir + " of " + code).containsExactlyInAnyOrderElementsOf(codes(walk.get("basins")));
                assertThat(rule.get("method").asText()).isEqualTo("PFAFSTETTER");
            }
        }
        // the outlet unit of the whole system has every other level-2 basin upstream, and its drainage area
        JsonNode outlet = c.get("/api/basins/" + Sql.count(ds, "SELECT id FROM river_basin WHERE code = 'TLB11'") + "/upstream").json();
        assertThat(outlet.get("basins")).hasSize(80);
        assertThat(outlet.get("geometry").get("type").asText()).endsWith("Polygon");
        double all = ((Number) Sql.one(ds, "SELECT sum(sub_area_km2) FROM river_basin WHERE level = 2")).doubleValue();
        assertThat(outlet.get("drainage_area_km2").asDouble()).isCloseTo(all, offset(all * 1e-9));
    }

    static List<String> codes(JsonNode basins) {
        List<String> out = new ArrayList<>();
        for (JsonNode b : basins) out.add(b.get("code").asText());
        return out;
    }

    @Test
    void pollutionTracingListsSourcesUpstreamNearestFirst() throws Exception {
        // three sewage plants 100 m off the Yangtze at 20 %, 50 % and 80 % along reach TLR53, traced
        // from the middle of the reach below it (TLR51): the 80 % one is nearest along the water
        List<Long> ids = new ArrayList<>();
        for (double f : new double[] {0.2, 0.5, 0.8}) {
            double[] at = along("TLR53", f, 0.001);
            TestServer.Response r = planner().post("/api/water-projects", newProject("溯源测试" + f, point(at[0], at[1])));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            ids.add(r.json().get("feature").get("id").asLong());
        }
        double[] from = along("TLR51", 0.5, 0);
        TestServer.Response traced = planner().get("/api/pollution-trace?lon=" + from[0] + "&lat=" + from[1] + "&max_km=60&types=sewage_plant");
        assertThat(traced.status()).as(traced.body()).isEqualTo(200);
        JsonNode trace = traced.json();
        assertThat(trace.get("at").get("reach_code").asText()).isEqualTo("TLR51");
        List<Long> order = new ArrayList<>();
        double last = -1;
        for (JsonNode p : trace.get("projects")) {
            double d = p.get("distance_km").asDouble();
            assertThat(d).isGreaterThanOrEqualTo(last);
            last = d;
            assertThat(p.get("project").get("project_type").asText()).isEqualTo("sewage_plant");
            if (ids.contains(p.get("project").get("id").asLong())) order.add(p.get("project").get("id").asLong());
        }
        assertThat(order).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        for (int i = 0; i < 3; i++) {
            long id = ids.get(2 - i);
            // measured on the ellipsoid: what is left of TLR53 below the plant, and half of TLR51
            double expected = ((Number) Sql.one(ds, """
                    SELECT (a.length_m - ST_Length(ST_LineSubstring(a.geom, 0, ?)::geography) + ST_Length(ST_LineSubstring(b.geom, 0, 0.5)::geography)) / 1000
                    FROM river_reach a, river_reach b WHERE a.code = 'TLR53' AND b.code = 'TLR51'""", new double[] {0.8, 0.5, 0.2}[i])).doubleValue();
            JsonNode p = find(trace.get("projects"), id);
            assertThat(p.get("distance_km").asDouble()).as("project %d", id).isCloseTo(expected, offset(0.02)); // 20 m
        }
        last = -1;
        for (JsonNode k : trace.get("cases")) {
            assertThat(k.get("category_code").asText()).startsWith("06");
            assertThat(k.get("distance_m").asDouble()).isGreaterThanOrEqualTo(last);
            last = k.get("distance_m").asDouble();
            assertThat(k.has("description")).as("no reporter's text").isFalse();
        }
        assertThat(trace.get("reaches").get(0).get("code").asText()).isEqualTo("TLR51");
        // a boundary planner sees the counts, not the cases
        JsonNode forPlanner = server.as("planner").get("/api/pollution-trace?lon=" + from[0] + "&lat=" + from[1] + "&max_km=60").json();
        assertThat(forPlanner.get("cases")).isEmpty();
        assertThat(forPlanner.get("open_water_cases").asLong()).isEqualTo(server.as("viewer")
                .get("/api/pollution-trace?lon=" + from[0] + "&lat=" + from[1] + "&max_km=60").json().get("open_water_cases").asLong());
        for (long id : ids) {
            long v = Sql.count(ds, "SELECT version FROM water_project WHERE id = ?", id);
            assertThat(planner().post("/api/water-projects/" + id + "/retire", "{\"version\":" + v + ",\"reason\":\"测试结束\"}").status()).isEqualTo(200);
        }
    }

    static JsonNode find(JsonNode traced, long id) {
        for (JsonNode p : traced) if (p.get("project").get("id").asLong() == id) return p;
        throw new AssertionError("project " + id + " not traced");
    }

    /** A point at fraction f along a reach, moved off it to the left by `off` degrees. */
    static double[] along(String reach, double f, double off) throws Exception {
        String wkt = Sql.text(ds, """
                SELECT ST_AsText(ST_Translate(ST_LineInterpolatePoint(geom, ?), -? * cos(ST_Azimuth(ST_StartPoint(geom), ST_EndPoint(geom))),
                  ? * sin(ST_Azimuth(ST_StartPoint(geom), ST_EndPoint(geom))))) FROM river_reach WHERE code = ?""", f, off, off, reach);
        String[] xy = wkt.replaceAll("[^0-9. ]", "").trim().split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    /** A point inside a district, inside a grid cell and inside a basin. */
    static double[] pointIn(String district) throws Exception {
        String wkt = Sql.text(ds, """
                SELECT ST_AsText(ST_PointOnSurface(g.geom)) FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id
                JOIN admin_unit s ON s.id = k.parent_id JOIN admin_unit d ON d.id = s.parent_id
                WHERE d.code = ? AND EXISTS (SELECT 1 FROM river_basin b WHERE ST_Contains(b.geom, ST_PointOnSurface(g.geom))) ORDER BY g.id LIMIT 1""",
                district);
        String[] xy = wkt.replaceAll("[^0-9. ]", "").trim().split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    @Test
    void riverChiefsTheirPhonesAndAssignments() throws Exception {
        JsonNode chiefs = server.as("viewer").get("/api/river-chiefs").json();
        for (JsonNode k : chiefs) assertThat(k.get("phone_masked").asText()).matches("\\d{3}\\*+\\d{4}");
        assertThat(server.as("viewer").get("/api/river-chiefs").body()).doesNotContainPattern("1390562\\d{4}");
        long chief = chiefs.get(0).get("id").asLong();
        TestServer.Response contact = planner().get("/api/river-chiefs/" + chief + "/contact");
        assertThat(contact.json().get("phone").asText()).matches("1390562\\d{4}");
        assertThat(auditRows("river_chief.read_contact", chief)).isPositive();
        assertThat(server.as("viewer").get("/api/river-chiefs/" + chief + "/contact").status()).isEqualTo(403);

        // a county reach: a county chief may take it, a township chief may not
        JsonNode reach = planner().get("/api/chief-reaches/" + Sql.count(ds, "SELECT min(id) FROM chief_reach WHERE level = 'county'")).json().get("reach");
        long reachId = reach.get("id").asLong();
        int version = reach.get("version").asInt();
        long township = Sql.count(ds, "SELECT min(id) FROM river_chief WHERE level = 'township'");
        long county = Sql.count(ds, "SELECT max(id) FROM river_chief WHERE level = 'county' AND id <> ?", reach.get("chief_id").asLong());
        assertThat(planner().put("/api/chief-reaches/" + reachId + "/chief", "{\"version\":" + version + ",\"chief_id\":" + township + "}").status()).isEqualTo(422);
        assertThat(planner().put("/api/chief-reaches/" + reachId + "/chief", "{\"version\":" + version + "}").status()).isEqualTo(400);
        long assignments = auditRows("chief_reach.assign", reachId);
        TestServer.Response assigned = planner().put("/api/chief-reaches/" + reachId + "/chief",
                "{\"version\":" + version + ",\"chief_id\":" + county + ",\"note\":\"换届\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("reach").get("chief_id").asLong()).isEqualTo(county);
        assertThat(assigned.json().get("history")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(auditRows("chief_reach.assign", reachId)).isEqualTo(assignments + 1);
        assertThat(assigned.json().get("districts")).isNotEmpty();

        // a chief's list: their reaches with the projects on them and the open water cases near them
        JsonNode list = planner().get("/api/river-chiefs/" + county).json();
        assertThat(list.get("reaches")).extracting(r -> r.get("reach").get("id").asLong()).contains(reachId);

        TestServer.Response made = planner().post("/api/river-chiefs", "{\"name\":\"张河长\",\"level\":\"village\",\"position\":\"村委会主任\",\"phone\":\"13900001111\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("phone_masked").asText()).isEqualTo("139****1111");
        assertThat(Sql.text(ds, "SELECT after::text FROM audit_log WHERE action = 'river_chief.create' ORDER BY id DESC LIMIT 1"))
                .as("no full phone in the trail").doesNotContain("13900001111");
        assertThat(planner().post("/api/river-chiefs", "{\"name\":\"x\",\"level\":\"emperor\",\"position\":\"x\"}").status()).isEqualTo(400);
        assertThat(planner().post("/api/river-chiefs", "{\"name\":\"x\",\"level\":\"village\",\"position\":\"x\",\"phone\":\"call me\"}").status()).isEqualTo(400);
    }

    @Test
    void crossRegionReportAsJsonAndCsv() throws Exception {
        TestServer.Client c = server.as("viewer");
        JsonNode rows = c.get("/api/reports/cross-region").json();
        assertThat(rows).isNotEmpty();
        int parts = 0;
        Set<Integer> levels = new HashSet<>();
        for (JsonNode r : rows) {
            levels.add(r.get("level").asInt());
            assertThat(r.get("districts").size()).isGreaterThanOrEqualTo(2);
            double share = 0;
            for (JsonNode d : r.get("districts")) {
                assertThat(d.get("area_share").asDouble()).isGreaterThanOrEqualTo(0.01);
                share += d.get("area_share").asDouble();
                parts++;
            }
            // parts are of the basin's area; where published districts overlap a sliver counts twice
            assertThat(share).isLessThanOrEqualTo(1.001);
        }
        assertThat(levels).containsExactlyInAnyOrder(1, 2);
        TestServer.Response csv = c.get("/api/reports/cross-region.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFbasin_code,basin_name,");
        assertThat(csv.body().split("\r\n")).hasSize(parts + 1);
        assertThat(c.get("/api/reports/cross-region?level=2&min_share=0").json().size())
                .isGreaterThanOrEqualTo(c.get("/api/reports/cross-region?level=2").json().size());
    }

    @Test
    void basinQualityReportFindsThePlantedUpAreaErrors() throws Exception {
        JsonNode report = server.as("viewer").get("/api/reports/basin-quality").json();
        assertThat(report).hasSize(2);
        assertThat(report.get(0).get("up_area")).extracting(d -> d.get("code").asText()).containsExactly("TLB3");
        assertThat(report.get(1).get("up_area")).extracting(d -> d.get("code").asText()).containsExactlyInAnyOrder("TLB71", "TLB45");
        for (JsonNode level : report) {
            assertThat(level.get("navigation")).isEmpty();
            assertThat(level.get("problems")).isEmpty();
        }
    }

    @Test
    void basinPanelImpactZoneAndDownstream() throws Exception {
        TestServer.Client c = server.as("viewer");
        long basin = Sql.count(ds, "SELECT id FROM river_basin WHERE code = 'TLB5'");
        JsonNode view = c.get("/api/basins/" + basin).json();
        JsonNode a = view.get("analysis").get("overlay");
        double sum = a.get("outside_share").asDouble();
        for (JsonNode d : a.get("districts")) sum += d.get("share").asDouble();
        assertThat(sum).isCloseTo(1.0, offset(1e-9));
        assertThat(view.get("analysis").get("projects").size()).isEqualTo(view.get("analysis").get("by_type").findValues("count").stream().mapToInt(JsonNode::asInt).sum());

        long project = Sql.count(ds, "SELECT min(id) FROM water_project WHERE retired_at IS NULL");
        JsonNode impact = c.get("/api/water-projects/" + project + "/impact?buffer_m=5000").json();
        assertThat(impact.get("overlay").get("population").asDouble()).isPositive();
        assertThat(impact.get("zone").get("type").asText()).isEqualTo("Polygon");
        JsonNode drawn = c.post("/api/water/impact", "{\"geometry\":" + point(117.80, 30.93) + ",\"buffer_m\":2000}").json();
        assertThat(drawn.get("overlay").get("area_km2").asDouble()).isCloseTo(Math.PI * 4, offset(0.1));

        JsonNode down = c.get("/api/water-projects/" + project + "/downstream").json();
        assertThat(down.get("basins")).isNotEmpty();
        JsonNode reaches = down.get("reaches");
        assertThat(reaches.get(reaches.size() - 1).get("code").asText()).as("down to the outlet").isEqualTo("TLR11");

        JsonNode up = c.get("/api/upstream?lon=117.74&lat=30.90").json();
        assertThat(up.get("basins").get("basin").get("code").asText()).startsWith("TLB");
        assertThat(up.get("river").get("reaches").get(0).get("distance_km").asDouble()).isZero();
        String q = URLEncoder.encode("TLR53", StandardCharsets.UTF_8);
        assertThat(c.get("/api/reaches/" + Sql.count(ds, "SELECT id FROM river_reach WHERE code = ?", q)).json().get("downstream").get(0)
                .get("code").asText()).isEqualTo("TLR51");
    }
}
