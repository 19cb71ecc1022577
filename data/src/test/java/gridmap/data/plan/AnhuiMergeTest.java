package gridmap.data.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.TestDb;
import gridmap.data.audit.Actor;
import gridmap.geo.Polygons;
import gridmap.geo.coverage.CoverageClean;
import gridmap.geo.coverage.CoverageMerge;

/**
 * Real messy data through the plan path: Anhui's 105 published districts (62 invalid, 3 cities
 * not a coverage) cleaned once with CoverageClean, stored under their 16 cities in PostGIS, and
 * each city's districts merged into one by a committed plan. The 16 results are valid in PostGIS
 * and each matches the independently published city outline to within 0.1 % of its area.
 * Codes are moved to 97xxxx so as not to meet the demo's; names are the real ones.
 */
class AnhuiMergeTest {
    static DataSource ds;
    static Actor actor;

    record District(String adcode, String name, String cityAdcode, String city, Geometry geom) {}

    @BeforeAll
    static void database() throws SQLException {
        TestDb.get().migrate();
        ds = TestDb.get().dataSource();
        deleteAll();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO app_user (username, display_name, role) VALUES ('plan-anhui', '安徽测试', 'planner')
                ON CONFLICT (username) DO UPDATE SET role = 'planner' RETURNING id""")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                actor = new Actor(rs.getLong(1), "plan-anhui", null);
            }
        }
    }

    @AfterAll
    static void deleteAll() throws SQLException {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("DELETE FROM plan WHERE parent_id IN (SELECT id FROM admin_unit WHERE code LIKE '97%')");
            st.execute("WITH gone AS (DELETE FROM unit_lineage l USING admin_unit u WHERE u.id = l.predecessor_id AND u.code LIKE '97%'"
                    + " RETURNING l.change_event_id) DELETE FROM change_event WHERE id IN (SELECT change_event_id FROM gone)");
            st.execute("DELETE FROM admin_unit WHERE code LIKE '97%'");
        }
    }

    @Test
    void eachCityIsTheMergeOfItsCleanedDistrictsAndMatchesItsOutline() throws Exception {
        List<District> districts = read("/gridmap/geodata/anhui-districts.geojson");
        Map<String, Geometry> outlines = new LinkedHashMap<>();
        for (District d : read("/gridmap/geodata/anhui-city-outlines.geojson")) outlines.put(d.city(), d.geom());
        assertThat(districts).hasSize(105);
        assertThat(outlines).hasSize(16);
        long invalid = districts.stream().filter(d -> !d.geom().isValid()).count();
        assertThat(invalid).as("invalid as published").isEqualTo(62);

        CoverageClean.Result clean = CoverageClean.clean(districts.stream().map(District::geom).toList());
        assertThat(clean.vanished()).isEmpty();

        Map<String, List<Integer>> byCity = new LinkedHashMap<>();
        for (int i = 0; i < districts.size(); i++) byCity.computeIfAbsent(districts.get(i).city(), k -> new ArrayList<>()).add(i);
        assertThat(byCity).hasSize(16);
        int cityNo = 0;
        LocalDate start = LocalDate.of(2000, 1, 1), merged = LocalDate.of(2020, 1, 1);
        PlanRepository plans = new PlanRepository(ds);
        for (var e : byCity.entrySet()) {
            cityNo++;
            String cityCode = String.format("97%02d00", cityNo);
            List<Geometry> parts = e.getValue().stream().map(i -> clean.cleaned().get(i)).toList();
            long city;
            List<UnitRef> refs = new ArrayList<>();
            try (Connection c = ds.getConnection()) {
                city = insert(c, cityCode, e.getKey(), "city", null, CoverageMerge.merge(parts).merged(), start);
                for (int k = 0; k < parts.size(); k++) {
                    District d = districts.get(e.getValue().get(k));
                    String code = cityCode.substring(0, 4) + String.format("%02d", k + 1);
                    insert(c, code, d.name(), "district", city, (MultiPolygon) parts.get(k), start);
                    refs.add(new UnitRef.Code(code));
                }
            }
            List<Operation> ops = List.of(refs.size() > 1 ? new Operation.Merge(refs, e.getKey() + "全境", null)
                    : new Operation.Rename(refs.get(0), e.getKey() + "全境", null));
            Plan p = plans.create(actor, city, new PlanRepository.Draft("merge " + e.getKey(), null, ops, false, null, false));
            new PlanCommit(ds).commit(actor, p.id(), p.version(), merged, "anhui", LocalDate.now());
        }
        // 16 valid polygons in PostGIS, each within 0.1 % of its city's published outline
        int checked = 0;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT p.name, ST_IsValid(u.geom), count(*) OVER (PARTITION BY p.id), ST_AsBinary(u.geom)
                  FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id
                 WHERE p.code LIKE '97__00' AND u.valid_to IS NULL AND u.level = 'district'""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    assertThat(rs.getBoolean(2)).as(name + " valid in PostGIS").isTrue();
                    assertThat(rs.getLong(3)).as(name + " is one unit").isEqualTo(1);
                    Geometry g = new org.locationtech.jts.io.WKBReader(Polygons.WGS84).read(rs.getBytes(4));
                    assertThat(g.isValid()).isTrue();
                    Geometry outline = outlines.get(name);
                    assertThat(outline).as("outline of " + name).isNotNull();
                    Geometry fixed = outline.isValid() ? outline : org.locationtech.jts.geom.util.GeometryFixer.fix(outline);
                    double sym = gridmap.geo.EqualAreaMeasure.areaM2(org.locationtech.jts.operation.overlayng.OverlayNGRobust.overlay(g, fixed,
                            org.locationtech.jts.operation.overlayng.OverlayNG.SYMDIFFERENCE));
                    assertThat(sym / gridmap.geo.EqualAreaMeasure.areaM2(fixed)).as(name + ": symmetric difference / outline").isLessThan(0.001);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(16);
    }

    private static long insert(Connection c, String code, String name, String level, Long parent, MultiPolygon g, LocalDate from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO admin_unit (code, name, level, parent_id, geom, valid_from)
                VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?) RETURNING id""")) {
            ps.setString(1, code);
            ps.setString(2, name);
            ps.setString(3, level);
            ps.setObject(4, parent);
            ps.setBytes(5, new WKBWriter().write(g));
            ps.setObject(6, from);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Features of a shipped GeoJSON file (districts: adcode, name, city; outlines: city). */
    static List<District> read(String resource) throws Exception {
        try (InputStream in = AnhuiMergeTest.class.getResourceAsStream(resource)) {
            JsonNode root = new ObjectMapper().readTree(in);
            GeoJsonReader reader = new GeoJsonReader(Polygons.WGS84);
            List<District> out = new ArrayList<>();
            for (JsonNode f : root.get("features")) {
                JsonNode p = f.get("properties");
                Geometry g = reader.read(f.get("geometry").toString());
                out.add(new District(p.path("adcode").asText(null), p.path("name").asText(null), p.path("city_adcode").asText(null),
                        p.get("city").asText(), g));
            }
            return out;
        }
    }
}
