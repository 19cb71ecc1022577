package gridmap.data.io;

import static gridmap.data.io.ImportFixtures.box;
import static gridmap.data.io.ImportFixtures.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.DbConfig;
import gridmap.data.Sql;

/**
 * A district's first grid goes straight into grid_cell while the file is read (DirectCells);
 * every other cells file — a duplicate or stored code, a community found only by containment,
 * cells that overlap, a feature with a problem — is read again through the stage and reported
 * exactly as before: the same counts (each feature read once), the same errors, nothing left
 * of the first attempt. The direct way is told by its report, which has no validate phase.
 */
class DirectCellsTest {
    static DataSource ds;
    static Path dir;
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final ImportOptions CELLS = ImportOptions.of(ImportTarget.CELLS).withEffectiveDate(START);

    @BeforeAll
    static void communitiesWithoutCells() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("direct-cells");
        ImportOptions units = ImportOptions.of(ImportTarget.UNITS).withEffectiveDate(START);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "city.geojson", f(box(117, 30.5, 117.9, 31.5), "code", "340700", "name", "铜陵市")), units);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "district.geojson", f(box(117, 30.5, 117.9, 31.5), "code", "340705", "name", "铜官区")), units);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "street.geojson", f(box(117, 30.5, 117.9, 31.5), "code", "340705001", "name", "长江路街道")), units);
        ImportFixtures.F[] communities = new ImportFixtures.F[9];
        for (int k = 0; k < 9; k++) communities[k] = f(strip(k, 30.5, 31.5), "code", community(k), "name", "社区" + k);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "communities.geojson", communities), units);
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    /** Community k: a strip 0.1° wide. */
    static String community(int k) { return "34070500100" + k; }

    static String strip(int k, double y0, double y1) { return box(117 + 0.1 * k, y0, 117 + 0.1 * (k + 1), y1); }

    /** The south and north halves of community k as two cells. */
    static ImportFixtures.F[] halves(int k) {
        return new ImportFixtures.F[] {
            f(strip(k, 30.5, 31), "code", community(k) + "001", "name", "南", "households", 120),
            f(strip(k, 31, 31.5), "code", community(k) + "002", "name", "北", "households", 80)};
    }

    static ImportFixtures.F[] concat(ImportFixtures.F[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(ImportFixtures.F[]::new);
    }

    static ImportReport run(String name, ImportOptions o, ImportFixtures.F... cells) throws Exception {
        return ImportFixtures.run(ds, ImportFixtures.geoJson(dir, name, cells), o);
    }

    static long cellsOf(int k) throws Exception {
        return Sql.count(ds, "SELECT count(*) FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id WHERE c.code = ?", community(k));
    }

    @Test
    void aFirstGridGoesStraightInWithTheSameRowsAndReport() throws Exception {
        ImportReport r = run("first.geojson", CELLS, concat(halves(0), halves(1)));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.seconds).containsKey("read").doesNotContainKey("validate");
        assertThat(r.counts.read).isEqualTo(4);
        assertThat(r.counts.inserted).isEqualTo(4);
        assertThat(r.cleaning.groups).isEqualTo(2);
        assertThat(r.cleaning.groupsCleanAlready).isEqualTo(2);
        assertThat(Sql.count(ds, """
                SELECT count(*) FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id
                WHERE c.code = left(g.code, 12) AND g.valid_from = ? AND g.valid_to IS NULL AND g.version = 0
                  AND g.households = CASE WHEN g.name = '南' THEN 120 ELSE 80 END AND g.population = 0
                  AND GeometryType(g.geom) = 'MULTIPOLYGON' AND ST_Area(g.geom) BETWEEN 0.0499999 AND 0.0500001""", START)).isEqualTo(4);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'import.cells'")).isGreaterThanOrEqualTo(1);

        // the same file again: those communities have cells now, so it goes through the stage and changes nothing
        ImportReport again = run("first.geojson", CELLS, concat(halves(0), halves(1)));
        assertThat(again.seconds).containsKey("validate");
        assertThat(again.counts.read).isEqualTo(4);
        assertThat(again.counts.unchanged).isEqualTo(4);
        assertThat(cellsOf(0) + cellsOf(1)).isEqualTo(4);
    }

    /** A rule of the table that the import's checks do not know (as a GEOS verdict JTS does not share would be). */
    @Test
    void aRowTheDatabaseRefusesRefusesTheFileWithA422AndNothingStays() throws Exception {
        DbConfig cfg = DbConfig.testFromEnv();
        try (Connection owner = DriverManager.getConnection(cfg.url(), cfg.migrationUser(), cfg.migrationPassword());
             Statement st = owner.createStatement()) {
            st.execute("ALTER TABLE gridmap.grid_cell ADD CONSTRAINT test_households_cap CHECK (households < 100) NOT VALID");
            try {
                assertThatThrownBy(() -> run("refused.geojson", CELLS, halves(8))).isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.status).isEqualTo(422);
                    assertThat(e.getMessage()).contains("grid_cell").contains("test_households_cap").contains("nothing was imported");
                    assertThat(e.report.outcome).isEqualTo(ImportReport.Outcome.REFUSED);
                    assertThat(e.report.counts.read).isEqualTo(2);
                });
                assertThat(cellsOf(8)).isZero();
            } finally {
                st.execute("ALTER TABLE gridmap.grid_cell DROP CONSTRAINT test_households_cap");
            }
        }
    }

    @Test
    void aCodeGivenTwiceAtTheEndIsReportedOnceAndNothingStays() throws Exception {
        ImportFixtures.F[] cells = concat(halves(2), new ImportFixtures.F[] {f(strip(2, 30.5, 31), "code", community(2) + "001", "name", "又一个")});
        assertThatThrownBy(() -> run("twice.geojson", CELLS, cells)).isInstanceOfSatisfying(ImportException.class, e -> {
            assertThat(e.status).isEqualTo(422);
            assertThat(e.report.counts.read).isEqualTo(3);
            assertThat(e.report.counts.errors).isEqualTo(1);
            assertThat(e.report.errors.get(0).message()).contains("appears 2 times");
        });
        assertThat(cellsOf(2)).isZero();
    }

    @Test
    void aFeatureWithAProblemLateInTheFileIsReportedAsBefore() throws Exception {
        ImportFixtures.F[] cells = concat(halves(3), new ImportFixtures.F[] {f(strip(3, 31.5, 31.6), "code", "3407050010039", "name", "坏码")});
        assertThatThrownBy(() -> run("late.geojson", CELLS, cells)).isInstanceOfSatisfying(ImportException.class, e -> {
            assertThat(e.report.counts.read).isEqualTo(3);
            assertThat(e.report.counts.valid).isEqualTo(2);
            assertThat(e.report.counts.errors).isEqualTo(1);
            assertThat(e.report.errors.get(0).feature()).isEqualTo(3);
            assertThat(e.report.errors.get(0).message()).contains("15 digits");
        });
        assertThat(cellsOf(3)).isZero();
    }

    @Test
    void overlappingCellsAreCleanedThroughTheStage() throws Exception {
        ImportReport r = run("overlap.geojson", CELLS,
                f(strip(4, 30.5, 31.01), "code", community(4) + "001", "name", "南"),
                f(strip(4, 31, 31.5), "code", community(4) + "002", "name", "北"));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.seconds).containsKey("validate");
        assertThat(r.counts.read).isEqualTo(2);
        assertThat(r.counts.inserted).isEqualTo(2);
        assertThat(r.cleaning.changed).hasSize(1);
        assertThat(Sql.count(ds, """
                SELECT count(*) FROM grid_cell a JOIN grid_cell b ON a.id < b.id AND a.community_id = b.community_id
                WHERE left(a.code, 12) = ? AND ST_Area(ST_Intersection(a.geom, b.geom)) > 0""", community(4))).isZero();
    }

    @Test
    void aCellWhoseCodeNamesNoCommunityFindsItByContainment() throws Exception {
        // 340705001099 does not exist; the cell lies in community 5
        ImportReport r = run("contained.geojson", CELLS, f(strip(5, 30.5, 31), "code", "340705001099001", "name", "外码"));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.counts.read).isEqualTo(1);
        assertThat(r.warnings).singleElement().satisfies(w -> assertThat(w.message()).contains("parent found by containment").contains(community(5)));
        assertThat(cellsOf(5)).isEqualTo(1);
    }

    @Test
    void aDryRunOfAFirstGridWritesNothing() throws Exception {
        ImportReport r = run("dry.geojson", CELLS.withDryRun(true), halves(6));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.DRY_RUN);
        assertThat(r.seconds).doesNotContainKey("validate");
        assertThat(r.counts.inserted).isEqualTo(2);
        assertThat(cellsOf(6)).isZero();
    }

    /** Names with a tab, a newline, a backslash, quotes and characters beyond the BMP are stored the same by the binary COPY and the stage. */
    @Test
    void oddNamesAreStoredAlikeEitherWay() throws Exception {
        String odd = "网格\t一\n二\\三 \"引\" 𠀀𝌆 \\N";
        ImportReport direct = run("odd-direct.geojson", CELLS, f(strip(7, 30.5, 31), "code", community(7) + "001", "name", odd),
                f(strip(7, 31, 31.5), "code", community(7) + "002", "name", "\\."));
        assertThat(direct.seconds).doesNotContainKey("validate");
        // the names swapped, a day later: the community has cells now, so the stage writes the new versions
        ImportReport staged = run("odd-staged.geojson", CELLS.withEffectiveDate(START.plusDays(1)),
                f(strip(7, 30.5, 31), "code", community(7) + "001", "name", "\\."),
                f(strip(7, 31, 31.5), "code", community(7) + "002", "name", odd));
        assertThat(staged.seconds).containsKey("validate");
        assertThat(staged.counts.redrawn).isEqualTo(2);
        assertThat(Sql.text(ds, "SELECT name FROM grid_cell WHERE code = ? AND valid_to IS NOT NULL", community(7) + "001")).isEqualTo(odd);
        assertThat(Sql.text(ds, "SELECT name FROM grid_cell WHERE code = ? AND valid_to IS NULL", community(7) + "002")).isEqualTo(odd);
        assertThat(Sql.text(ds, "SELECT name FROM grid_cell WHERE code = ? AND valid_to IS NOT NULL", community(7) + "002")).isEqualTo("\\.");
        assertThat(Sql.text(ds, "SELECT name FROM grid_cell WHERE code = ? AND valid_to IS NULL", community(7) + "001")).isEqualTo("\\.");
    }
}
