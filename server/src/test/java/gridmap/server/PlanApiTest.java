package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.WKBReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.Sql;
import gridmap.geo.coverage.EdgeRedraw;

/** Drafting plans over HTTP: what is accepted, what is refused and with which status, comments. Nothing is committed here. */
class PlanApiTest extends ApiTest {
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = PlanTesting.JSON;

    static ObjectNode plan(String parentCode, String ops) throws Exception {
        return (ObjectNode) JSON.readTree("{\"parent_code\":\"" + parentCode + "\",\"name\":\"test plan\",\"operations\":" + ops + "}");
    }

    static TestServer.Response post(ObjectNode body) throws Exception { return server.as("planner").post("/api/plans", body.toString()); }

    static Geometry geom(String code) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(geom) FROM admin_unit WHERE code = ? AND valid_to IS NULL")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new WKBReader().read(rs.getBytes(1));
            }
        }
    }

    static String line(Coordinate... cs) {
        StringBuilder sb = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
        for (int i = 0; i < cs.length; i++) sb.append(i > 0 ? "," : "").append('[').append(cs[i].x).append(',').append(cs[i].y).append(']');
        return sb.append("]}").toString();
    }

    static String line(LineString l) { return line(l.getCoordinates()); }

    @Test
    void mergePreviewShowsTheMergedUnitWithMetricsAndBeforeAfter() throws Exception {
        ObjectNode body = plan("340705001", "[{\"op\":\"merge\",\"units\":[\"340705001002\",\"340705001003\",\"340705001008\"],\"name\":\"合并社区\"}]");
        body.putObject("target").put("basis", "households").put("min", 3000).put("max", 9000);
        TestServer.Response r = post(body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode p = r.json();
        assertThat(p.get("status").asText()).isEqualTo("draft");
        assertThat(p.get("author").get("name").asText()).isEqualTo("周立新");
        JsonNode preview = server.as("planner").get("/api/plans/" + p.get("id").asLong() + "/preview").json();
        assertThat(preview.get("committable").asBoolean()).isTrue();
        JsonNode merged = null;
        for (JsonNode f : preview.get("units").get("features")) if (f.get("properties").get("status").asText().equals("new")) merged = f;
        assertThat(merged).isNotNull();
        assertThat(merged.get("properties").get("code").asText()).isEqualTo("340705001601");
        assertThat(merged.get("properties").get("households").asLong()).isEqualTo(Sql.count(ds,
                "SELECT sum(households) FROM admin_unit WHERE code IN ('340705001002','340705001003','340705001008') AND valid_to IS NULL"));
        assertThat(merged.get("properties").get("metrics").get("polsby_popper").asDouble()).isBetween(0.05, 1.0);
        assertThat(merged.get("properties").get("metrics").get("within_target").isBoolean()).isTrue();
        assertThat(preview.get("before_after")).hasSize(1);
        assertThat(preview.get("before_after").get(0).get("from")).hasSize(3);
        assertThat(preview.get("closed_units")).hasSize(3);
        assertThat(preview.get("metrics").get("community").get("units").asInt()).isEqualTo(9 - 2);
        assertThat(preview.get("cells").get("changed").asInt()).isPositive();
        // the live map is untouched by a preview
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code LIKE '340705001%' AND level = 'community' AND valid_to IS NULL")).isEqualTo(9);
    }

    @Test
    void mergingUnitsThatDoNotTouchIs422UnlessAllowed() throws Exception {
        String far = Sql.text(ds, """
                SELECT b.code FROM admin_unit a JOIN admin_unit b ON b.parent_id = a.parent_id AND b.valid_to IS NULL AND b.id <> a.id
                 WHERE a.code = '340705001001' AND a.valid_to IS NULL AND NOT ST_Intersects(a.geom, b.geom) ORDER BY b.code LIMIT 1""");
        ObjectNode body = plan("340705001", "[{\"op\":\"merge\",\"units\":[\"340705001001\",\"" + far + "\"],\"name\":\"飞地社区\"}]");
        TestServer.Response r = post(body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("contiguous");
        assertThat(r.json().get("operation").asInt()).isEqualTo(1);
        body.put("allow_non_contiguous", true);
        TestServer.Response ok = post(body);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode preview = server.as("planner").get("/api/plans/" + ok.json().get("id").asLong() + "/preview").json();
        assertThat(preview.get("problems").toString()).contains("NON_CONTIGUOUS");
        assertThat(preview.get("committable").asBoolean()).isTrue();
    }

    @Test
    void differentParentsLevelsAndEmptyPlansAre422() throws Exception {
        String otherStreet = Sql.text(ds, """
                SELECT b.code FROM admin_unit a JOIN admin_unit b ON b.level = 'community' AND b.valid_to IS NULL AND b.parent_id <> a.parent_id
                 WHERE a.code = '340705001001' AND a.valid_to IS NULL AND b.code LIKE '340705%' AND ST_Intersects(a.geom, b.geom)
                 ORDER BY b.code LIMIT 1""");
        String anyOther = otherStreet != null ? otherStreet : "340705002001";
        TestServer.Response parents = post(plan("340705", "[{\"op\":\"merge\",\"units\":[\"340705001001\",\"" + anyOther + "\"],\"name\":\"x\"}]"));
        assertThat(parents.status()).isEqualTo(422);
        assertThat(parents.json().get("detail").asText()).contains("different parents");
        TestServer.Response levels = post(plan("340705", "[{\"op\":\"merge\",\"units\":[\"340705001\",\"340705001001\"],\"name\":\"x\"}]"));
        assertThat(levels.status()).isEqualTo(422);
        assertThat(levels.json().get("detail").asText()).contains("different levels");
        assertThat(post(plan("340705", "[]")).status()).isEqualTo(422);
        TestServer.Response outside = post(plan("340705001", "[{\"op\":\"merge\",\"units\":[\"340705002001\",\"340705002002\"],\"name\":\"x\"}]"));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().get("detail").asText()).contains("not a current unit below");
    }

    @Test
    void malformedPlansAre400() throws Exception {
        for (String ops : List.of("[{\"op\":\"melt\"}]", "[{\"op\":\"merge\",\"units\":[1],\"name\":\"x\"}]",
                "[{\"op\":\"merge\",\"units\":[\"#1\",\"340705001001\"],\"name\":\"x\"}]",
                "[{\"op\":\"merge\",\"units\":[\"340705001001\",\"340705001002\"],\"name\":\"x\",\"colour\":\"red\"}]",
                "[{\"op\":\"split\",\"unit\":\"340705001001\",\"line\":{\"type\":\"Point\",\"coordinates\":[117.8,30.9]}}]",
                "[{\"op\":\"split\",\"unit\":\"340705001001\",\"line\":{\"type\":\"LineString\",\"coordinates\":[[117.8,300],[117.9,30.9]]}}]",
                "[{\"op\":\"merge\",\"units\":[\"340705001001\",\"340705001002\"],\"name\":\"a\\u202Eb\"}]",
                "[{\"op\":\"rename\",\"unit\":\"340705001001\"}]", "{}")) {
            TestServer.Response r = post(plan("340705001", ops));
            assertThat(r.status()).as(ops + " → " + r.body()).isEqualTo(400);
        }
        assertThat(server.as("planner").post("/api/plans", "{\"parent_code\":\"340705001\",\"parent_id\":1,\"name\":\"x\",\"operations\":[]}").status()).isEqualTo(400);
        assertThat(server.as("planner").post("/api/plans", "{\"parent_code\":\"999999\",\"name\":\"x\",\"operations\":[]}").status()).isEqualTo(404);
    }

    @Test
    void splitNeedsALineThatCrossesTheUnit() throws Exception {
        Geometry g = geom("340705001003");
        Coordinate in = g.getInteriorPoint().getCoordinate();
        double w = g.getEnvelopeInternal().getWidth();
        String across = line(new Coordinate(g.getEnvelopeInternal().getMinX() - w / 4, in.y), new Coordinate(g.getEnvelopeInternal().getMaxX() + w / 4, in.y));
        String inside = line(new Coordinate(in.x - 1e-5, in.y), new Coordinate(in.x + 1e-5, in.y));
        TestServer.Response bad = post(plan("340705001", "[{\"op\":\"split\",\"unit\":\"340705001003\",\"line\":" + inside + "}]"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().get("detail").asText()).contains("does not split");
        TestServer.Response ok = post(plan("340705001", "[{\"op\":\"split\",\"unit\":\"340705001003\",\"line\":" + across + ",\"names\":null}]"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode preview = server.as("planner").get("/api/plans/" + ok.json().get("id").asLong() + "/preview").json();
        assertThat(preview.get("committable").asBoolean()).as(preview.get("problems").toString()).isTrue();
        long pieces = 0;
        for (JsonNode f : preview.get("units").get("features")) if (f.get("properties").get("status").asText().equals("new")) pieces++;
        assertThat(pieces).isGreaterThanOrEqualTo(2);
        // the households of the unit are shared among the pieces, none lost
        long hh = 0;
        for (JsonNode f : preview.get("units").get("features")) hh += f.get("properties").get("households").asLong();
        assertThat(hh).isEqualTo(Sql.count(ds, "SELECT households FROM admin_unit WHERE code = '340705001' AND valid_to IS NULL"));
    }

    @Test
    void redrawMovesASharedBorderAndRefusesOneThatCrossesAnother() throws Exception {
        String a = "340705001002";
        String b = Sql.text(ds, """
                SELECT b.code FROM admin_unit x JOIN admin_unit b ON b.parent_id = x.parent_id AND b.valid_to IS NULL AND b.id <> x.id
                 WHERE x.code = ? AND x.valid_to IS NULL AND ST_Length(ST_Intersection(x.geom, b.geom)) > 0 ORDER BY ST_Length(ST_Intersection(x.geom, b.geom)) DESC LIMIT 1""", a);
        Geometry ga = geom(a), gb = geom(b);
        LineString path = EdgeRedraw.sharedPaths(ga, gb).stream().max(java.util.Comparator.comparingInt(LineString::getNumPoints)).orElseThrow();
        assertThat(path.getNumPoints()).isGreaterThanOrEqualTo(2);
        Coordinate p0 = path.getCoordinateN(0), p1 = path.getCoordinateN(path.getNumPoints() - 1);
        Coordinate mid = path.getCoordinateN(path.getNumPoints() / 2);
        if (path.getNumPoints() == 2) mid = new Coordinate((p0.x + p1.x) / 2, (p0.y + p1.y) / 2);
        Coordinate towardsA = ga.getInteriorPoint().getCoordinate();
        Coordinate bent = new Coordinate(mid.x + (towardsA.x - mid.x) * 0.05, mid.y + (towardsA.y - mid.y) * 0.05);
        String ops = "[{\"op\":\"redraw\",\"units\":[\"" + a + "\",\"" + b + "\"],\"from\":" + line(path) + ",\"to\":" + line(p0, bent, p1) + "}]";
        TestServer.Response ok = post(plan("340705001", ops));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode preview = server.as("planner").get("/api/plans/" + ok.json().get("id").asLong() + "/preview").json();
        assertThat(preview.get("committable").asBoolean()).as(preview.get("problems").toString()).isTrue();
        // far across A, through its other borders: refused
        Coordinate far = geom("340705001009").getInteriorPoint().getCoordinate();
        TestServer.Response crossing = post(plan("340705001", "[{\"op\":\"redraw\",\"units\":[\"" + a + "\",\"" + b + "\"],\"from\":" + line(path)
                + ",\"to\":" + line(p0, far, p1) + "}]"));
        assertThat(crossing.status()).as(crossing.body()).isEqualTo(422);
        assertThat(crossing.json().get("detail").asText()).contains("cannot be drawn");
    }

    @Test
    void publishCommentAndWithdraw() throws Exception {
        TestServer.Response created = post(plan("340705001", "[{\"op\":\"merge\",\"units\":[\"340705001002\",\"340705001003\",\"340705001008\"],\"name\":\"公示社区\"}]"));
        JsonNode p = created.json();
        long id = p.get("id").asLong();
        TestServer.Client viewer = server.as("viewer"), planner = server.as("planner");
        assertThat(viewer.get("/api/plans/" + id).status()).isEqualTo(403);
        assertThat(viewer.post("/api/plans/" + id + "/comments", "{\"body\":\"早了\"}").status()).isEqualTo(403);
        TestServer.Response pub = planner.post("/api/plans/" + id + "/publish", "{\"version\":" + p.get("version").asInt() + ",\"comment_days\":30}");
        assertThat(pub.status()).as(pub.body()).isEqualTo(200);
        assertThat(pub.json().get("status").asText()).isEqualTo("published");
        // read-only while out for comment
        assertThat(planner.patch("/api/plans/" + id, "{\"version\":" + pub.json().get("version").asInt() + ",\"name\":\"y\"}").status()).isEqualTo(409);
        // anyone with an account opens it from a link, sees the map and the table, and comments, with a place
        assertThat(viewer.get("/api/plans/" + id).status()).isEqualTo(200);
        assertThat(viewer.get("/api/plans/" + id + "/preview").status()).isEqualTo(200);
        TestServer.Response c = viewer.post("/api/plans/" + id + "/comments", "{\"body\":\"菜市场应归我们社区\",\"lon\":117.87,\"lat\":30.93}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        assertThat(server.as("dispatcher").post("/api/plans/" + id + "/comments", "{\"body\":\"同意\"}").status()).isEqualTo(201);
        assertThat(viewer.post("/api/plans/" + id + "/comments", "{\"body\":\"x\",\"lon\":117.87}").status()).isEqualTo(400);
        assertThat(viewer.post("/api/plans/" + id + "/comments", "{\"body\":\"\\u0007\"}").status()).isEqualTo(400);
        // the planner sees who said what and where; others see their own name and the rest masked
        JsonNode forPlanner = planner.get("/api/plans/" + id + "/comments").json();
        assertThat(forPlanner).hasSize(2);
        assertThat(forPlanner.get(0).get("author").asText()).isEqualTo("访客");
        assertThat(forPlanner.get(0).get("location").get("coordinates").get(0).asDouble()).isEqualTo(117.87);
        JsonNode forViewer = viewer.get("/api/plans/" + id + "/comments").json();
        assertThat(forViewer.get(0).get("author").asText()).isEqualTo("访客");
        assertThat(forViewer.get(1).get("author").asText()).isEqualTo("陈**").doesNotContain("建华");
        assertThat(planner.get("/api/plans/" + id).json().get("comments").asInt()).isEqualTo(2);
        // back to draft for edits, then withdrawn for good
        JsonNode back = planner.patch("/api/plans/" + id, "{\"version\":" + pub.json().get("version").asInt() + ",\"status\":\"draft\"}").json();
        assertThat(back.get("status").asText()).isEqualTo("draft");
        assertThat(viewer.post("/api/plans/" + id + "/comments", "{\"body\":\"x\"}").status()).isEqualTo(403);
        JsonNode gone = planner.patch("/api/plans/" + id, "{\"version\":" + back.get("version").asInt() + ",\"status\":\"withdrawn\"}").json();
        assertThat(gone.get("status").asText()).isEqualTo("withdrawn");
        assertThat(planner.patch("/api/plans/" + id, "{\"version\":" + gone.get("version").asInt() + ",\"status\":\"draft\"}").status()).isEqualTo(409);
        // (plan ids start again when other tests reload the demo: count this plan's rows only)
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE entity = 'plan' AND entity_id = ? AND action IN ('plan.create','plan.publish','plan.unpublish','plan.withdraw')"
                + " AND at >= (SELECT created_at FROM plan WHERE id = ?)", Long.toString(id), id)).isEqualTo(4);
    }

    @Test
    void editsAreOptimisticallyLockedAndRecheckTheOperations() throws Exception {
        JsonNode p = post(plan("340705001", "[{\"op\":\"merge\",\"units\":[\"340705001002\",\"340705001003\"],\"name\":\"甲\"}]")).json();
        long id = p.get("id").asLong();
        int v = p.get("version").asInt();
        TestServer.Client planner = server.as("planner");
        TestServer.Response renamed = planner.patch("/api/plans/" + id, "{\"version\":" + v + ",\"name\":\"改名\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(planner.patch("/api/plans/" + id, "{\"version\":" + v + ",\"name\":\"again\"}").status()).isEqualTo(409);
        TestServer.Response bad = planner.patch("/api/plans/" + id, "{\"version\":" + renamed.json().get("version").asInt() + ",\"operations\":[]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(planner.get("/api/plans/" + id).json().get("operations")).hasSize(1);
        ArrayNode more = (ArrayNode) renamed.json().get("operations").deepCopy();
        more.addObject().put("op", "rename").put("unit", "#1").put("name", "乙社区");
        TestServer.Response ok = planner.patch("/api/plans/" + id, "{\"version\":" + renamed.json().get("version").asInt() + ",\"operations\":" + more + "}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode preview = planner.get("/api/plans/" + id + "/preview").json();
        assertThat(preview.get("units").toString()).contains("乙社区");
    }

    @Test
    void suggestionForTongguanIsAnOrdinaryPlan() throws Exception {
        TestServer.Client planner = server.as("planner");
        long t0 = System.nanoTime();
        TestServer.Response r = planner.post("/api/plans/suggest", "{\"parent_code\":\"340705\",\"target\":{\"basis\":\"households\",\"min\":5000,\"max\":12000},\"count\":18,\"seed\":7}");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(ms).as("suggestion time").isLessThan(5000);
        JsonNode s = r.json();
        assertThat(s.get("count").asInt()).isEqualTo(18);
        assertThat(s.get("plan").get("operations").get(0).get("op").asText()).isEqualTo("remove_level");
        // the same seed gives the same plan
        assertThat(planner.post("/api/plans/suggest", "{\"parent_code\":\"340705\",\"target\":{\"basis\":\"households\",\"min\":5000,\"max\":12000},\"count\":18,\"seed\":7}")
                .json().get("plan")).isEqualTo(s.get("plan"));
        TestServer.Response saved = planner.post("/api/plans", s.get("plan").toString());
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        JsonNode preview = planner.get("/api/plans/" + saved.json().get("id").asLong() + "/preview").json();
        assertThat(preview.get("committable").asBoolean()).isTrue();
        assertThat(preview.get("metrics").get("community").get("units").asInt()).isEqualTo(18);
        // an impossible target is explained
        TestServer.Response impossible = planner.post("/api/plans/suggest", "{\"parent_code\":\"340705\",\"target\":{\"basis\":\"households\",\"min\":200000,\"max\":300000}}");
        assertThat(impossible.status()).isEqualTo(422);
        assertThat(impossible.json().get("reasons")).isNotEmpty();
        // compared with the plan file: which cells end up elsewhere
        JsonNode file = PlanTesting.create(planner, PlanTesting.planFile("tongling-2010.json"));
        JsonNode cmp = planner.get("/api/plans/" + file.get("id").asLong() + "/compare?with=" + saved.json().get("id").asLong()).json();
        assertThat(cmp.get("matches")).hasSize(18);
        assertThat(cmp.get("moved_cells").size()).isPositive();
        assertThat(planner.get("/api/plans/" + file.get("id").asLong() + "/compare?with=" + created(planner)).status()).isEqualTo(422);
    }

    /** A plan of another parent, for the comparison that must be refused. */
    private static long created(TestServer.Client planner) throws Exception {
        return PlanTesting.create(planner, plan("340705001", "[{\"op\":\"rename\",\"unit\":\"340705001001\",\"name\":\"新名\"}]")).get("id").asLong();
    }
}
