package gridmap.data.io;

import static gridmap.data.io.ImportFixtures.box;
import static gridmap.data.io.ImportFixtures.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.data.Sql;
import gridmap.geo.EqualAreaMeasure;

/**
 * The one-time cleaning at entry on hand-made coverages, as an import reports and stores it: an
 * overlap given to one neighbour, a sliver gap closed, a wide gap kept and reported, a hole that
 * touches its shell at a vertex filled by an enclave, and a unit that would vanish reported and
 * refused rather than dropped. Each scenario is a city of its own.
 */
class CleaningReportTest {
    static DataSource ds;
    static Path dir;

    /** City n is the square degree at longitude 100 + n. */
    static String city(int n) { return String.format(Locale.ROOT, "34%02d00", n); }

    @BeforeAll
    static void cities() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("cleaning");
        ImportFixtures.F[] cs = new ImportFixtures.F[5];
        for (int n = 1; n <= 5; n++) cs[n - 1] = f(box(100 + n, 30, 101 + n, 31), "code", city(n), "name", "市" + n);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "cities.geojson", cs), ImportOptions.of(ImportTarget.UNITS).withLevel("city"));
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    static ImportReport districts(int n, ImportFixtures.F... fs) throws Exception {
        return ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "d" + n + ".geojson", fs), ImportOptions.of(ImportTarget.UNITS));
    }

    static String code(int n, int k) { return city(n).substring(0, 4) + String.format("%02d", k); }

    static List<Geometry> stored(int n) throws Exception {
        return ImportFixtures.geoms(ImportFixtures.currentUnits(ds, "district").values().stream().filter(u -> u.parentCode().equals(city(n))).toList());
    }

    static void validCoverage(int n) throws Exception {
        Geometry[] g = stored(n).toArray(Geometry[]::new);
        for (Geometry x : g) assertThat(x.isValid()).isTrue();
        assertThat(CoverageValidator.validate(g)).containsOnlyNulls();
    }

    @Test
    void anOverlapGoesToOneNeighbourAndIsReported() throws Exception {
        double x = 101;
        ImportReport r = districts(1, f(box(x, 30, x + 0.51, 31), "code", code(1, 1), "name", "西区"), f(box(x + 0.5, 30, x + 1, 31), "code", code(1, 2), "name", "东区"));
        assertThat(r.cleaning.changed).hasSize(1);
        ImportReport.Group g = r.cleaning.changed.get(0);
        assertThat(g.parent()).isEqualTo(city(1));
        double stripM2 = EqualAreaMeasure.areaM2(new org.locationtech.jts.io.WKTReader().read(box(x + 0.5, 30, x + 0.51, 31)));
        assertThat(g.units()).hasSize(1);
        assertThat(g.units().get(0).movedOutM2()).isCloseTo(stripM2, within(stripM2 * 0.01));
        assertThat(g.units().get(0).movedOut()).contains("Polygon");
        validCoverage(1);
        List<Geometry> s = stored(1);
        assertThat(EqualAreaMeasure.areaM2(OverlayNGRobust.overlay(s.get(0), s.get(1), org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION))).isLessThan(1);
    }

    /** East unit with a notch of the given width (degrees) along the shared border, from 30.4 to 30.5. */
    static String notched(double x, double w) {
        return String.format(Locale.ROOT, "POLYGON ((%s 30, %s 30, %s 31, %s 31, %s 30.5, %s 30.5, %s 30.4, %s 30.4, %s 30))",
                x + 0.5, x + 1, x + 1, x + 0.5, x + 0.5, x + 0.5 + w, x + 0.5 + w, x + 0.5, x + 0.5);
    }

    @Test
    void aSliverGapIsClosedIntoANeighbour() throws Exception {
        double x = 102;
        ImportReport r = districts(2, f(box(x, 30, x + 0.5, 31), "code", code(2, 1), "name", "西区"), f(notched(x, 0.0005), "code", code(2, 2), "name", "东区"));
        ImportReport.Group g = r.cleaning.changed.get(0);
        assertThat(g.gapsKept()).isEmpty();
        assertThat(g.units().stream().mapToDouble(ImportReport.Moved::movedInM2).sum()).isGreaterThan(400_000); // 0.0005° × 0.1° ≈ 48 m × 11 km
        validCoverage(2);
        assertThat(EqualAreaMeasure.areaM2(OverlayNGRobust.union(stored(2)))).isCloseTo(EqualAreaMeasure.areaM2(new org.locationtech.jts.io.WKTReader().read(box(x, 30, x + 1, 31))), within(10.0));
    }

    @Test
    void aWideGapIsKeptAndReported() throws Exception {
        double x = 103;
        ImportReport r = districts(3, f(box(x, 30, x + 0.5, 31), "code", code(3, 1), "name", "西区"), f(notched(x, 0.01), "code", code(3, 2), "name", "东区"));
        assertThat(r.cleaning.changed).hasSize(1);
        ImportReport.Gap gap = r.cleaning.changed.get(0).gapsKept().get(0);
        assertThat(gap.widthM()).isBetween(800.0, 1100.0);
        assertThat(gap.areaM2()).isGreaterThan(9_000_000);
        assertThat(gap.geometry()).contains("Polygon");
        validCoverage(3);
    }

    @Test
    void aHoleTouchingItsShellAtAVertexFilledByAnEnclave() throws Exception {
        double x = 104;
        String holed = String.format(Locale.ROOT, "POLYGON ((%s 30, %s 30, %s 31, %s 31, %s 30), (%s 30, %s 30.5, %s 30.5, %s 30))",
                x, x + 1, x + 1, x, x, x + 0.5, x + 0.7, x + 0.3, x + 0.5);
        String enclave = String.format(Locale.ROOT, "POLYGON ((%s 30, %s 30.5, %s 30.5, %s 30))", x + 0.5, x + 0.7, x + 0.3, x + 0.5);
        ImportReport r = districts(4, f(holed, "code", code(4, 1), "name", "外区"), f(enclave, "code", code(4, 2), "name", "飞地"));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.counts.inserted).isEqualTo(2);
        validCoverage(4);
        assertThat(EqualAreaMeasure.areaM2(OverlayNGRobust.union(stored(4)))).isCloseTo(EqualAreaMeasure.areaM2(new org.locationtech.jts.io.WKTReader().read(box(x, 30, x + 1, 31))), within(10.0));
    }

    @Test
    void aUnitThatWouldVanishIsReportedNotDropped() throws Exception {
        double x = 105;
        String before = ImportFixtures.fingerprint(ds);
        ImportException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, () -> districts(5,
                f(box(x, 30, x + 1, 31), "code", code(5, 1), "name", "全区"), f(box(x + 0.4, 30.4, x + 0.45, 30.45), "code", code(5, 2), "name", "小区")));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.report.errors).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo(code(5, 2));
            assertThat(i.message()).contains("vanishes in the coverage cleaning");
        });
        assertThat(e.report.cleaning.changed.get(0).vanished()).containsExactly(code(5, 2));
        assertThat(ImportFixtures.fingerprint(ds)).isEqualTo(before);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code LIKE '3405%' AND level = 'district'")).isZero();
    }
}
