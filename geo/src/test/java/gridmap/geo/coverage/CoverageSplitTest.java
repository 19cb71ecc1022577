package gridmap.geo.coverage;

import static gridmap.geo.coverage.CoverageCleanTest.A;
import static gridmap.geo.coverage.CoverageCleanTest.B;
import static gridmap.geo.coverage.Wkt.assertValidCoverage;
import static gridmap.geo.coverage.Wkt.assertWkt;
import static gridmap.geo.coverage.Wkt.assertWkts;
import static gridmap.geo.coverage.Wkt.list;
import static gridmap.geo.coverage.Wkt.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.EqualAreaMeasure;

class CoverageSplitTest {
    static final String TOP = CoverageValidateTest.top("117.02");
    static final String BOTTOM = CoverageValidateTest.bottom("117.02");
    static final List<Geometry> COVERAGE = list(A, B, TOP, BOTTOM);

    @Test
    void aLineAcrossAUnitSplitsItAndTheNeighboursGetTheNewVertices() {
        CoverageSplit.Result r = CoverageSplit.split(COVERAGE, 0, read("LINESTRING (117.012 30.995, 117.012 31.015)"));
        assertWkts(r.pieces(),
                "POLYGON ((117 31, 117.012 31, 117.012 31.01, 117 31.01, 117 31))",
                "POLYGON ((117.012 31, 117.02 31, 117.02 31.01, 117.012 31.01, 117.012 31))");
        assertThat(r.neighbours()).containsOnlyKeys(2, 3);
        assertWkt(r.neighbours().get(2), "POLYGON ((117 31.01, 117.012 31.01, 117.02 31.01, 117.04 31.01, 117.04 31.02, 117 31.02, 117 31.01))");
        assertWkt(r.neighbours().get(3), "POLYGON ((117 30.99, 117.04 30.99, 117.04 31, 117.02 31, 117.012 31, 117 31, 117 30.99))");
        assertValidCoverage(updated(COVERAGE, 0, r));
    }

    @Test
    void aSlantedLineCrossesOffTheGridAndBothSidesStillMatch() {
        Geometry line = read("LINESTRING (117 30.995, 117.0213 31.0153)");
        CoverageSplit.Result r = CoverageSplit.split(COVERAGE, 0, line);
        assertThat(r.pieces()).hasSize(2);
        List<Geometry> after = updated(COVERAGE, 0, r);
        assertValidCoverage(after);
        double before = EqualAreaMeasure.areaM2(read(A));
        assertThat(r.pieces().stream().mapToDouble(EqualAreaMeasure::areaM2).sum()).isCloseTo(before, within(0.01));
    }

    @Test
    void aZigZagCutsThreePiecesLargestFirst() {
        CoverageSplit.Result r = CoverageSplit.split(COVERAGE, 0, read("LINESTRING (117.005 30.99, 117.005 31.02, 117.015 31.02, 117.015 30.99)"));
        assertThat(r.pieces()).hasSize(3);
        assertThat(r.pieces().get(0).getArea()).isGreaterThan(r.pieces().get(1).getArea());
        assertValidCoverage(updated(COVERAGE, 0, r));
    }

    @Test
    void aLineThroughAHoleSplitsTheRingAroundIt() {
        String ring = "POLYGON ((117 31, 117.03 31, 117.03 31.03, 117 31.03, 117 31), (117.01 31.01, 117.02 31.01, 117.02 31.02, 117.01 31.02, 117.01 31.01))";
        String lake = "POLYGON ((117.01 31.01, 117.02 31.01, 117.02 31.02, 117.01 31.02, 117.01 31.01))";
        CoverageSplit.Result r = CoverageSplit.split(list(ring, lake), 0, read("LINESTRING (117.014 30.99, 117.014 31.04)"));
        assertThat(r.pieces()).hasSize(2);
        assertWkt(r.neighbours().get(1), "POLYGON ((117.01 31.01, 117.014 31.01, 117.02 31.01, 117.02 31.02, 117.014 31.02, 117.01 31.02, 117.01 31.01))");
        assertValidCoverage(updated(list(ring, lake), 0, r));
    }

    @Test
    void aLineThatDoesNotCrossIsRefused() {
        for (String wkt : List.of("LINESTRING (117.005 31.002, 117.015 31.008)", // inside, touching nothing
                "LINESTRING (117.005 30.995, 117.005 31.005)",                      // enters and stops
                "LINESTRING (117.1 31, 117.2 31.1)",                                // elsewhere
                "LINESTRING (117 31, 117.02 31)")) {                                // along the border
            assertThatThrownBy(() -> CoverageSplit.split(COVERAGE, 0, read(wkt))).as(wkt)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not cut unit 0");
        }
        assertThatThrownBy(() -> CoverageSplit.split(COVERAGE, 0, read("POINT (117 31)"))).hasMessageContaining("LineString");
        assertThatThrownBy(() -> CoverageSplit.split(COVERAGE, 7, read("LINESTRING (117 31, 117.02 31)"))).hasMessageContaining("no unit 7");
    }

    /** The coverage after the split: the unit replaced by its pieces, neighbours updated. */
    static List<Geometry> updated(List<Geometry> coverage, int unit, CoverageSplit.Result r) {
        List<Geometry> out = new ArrayList<>();
        for (int i = 0; i < coverage.size(); i++) {
            if (i != unit) out.add(r.neighbours().containsKey(i) ? r.neighbours().get(i) : coverage.get(i));
        }
        out.addAll(r.pieces());
        return out;
    }
}
