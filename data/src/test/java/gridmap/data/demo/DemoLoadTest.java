package gridmap.data.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;
import gridmap.geo.CoverageCheck;
import gridmap.geo.Polygons;

/** The demo as stored in PostGIS: counts, validity, coverages and idempotent reloads. */
class DemoLoadTest {
    static DataSource ds;
    static DemoLoader.Outcome first;

    @BeforeAll
    static void load() throws SQLException {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
        first = new DemoLoader(ds).load(true);
    }

    @Test
    void loadsTheWholeCityWellUnderAMinute() throws SQLException {
        assertThat(first.loaded()).isTrue();
        assertThat(first.millis()).isLessThan(60_000);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE level = 'district'")).isEqualTo(4);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit s JOIN admin_unit d ON d.id = s.parent_id WHERE d.code = '340705' AND s.level = 'street'")).isEqualTo(6);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit c JOIN admin_unit s ON s.id = c.parent_id JOIN admin_unit d ON d.id = s.parent_id WHERE d.code = '340705' AND c.level = 'community'")).isEqualTo(49);
        assertThat(Sql.count(ds, "SELECT count(*) FROM river_basin WHERE level = 2 AND next_down_id IS NOT NULL")).isGreaterThanOrEqualTo(20);
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project")).isBetween(50L, 70L);
        assertThat(Sql.count(ds, "SELECT count(*) FROM cases")).isBetween(1800L, 2200L);
        assertThat(Sql.count(ds, "SELECT count(*) FROM river_reach")).isEqualTo(81);
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project_status")).isGreaterThan(Sql.count(ds, "SELECT count(*) FROM water_project"));
        assertThat(Sql.count(ds, "SELECT count(*) FROM chief_reach WHERE chief_id IS NULL")).isZero();
        assertThat(Sql.count(ds, "SELECT count(DISTINCT GeometryType(geom)) FROM water_project")).isEqualTo(3);
        long pop = Sql.count(ds, "SELECT population FROM admin_unit WHERE level = 'city'");
        assertThat(pop).isBetween(1_200_000L, 1_400_000L);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'demo.load'")).isPositive();
    }

    @Test
    void generatorDeadlinesMatchTheCategoryTable() throws SQLException {
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_category")).isEqualTo(CaseGenerator.CATEGORIES.size());
        for (var e : CaseGenerator.CATEGORIES.entrySet()) {
            gridmap.data.cases.Deadline d = (gridmap.data.cases.Deadline) e.getValue()[0];
            assertThat(Sql.one(ds, "SELECT amount || ' ' || unit FROM case_category_deadline WHERE category_code = ? AND step = 'handle'",
                    e.getKey())).as(e.getKey()).isEqualTo(d.amount() + " " + d.unit().db);
        }
    }

    @Test
    void everyStoredGeometryIsValid() throws SQLException {
        for (String t : new String[] {"admin_unit", "grid_cell", "river_basin", "water_project", "cases", "river_reach", "chief_reach"}) {
            assertThat(Sql.count(ds, "SELECT count(*) FROM " + t + " WHERE NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326")).as(t).isZero();
        }
    }

    @Test
    void communitiesFormAValidCoverageOfTheirDistrictAndCellsOfTheirCommunity() throws Exception {
        // children of each district (communities via their streets) and of each community (cells)
        Map<Long, List<Geometry>> communitiesByDistrict = groups("""
                SELECT s.parent_id, ST_AsBinary(c.geom) FROM admin_unit c JOIN admin_unit s ON s.id = c.parent_id
                WHERE c.level = 'community' AND c.valid_to IS NULL""");
        Map<Long, List<Geometry>> cellsByCommunity = groups("SELECT community_id, ST_AsBinary(geom) FROM grid_cell WHERE valid_to IS NULL");
        assertThat(communitiesByDistrict).hasSize(4);
        assertThat(cellsByCommunity).hasSize(151);
        WKBReader wkb = new WKBReader(Polygons.WGS84);
        for (var groups : List.of(communitiesByDistrict, cellsByCommunity)) {
            for (var e : groups.entrySet()) {
                Geometry[] pieces = e.getValue().toArray(Geometry[]::new);
                assertThat(CoverageValidator.isValid(pieces)).as("coverage under unit " + e.getKey()).isTrue();
                // ...and together they are their parent: no gap, nothing outside
                Geometry parent = wkb.read((byte[]) Sql.one(ds, "SELECT ST_AsBinary(geom) FROM admin_unit WHERE id = ?", e.getKey()));
                CoverageCheck.Result r = CoverageCheck.check(e.getValue(), parent);
                assertThat(r.isCoverageOf(1e-9)).as("unit " + e.getKey() + ": " + r).isTrue();
            }
        }
    }

    @Test
    void theFortyNineCommunitiesOfTongguanCoverItsArea() throws SQLException {
        double ratio = (Double) Sql.one(ds, """
                SELECT sum(ST_Area(c.geom::geography)) / (SELECT ST_Area(geom::geography) FROM admin_unit WHERE code = '340705' AND valid_to IS NULL)
                FROM admin_unit c JOIN admin_unit s ON s.id = c.parent_id JOIN admin_unit d ON d.id = s.parent_id
                WHERE d.code = '340705' AND c.level = 'community' AND c.valid_to IS NULL""");
        assertThat(Math.abs(ratio - 1)).isLessThan(1e-6);
    }

    @Test
    void reloadingIsIdempotent() throws SQLException {
        String before = checksum();
        DemoLoader.Outcome again = new DemoLoader(ds).load(false);
        assertThat(again.loaded()).as("same data set already there: nothing to do").isFalse();
        assertThat(checksum()).isEqualTo(before);
        DemoLoader.Outcome forced = new DemoLoader(ds).load(true);
        assertThat(forced.loaded()).isTrue();
        assertThat(checksum()).as("a forced reload writes identical rows").isEqualTo(before);
    }

    /** md5 over every demo row, ids included, in a fixed order. */
    static String checksum() throws SQLException {
        return (String) Sql.one(ds, """
                SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
                  SELECT 'u' || id || code || name || coalesce(parent_id, 0) || md5(ST_AsBinary(geom)) || population AS x FROM admin_unit
                  UNION ALL SELECT 'g' || id || code || community_id || md5(ST_AsBinary(geom)) || households || coalesce(worker_id, 0) FROM grid_cell
                  UNION ALL SELECT 'b' || id || code || coalesce(next_down_id, 0) || md5(ST_AsBinary(geom)) FROM river_basin
                  UNION ALL SELECT 'p' || id || code || name || md5(ST_AsBinary(geom)) || budget_wan_yuan FROM water_project
                  UNION ALL SELECT 'c' || id || code || status || md5(ST_AsBinary(geom)) || reported_at || cell_id FROM cases
                  UNION ALL SELECT 'r' || id || code || coalesce(next_down_id, 0) || md5(ST_AsBinary(geom)) FROM river_reach
                  UNION ALL SELECT 'h' || id || code || coalesce(chief_id, 0) || md5(ST_AsBinary(geom)) FROM chief_reach
                ) s""");
    }

    private static Map<Long, List<Geometry>> groups(String sql) throws SQLException, ParseException {
        Map<Long, List<Geometry>> out = new LinkedHashMap<>();
        WKBReader wkb = new WKBReader(Polygons.WGS84);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(wkb.read(rs.getBytes(2)));
        }
        return out;
    }
}
