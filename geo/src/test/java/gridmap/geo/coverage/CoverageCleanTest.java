package gridmap.geo.coverage;

import static gridmap.geo.testing.Wkt.assertValidCoverage;
import static gridmap.geo.testing.Wkt.assertWkt;
import static gridmap.geo.testing.Wkt.assertWkts;
import static gridmap.geo.testing.Wkt.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.testing.Wkt;

/** Hand-made coverages near (117°E, 31°N): 0.01° is about 950 m east–west and 1,110 m north–south. */
class CoverageCleanTest {
    static final String A = "POLYGON ((117 31, 117.02 31, 117.02 31.01, 117 31.01, 117 31))";
    static final String B = "POLYGON ((117.02 31, 117.04 31, 117.04 31.01, 117.02 31.01, 117.02 31))";
    /** A frame of four units around a hole 117.02–117.0205 (B's edge slants to 117.0208 at the top). */
    static final String TOP = "POLYGON ((117 31.01, 117.04 31.01, 117.04 31.02, 117 31.02, 117 31.01))";
    static final String BOTTOM = "POLYGON ((117 30.99, 117.04 30.99, 117.04 31, 117 31, 117 30.99))";

    @Test
    void aCleanCoverageIsLeftAsItIs() {
        CoverageClean.Result r = CoverageClean.clean(list(A, B));
        assertWkts(r.cleaned(), A, B);
        assertThat(r.changes()).noneMatch(CoverageClean.UnitChange::changed);
        assertThat(r.gapsKept()).isEmpty();
        assertThat(r.vanished()).isEmpty();
    }

    @Test
    void anOverlapGoesToTheNeighbourWithTheLongestBorder() {
        // B reaches 0.001° into A along half of A's height: the overlap touches A on two sides, B on one
        String b = "POLYGON ((117.019 31, 117.04 31, 117.04 31.005, 117.019 31.005, 117.019 31))";
        CoverageClean.Result r = CoverageClean.clean(list(A, b));
        assertWkts(r.cleaned(),
                "POLYGON ((117 31, 117.019 31, 117.02 31, 117.02 31.005, 117.02 31.01, 117 31.01, 117 31))",
                "POLYGON ((117.02 31, 117.04 31, 117.04 31.005, 117.02 31.005, 117.02 31))");
        assertValidCoverage(r.cleaned());
        CoverageClean.UnitChange lost = r.changes().get(1);
        assertWkt(lost.movedOut(), "POLYGON ((117.019 31, 117.02 31, 117.02 31.005, 117.019 31.005, 117.019 31))");
        assertThat(lost.movedOutM2()).isCloseTo(95.4 * 555.9, within(300.0));
        assertThat(lost.movedIn().isEmpty()).isTrue();
        assertThat(lost.areaAfterM2()).isCloseTo(lost.areaBeforeM2() - lost.movedOutM2(), within(1.0));
        assertThat(r.changes().get(0).changed()).isFalse();
    }

    @Test
    void aSliverGapGoesToTheNeighbourWithTheLongestBorder() {
        String b = "POLYGON ((117.0205 31, 117.04 31, 117.04 31.01, 117.0208 31.01, 117.0205 31))";
        CoverageClean.Result r = CoverageClean.clean(list(A, b, TOP, BOTTOM));
        assertWkts(r.cleaned(), A,
                "POLYGON ((117.02 31, 117.0205 31, 117.04 31, 117.04 31.01, 117.0208 31.01, 117.02 31.01, 117.02 31))",
                "POLYGON ((117 31.01, 117.02 31.01, 117.0208 31.01, 117.04 31.01, 117.04 31.02, 117 31.02, 117 31.01))",
                "POLYGON ((117 30.99, 117.04 30.99, 117.04 31, 117.0205 31, 117.02 31, 117 31, 117 30.99))");
        assertValidCoverage(r.cleaned());
        assertThat(r.gapsKept()).isEmpty();
        assertWkt(r.changes().get(1).movedIn(), "POLYGON ((117.02 31, 117.0205 31, 117.0208 31.01, 117.02 31.01, 117.02 31))");
    }

    @Test
    void aGapWiderThanTheGapWidthStaysOpenAndIsReported() {
        String b = "POLYGON ((117.025 31, 117.04 31, 117.04 31.01, 117.025 31.01, 117.025 31))";
        CoverageClean.Result r = CoverageClean.clean(list(A, b, TOP, BOTTOM));
        assertWkt(r.cleaned().get(1), b);
        assertThat(r.gapsKept()).hasSize(1);
        CoverageClean.Gap gap = r.gapsKept().get(0);
        assertWkt(gap.polygon(), "POLYGON ((117.02 31, 117.025 31, 117.025 31.01, 117.02 31.01, 117.02 31))");
        assertThat(gap.widthM()).isCloseTo(477, within(3.0));
        assertThat(gap.areaM2()).isCloseTo(477.0 * 1112, within(2000.0));
        assertValidCoverage(r.cleaned());

        CoverageClean.Result wider = new CoverageClean(list(A, b, TOP, BOTTOM)).setGapWidth(500).clean();
        assertThat(wider.gapsKept()).isEmpty();
        assertThat(wider.changes().stream().mapToDouble(CoverageClean.UnitChange::movedInM2).sum()).isCloseTo(gap.areaM2(), within(1.0));
    }

