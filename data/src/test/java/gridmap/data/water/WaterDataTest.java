package gridmap.data.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKTReader;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;
import gridmap.data.demo.DemoLoader;
import gridmap.geo.Polygons;
import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.InvalidNetworkException;
import gridmap.geo.hydro.NetworkProblem;

/** Watershed data against PostGIS with the demo loaded: the schema's lists, imports that must fail whole, navigation and overlays. */
class WaterDataTest {
    static DataSource ds;

    @BeforeAll
    static void demo() throws SQLException {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
        new DemoLoader(ds).load(false);
    }

    /** The values a CHECK constraint allows, read from the catalog. */
    static Set<String> checkValues(String table, String column) throws SQLException {
        String def = Sql.text(ds, """
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relname = ? AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%' || ? || '%ANY%'""", table, column);
        Set<String> out = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([a-z_]+)'::text").matcher(def);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void enumsMatchTheirCheckConstraints() throws SQLException {
        assertThat(checkValues("water_project", "project_type"))
                .isEqualTo(Arrays.stream(ProjectType.values()).map(ProjectType::code).collect(Collectors.toCollection(TreeSet::new)));
        Set<String> statuses = Arrays.stream(ProjectStatus.values()).map(ProjectStatus::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(checkValues("water_project", "status")).isEqualTo(statuses);
        assertThat(checkValues("water_project_status", "status")).isEqualTo(statuses);
        Set<String> levels = Arrays.stream(ChiefLevel.values()).map(ChiefLevel::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(checkValues("river_chief", "level")).isEqualTo(levels);
        assertThat(checkValues("chief_reach", "level")).isEqualTo(levels);
    }

    static MultiPolygon square(double x, double y) throws Exception {
        return Polygons.toMultiPolygon(new WKTReader(Polygons.WGS84).read(String.format(java.util.Locale.ROOT,
                "POLYGON ((%f %f, %f %f, %f %f, %f %f, %f %f))", x, y, x + 0.01, y, x + 0.01, y + 0.01, x, y + 0.01, x, y)));
    }

    static HydroWriter.NewBasin basin(String code, String pfaf, String down, MultiPolygon g) {
        return new HydroWriter.NewBasin(code, null, pfaf, code, null, down, null, 10, null, null, 0, g);
    }

    @Test
    void aBasinImportWithCyclesDanglingLinksOrBadGeometryIsRefusedWholeWithEveryOffenderListed() throws Exception {
        MultiPolygon bowTie = Polygons.toMultiPolygon(new WKTReader(Polygons.WGS84).read("POLYGON ((100 10, 100.1 10.1, 100.1 10, 100 10.1, 100 10))"));
        List<HydroWriter.NewBasin> file = List.of(
                basin("X1", "1", null, square(100, 10)),
                basin("X3", "3", "X5", square(100.1, 10)), basin("X5", "5", "X7", square(100.2, 10)), basin("X7", "7", "X3", square(100.3, 10)),
                basin("X2", "2", "X404", square(100.4, 10)),
                basin("X9", "9", "X1", bowTie));
        long before = Sql.count(ds, "SELECT count(*) FROM river_basin");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> HydroWriter.insertBasins(c, file)).isInstanceOf(InvalidNetworkException.class)
                    .satisfies(e -> assertThat(((InvalidNetworkException) e).problems()).extracting(p -> p.id() + " " + p.kind())
                            .containsExactlyInAnyOrder("X3 CYCLE", "X5 CYCLE", "X7 CYCLE", "X2 DANGLING_LINK", "X9 INVALID_GEOMETRY"));
            c.rollback();
        }
        assertThat(Sql.count(ds, "SELECT count(*) FROM river_basin")).isEqualTo(before);
    }

    @Test
    void aValidImportWritesLinksAndIsCheckedWithTheStoredBasins() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                var ids = HydroWriter.insertBasins(c, List.of(basin("Y1", "1", null, square(101, 10)), basin("Y2", "2", "Y1", square(101.1, 10))));
                assertThat(new Stmt("SELECT next_down_id FROM river_basin WHERE id = ?", ids.get("Y2")).one(c, rs -> rs.getLong(1))).contains(ids.get("Y1"));
                // a second file that links to a basin written before, and closes a cycle with it
                List<NetworkProblem> problems = HydroWriter.validateBasins(c, List.of(
                        new HydroWriter.NewBasin("Y1", null, "1", "Y1", null, "Y2", null, 10, null, null, 0, square(101, 10))));
                assertThat(problems).extracting(NetworkProblem::kind).contains(NetworkProblem.Kind.CYCLE);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void bothNavigationMethodsAgreeOnEveryStoredBasin() throws SQLException {
        Navigation nav = new Navigation(ds);
        BasinRepository basins = new BasinRepository(ds);
        for (int level : basins.levels()) {
            for (var b : basins.level(level)) {
                long id = Sql.count(ds, "SELECT id FROM river_basin WHERE code = ?", b.id());
                for (Navigation.Direction d : Navigation.Direction.values()) {
                    var walk = nav.navigate(id, d, BasinNetwork.Method.WALK, false).orElseThrow();
                    var rule = nav.navigate(id, d, BasinNetwork.Method.PFAFSTETTER, false).orElseThrow();
                    assertThat(rule.basins()).as(d + " of " + b.id()).containsExactlyInAnyOrderElementsOf(walk.basins());
                }
            }
        }
    }

