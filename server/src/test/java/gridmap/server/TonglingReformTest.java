package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;
import gridmap.geo.coverage.CoverageValidate;

/**
 * The 2010 Tongling reform end to end over HTTP on the demo: the plan file removes the 6 streets
 * of 铜官区 and merges its 49 communities into 18; committed on 2010-07-01, the district has 18
 * communities forming a valid coverage equal to it, every grid cell is in exactly one of them,
 * the lineage of each old community sums to 1, and the map as of 2010-06-30 is exactly what it was.
 */
class TonglingReformTest extends ApiTest {

    private static gridmap.data.MapSnapshot before;

    @org.junit.jupiter.api.BeforeAll
    static void remember() throws Exception {
        before = gridmap.data.MapSnapshot.take(ds);
    }

    /** The map as it was, for the next test class (a commit changes the boundaries everyone else reads). */
    @AfterAll
    static void putTheMapBack() throws Exception {
        before.restore();
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code LIKE '340705___' AND level = 'street' AND valid_to IS NULL")).isEqualTo(6);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code LIKE '340705%' AND level = 'community' AND valid_to IS NULL")).isEqualTo(49);
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases k JOIN grid_cell g ON g.id = k.cell_id WHERE g.valid_to IS NOT NULL"
                + " AND k.status IN ('reported','registered','dispatched','in_progress','handled','parked')")).isZero();
    }

    @Test
    void theReform() throws Exception {
        TestServer.Client planner = server.as("planner");
        long district = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705' AND valid_to IS NULL");
        String bbox = Sql.text(ds, "SELECT concat_ws(',', ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) FROM admin_unit WHERE id = ?", district);
        Map<String, JsonNode> communitiesBefore = features(planner.get("/api/layers/communities?bbox=" + bbox).json(), "340705");
        Map<String, JsonNode> streetsBefore = features(planner.get("/api/layers/streets?bbox=" + bbox).json(), "340705");
        assertThat(communitiesBefore).hasSize(49);
        assertThat(streetsBefore).hasSize(6);
        assertThat(endDates(communitiesBefore)).containsOnly("null");
        assertThat(endDates(streetsBefore)).containsOnly("null");
        long openCasesBefore = Sql.count(ds, "SELECT count(*) FROM cases WHERE district_id = ? AND status IN ('reported','registered','dispatched','in_progress','handled','parked')", district);
        long cellsBefore = Sql.count(ds, "SELECT count(*) FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id WHERE c.code LIKE '340705%' AND g.valid_to IS NULL");

        JsonNode plan = PlanTesting.create(planner, PlanTesting.planFile("tongling-2010.json"));
        TestServer.Response preview = planner.get("/api/plans/" + plan.get("id").asLong() + "/preview");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("committable").asBoolean()).isTrue();
        assertThat(preview.json().get("units").get("features")).hasSize(18);
        assertThat(preview.json().get("closed_units")).hasSize(55);

        TestServer.Response done = PlanTesting.commit(planner, plan, "2010-07-01", "铜政〔2010〕42号");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        long event = done.json().get("change_event_id").asLong();

        // 18 live communities directly under the district, no live streets, codes from 601
        List<String> codes = new ArrayList<>();
        List<Geometry> geoms = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT code, ST_AsBinary(geom), valid_from FROM admin_unit WHERE parent_id = ? AND valid_to IS NULL ORDER BY code")) {
            ps.setLong(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                    geoms.add(new WKBReader().read(rs.getBytes(2)));
                    assertThat(rs.getObject(3, java.time.LocalDate.class)).hasToString("2010-07-01");
                }
            }
        }
        assertThat(codes).hasSize(18).allMatch(k -> k.startsWith("340705000") && Integer.parseInt(k.substring(9)) >= 601);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code LIKE '340705%' AND level = 'street' AND valid_to IS NULL")).isZero();

        // a valid coverage whose union is the district, to 1e-9 of its area (its own holes are not gaps)
        Geometry districtGeom = new WKBReader().read((byte[]) Sql.one(ds, "SELECT ST_AsBinary(geom) FROM admin_unit WHERE id = ?", district));
        assertThat(new CoverageValidate(geoms).setParent(districtGeom).validate().problems()).isEmpty();
        double mismatch = ((Number) Sql.one(ds, """
                SELECT ST_Area(ST_SymDifference(u.g, d.geom)) / ST_Area(d.geom)
                  FROM (SELECT ST_Union(geom) AS g FROM admin_unit WHERE parent_id = ? AND valid_to IS NULL) u, admin_unit d WHERE d.id = ?""",
                district, district)).doubleValue();
        assertThat(mismatch).isLessThan(1e-9);

        // every live cell of the district in exactly one live community, which is its own
        assertThat(Sql.count(ds, "SELECT count(*) FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id WHERE c.parent_id = ? AND g.valid_to IS NULL AND c.valid_to IS NULL", district))
                .isEqualTo(cellsBefore);
        assertThat(Sql.count(ds, """
                SELECT count(*) FROM grid_cell g JOIN admin_unit own ON own.id = g.community_id
                 WHERE g.valid_to IS NULL AND own.parent_id = ? AND (own.valid_to IS NOT NULL
                   OR (SELECT count(*) FROM admin_unit c WHERE c.parent_id = ? AND c.valid_to IS NULL
                         AND ST_Covers(c.geom, ST_PointOnSurface(g.geom))) <> 1
                   OR NOT ST_Covers(own.geom, ST_PointOnSurface(g.geom)))""", district, district)).isZero();
        assertThat(Sql.count(ds, "SELECT count(*) FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id WHERE g.valid_to IS NULL AND c.valid_to IS NOT NULL")).isZero();
        // open cases followed their cells; workers stayed with theirs
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases k JOIN grid_cell g ON g.id = k.cell_id WHERE g.valid_to IS NOT NULL AND k.status IN ('reported','registered','dispatched','in_progress','handled','parked')")).isZero();
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases WHERE district_id = ? AND status IN ('reported','registered','dispatched','in_progress','handled','parked')", district)).isEqualTo(openCasesBefore);
        assertThat(Sql.count(ds, """
                SELECT count(*) FROM grid_cell n JOIN grid_cell o ON o.valid_to = n.valid_from AND ST_Equals(o.geom, n.geom)
                 WHERE n.valid_from = DATE '2010-07-01' AND n.worker_id IS DISTINCT FROM o.worker_id""")).isZero();

        // each old community's (and street's) shares sum to 1
        assertThat(Sql.count(ds, """
                SELECT count(*) FROM (SELECT predecessor_id, sum(area_share) a, sum(population_share) p FROM unit_lineage
                 WHERE change_event_id = ? GROUP BY predecessor_id) s WHERE abs(a - 1) > 1e-9 OR abs(p - 1) > 1e-9""", event)).isZero();
        assertThat(Sql.count(ds, "SELECT count(DISTINCT predecessor_id) FROM unit_lineage WHERE change_event_id = ?", event)).isEqualTo(55);
        assertThat(Sql.text(ds, "SELECT change_type || ' ' || legal_ref FROM change_event WHERE id = ?", event)).isEqualTo("reform 铜政〔2010〕42号");

        // the day before, everything is exactly as it was (boundaries, codes, names, parents, counts), now with an end date
        Map<String, JsonNode> communitiesThen = features(planner.get("/api/layers/communities?asOf=2010-06-30&bbox=" + bbox).json(), "340705");
        Map<String, JsonNode> streetsThen = features(planner.get("/api/layers/streets?asOf=2010-06-30&bbox=" + bbox).json(), "340705");
        assertThat(endDates(communitiesThen)).containsOnly("2010-07-01");
        assertThat(endDates(streetsThen)).containsOnly("2010-07-01");
        assertThat(communitiesThen.equals(communitiesBefore)).as("communities as of 2010-06-30 equal those before the commit").isTrue();
        assertThat(streetsThen.equals(streetsBefore)).as("streets as of 2010-06-30 equal those before the commit").isTrue();
        assertThat(features(planner.get("/api/layers/communities?bbox=" + bbox).json(), "340705").keySet()).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(planner.get("/api/units/" + district + "?asOf=2010-06-30").json().get("properties").get("children").asInt()).isEqualTo(6);
        assertThat(planner.get("/api/units/" + district).json().get("properties").get("children").asInt()).isEqualTo(18);
        assertThat(planner.get("/api/units/" + district + "/children?asOf=2010-06-30").json().get("features")).hasSize(6);

        // lineage and the crosswalk statistics offices need
        long newId = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = ? AND valid_to IS NULL", codes.get(0));
        JsonNode lineage = planner.get("/api/units/" + newId + "/lineage").json();
        assertThat(lineage.get("predecessors").size()).isBetween(2, 4);
        assertThat(lineage.get("predecessors").get(0).get("change").get("legal_ref").asText()).isEqualTo("铜政〔2010〕42号");
        JsonNode cross = planner.get("/api/crosswalk?from=2010-06-30&to=2010-07-01&level=community&within=340705").json().get("rows");
        assertThat(cross).hasSize(49);
        for (JsonNode row : cross) {
            assertThat(row.get("to_code").asText()).startsWith("340705000");
            assertThat(row.get("area_share").asDouble()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(row.get("population_share").asDouble()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        }
        TestServer.Response csv = planner.get("/api/crosswalk.csv?from=2010-06-30&to=2010-07-01&level=community&within=340705");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFfrom_code,from_name,to_code,to_name,area_share,population_share\r\n");
        assertThat(csv.body().split("\r\n")).hasSize(50);
        JsonNode streets = planner.get("/api/crosswalk?from=2010-06-30&to=2010-07-01&level=street&within=340705").json().get("rows");
        assertThat(streets).hasSize(6).allMatch(r -> r.get("to_code").isNull());

        // committed: the plan is final, and committing it again is a conflict
        assertThat(PlanTesting.commit(planner, done.json().get("plan"), "2010-07-02", "x").status()).isEqualTo(409);
        // one audit row, written by the commit's own request, says what it did
        assertThat(Sql.text(ds, "SELECT after->'commit'->>'change_event_id' FROM audit_log WHERE action = 'plan.commit' AND request_id = ?",
                done.header("X-Request-Id"))).isEqualTo(Long.toString(event));
    }

    /**
     * The features of a layer response whose code starts with prefix, by code (properties and
     * geometry as sent), their end date (valid_to) moved aside into "ended".
     */
    static Map<String, JsonNode> features(JsonNode fc, String prefix) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode f : fc.get("features")) {
            String code = f.get("properties").get("code").asText();
            if (!code.startsWith(prefix)) continue;
            com.fasterxml.jackson.databind.node.ObjectNode copy = f.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("properties")).remove("valid_to");
            copy.put("ended", f.get("properties").get("valid_to").asText(null));
            out.put(code, copy);
        }
        return out;
    }

    /** The end dates, taken out so that the rest can be compared with the state before. */
    private static List<String> endDates(Map<String, JsonNode> features) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : features.values()) {
            out.add(f.get("ended").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) f).remove("ended");
        }
        return out;
    }
}