    @Test
    void aHoleTouchingTheShellAtAVertexKeepsItsFillingUnit() {
        String withHole = "POLYGON ((117 31, 117.03 31, 117.03 31.03, 117 31.03, 117 31),"
                + " (117 31.015, 117.01 31.01, 117.01 31.02, 117 31.015))";
        String filling = "POLYGON ((117 31.015, 117.01 31.01, 117.01 31.02, 117 31.015))";
        CoverageClean.Result r = CoverageClean.clean(list(withHole, filling));
        // the shell gains the vertex where the hole touches it, so the coverage is edge-matched
        assertWkts(r.cleaned(), "POLYGON ((117 31, 117.03 31, 117.03 31.03, 117 31.03, 117 31.015, 117 31),"
                + " (117 31.015, 117.01 31.01, 117.01 31.02, 117 31.015))", filling);
        assertValidCoverage(r.cleaned());
    }

    @Test
    void twoHolesTouchingAtAVertexEachFilledByAUnit() {
        String withHoles = "POLYGON ((117 31, 117.03 31, 117.03 31.03, 117 31.03, 117 31),"
                + " (117.01 31.01, 117.015 31.015, 117.01 31.02, 117.01 31.01),"
                + " (117.015 31.015, 117.02 31.01, 117.02 31.02, 117.015 31.015))";
        String left = "POLYGON ((117.01 31.01, 117.015 31.015, 117.01 31.02, 117.01 31.01))";
        String right = "POLYGON ((117.015 31.015, 117.02 31.01, 117.02 31.02, 117.015 31.015))";
        CoverageClean.Result r = CoverageClean.clean(list(withHoles, left, right));
        assertWkts(r.cleaned(), withHoles, left, right);
        assertValidCoverage(r.cleaned());
    }

    @Test
    void aNarrowHoleTouchingTheShellIsClosed() {
        String withHole = "POLYGON ((117 31, 117.03 31, 117.03 31.03, 117 31.03, 117 31),"
                + " (117 31.015, 117.001 31.0145, 117.001 31.0155, 117 31.015))";
        CoverageClean.Result r = CoverageClean.clean(list(withHole));
        assertWkts(r.cleaned(), "POLYGON ((117 31, 117.03 31, 117.03 31.03, 117 31.03, 117 31.015, 117 31))");
        assertThat(r.changes().get(0).movedInM2()).isCloseTo(95.4 * 111.2 / 2, within(100.0));
    }

    @Test
    void aUnitInsideItsNeighboursVanishesAndIsReported() {
        String c = "POLYGON ((117.0195 31.002, 117.0205 31.002, 117.0205 31.008, 117.0195 31.008, 117.0195 31.002))";
        CoverageClean.Result r = CoverageClean.clean(list(A, B, c));
        assertThat(r.vanished()).containsExactly(2);
        assertThat(r.cleaned().get(2).isEmpty()).isTrue();
        assertThat(r.cleaned().get(2).getGeometryType()).isEqualTo("MultiPolygon");
        CoverageClean.UnitChange gone = r.changes().get(2);
        assertThat(gone.areaAfterM2()).isZero();
        assertThat(gone.movedOutM2()).isCloseTo(gone.areaBeforeM2(), within(1.0));
        // the pieces carry the nodes where A and B's border crosses C
        assertWkt(gone.movedOut(), "POLYGON ((117.0195 31.002, 117.02 31.002, 117.0205 31.002, 117.0205 31.008, 117.02 31.008, 117.0195 31.008, 117.0195 31.002))");
        assertWkts(r.cleaned().subList(0, 2),
                "POLYGON ((117 31, 117.02 31, 117.02 31.002, 117.02 31.008, 117.02 31.01, 117 31.01, 117 31))",
                "POLYGON ((117.02 31, 117.04 31, 117.04 31.01, 117.02 31.01, 117.02 31.008, 117.02 31.002, 117.02 31))");
        assertValidCoverage(r.cleaned());
    }

    @Test
    void aSliverThinnerThanTheGridVanishesAndIsReported() {
        String needle = "POLYGON ((117.1 31, 117.2 31, 117.2 31.000000001, 117.1 31))";
        CoverageClean.Result r = CoverageClean.clean(list(A, needle));
        assertThat(r.vanished()).containsExactly(1);
        assertThat(r.changes().get(1).areaBeforeM2()).isPositive();
        assertWkt(r.cleaned().get(0), A);
    }

    @Test
    void duplicatesKeepOneAndReportTheOther() {
        CoverageClean.Result r = CoverageClean.clean(list(A, A));
        assertWkt(r.cleaned().get(0), A);
        assertThat(r.vanished()).containsExactly(1);
    }

    @Test
    void invalidInputIsRepairedFirst() {
        String bowTie = "POLYGON ((117 31, 117.02 31.01, 117.02 31, 117 31.01, 117 31))";
        CoverageClean.Result r = CoverageClean.clean(list(bowTie));
        assertWkt(r.cleaned().get(0), "MULTIPOLYGON (((117 31, 117 31.01, 117.01 31.005, 117 31)), ((117.01 31.005, 117.02 31.01, 117.02 31, 117.01 31.005)))");
        assertThat(r.changes().get(0).areaBeforeM2()).isCloseTo(r.changes().get(0).areaAfterM2(), within(1.0));
    }

    @Test
    void emptyInputVanishesAndKeepsItsPlace() {
        CoverageClean.Result r = CoverageClean.clean(list("POLYGON EMPTY", A));
        assertThat(r.vanished()).containsExactly(0);
        assertWkt(r.cleaned().get(1), A);
        assertThat(r.changes()).extracting(CoverageClean.UnitChange::index).containsExactly(0, 1);
    }

    @Test
    void refusesWhatIsNotPolygonal() {
        List<Geometry> in = list(A, "LINESTRING (117 31, 117.1 31.1)");
        assertThatThrownBy(() -> CoverageClean.clean(in)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 1").hasMessageContaining("LineString");
        assertThatThrownBy(() -> CoverageClean.clean(list("POLYGON ((200 31, 201 31, 201 32, 200 31))")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> new CoverageClean(list(A)).setGapWidth(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoverageClean(list(A)).setGridSize(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