    @Test
    void basinOverlaySharesSumToOneAndPopulationAddsUp() throws SQLException {
        BasinAnalysis analysis = new BasinAnalysis(ds);
        double cityPeople = Sql.count(ds, "SELECT sum(population) FROM grid_cell WHERE valid_to IS NULL");
        double level1People = 0;
        for (var s : analysis.stats(null)) {
            OverlayRepository.Overlay o = analysis.overlay(s.id()).orElseThrow().overlay();
            for (List<OverlayRepository.Share> shares : List.of(o.districts(), o.communities(), o.cells())) {
                double sum = shares.stream().mapToDouble(OverlayRepository.Share::share).sum() + o.outsideShare();
                assertThat(sum).as(s.code()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(shares.stream().mapToDouble(OverlayRepository.Share::population).sum())
                        .isCloseTo(o.population(), org.assertj.core.data.Offset.offset(1e-6));
            }
            // the pieces add up to the basin, but for where the published districts overlap each other
            // (their cells then overlap too, and such a place counts in both): at most 0.1 % here
            assertThat(o.areaKm2()).as(s.code()).isCloseTo(s.areaKm2(), org.assertj.core.data.Offset.offset(s.areaKm2() * 1e-3));
            // the choropleth's figure: sums of the finest basins, cells split by planar ratios
            assertThat(s.population()).as(s.code()).isCloseTo(o.population(), org.assertj.core.data.Offset.offset(1 + o.population() * 1e-4));
            if (s.level() == 1) level1People += o.population();
        }
        // the level-1 basins tile an area that holds the whole city: everyone lives in one of them
        assertThat(level1People).isCloseTo(cityPeople, org.assertj.core.data.Offset.offset(cityPeople * 1e-6));
    }

    @Test
    void aBufferInsideOneCellHoldsItsShareOfThatCellsPeople() throws SQLException {
        // the biggest cell, and a circle of half its largest inscribed radius around that circle's centre
        long cell = Sql.count(ds, "SELECT id FROM grid_cell WHERE valid_to IS NULL ORDER BY ST_Area(geom::geography) DESC LIMIT 1");
        Object[] c = centreAndRadius(cell);
        double lon = (Double) c[0], lat = (Double) c[1], radius = (Double) c[2] / 2;
        ProjectRepository.Impact impact = new ProjectRepository(ds).impact(Polygons.WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)),
                radius, CaseView.NONE);
        double circleKm2 = ((Number) Sql.one(ds, "SELECT ST_Area(ST_Buffer(ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)) / 1e6", lon, lat, radius)).doubleValue();
        double cellKm2 = ((Number) Sql.one(ds, "SELECT ST_Area(geom::geography) / 1e6 FROM grid_cell WHERE id = ?", cell)).doubleValue();
        long people = Sql.count(ds, "SELECT population FROM grid_cell WHERE id = ?", cell);
        assertThat(impact.overlay().cells()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(cell);
            assertThat(s.share()).isEqualTo(1.0);
        });
        assertThat(impact.overlay().communities()).hasSize(1);
        assertThat(impact.overlay().districts()).hasSize(1);
        assertThat(impact.overlay().outsideShare()).isZero();
        assertThat(impact.overlay().areaKm2()).isCloseTo(circleKm2, org.assertj.core.data.Offset.offset(circleKm2 * 1e-6));
        // and roughly the circle's true area π r²: the buffer is a 32-gon
        assertThat(impact.overlay().areaKm2()).isCloseTo(Math.PI * radius * radius / 1e6, org.assertj.core.data.Offset.offset(circleKm2 * 0.01));
        assertThat(impact.overlay().population()).isCloseTo(people * circleKm2 / cellKm2, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static Object[] centreAndRadius(long cell) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("""
                    SELECT ST_X(m.center), ST_Y(m.center), ST_Distance(m.center::geography, m.nearest::geography)
                    FROM grid_cell g, ST_MaximumInscribedCircle(g.geom) m WHERE g.id = ?""", cell)
                    .one(c, rs -> new Object[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)}).orElseThrow();
        }
    }
}
