package gridmap.geo.coverage;

import static gridmap.geo.coverage.CoverageCleanTest.A;
import static gridmap.geo.coverage.CoverageCleanTest.B;
import static gridmap.geo.testing.Wkt.assertValidCoverage;
import static gridmap.geo.testing.Wkt.assertWkt;
import static gridmap.geo.testing.Wkt.list;
import static gridmap.geo.testing.Wkt.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

import gridmap.geo.testing.Wkt;

class EdgeRedrawTest {
    static final List<Geometry> COVERAGE = CoverageSplitTest.COVERAGE; // A, B, and a unit along the top and the bottom
    static final String BORDER = "LINESTRING (117.02 31, 117.02 31.01)";

    static EdgeRedraw.Result redraw(String oldPath, String newPath) {
        return EdgeRedraw.redraw(COVERAGE, 0, 1, (LineString) read(oldPath), (LineString) read(newPath));
    }

    @Test
    void theSharedBorderIsWhatAPlannerDrags() {
        assertThat(EdgeRedraw.sharedPaths(COVERAGE.get(0), COVERAGE.get(1))).singleElement()
                .satisfies(p -> assertThat(p.norm().equalsExact(read(BORDER).norm())).isTrue());
        assertThat(EdgeRedraw.sharedPaths(COVERAGE.get(0), read(CoverageMergeTest.cell(5, 5)))).isEmpty();
    }

    @Test
    void bothNeighboursChangeTogether() {
        EdgeRedraw.Result r = redraw(BORDER, "LINESTRING (117.02 31, 117.025 31.005, 117.02 31.01)");
        assertWkt(r.a(), "POLYGON ((117 31, 117.02 31, 117.025 31.005, 117.02 31.01, 117 31.01, 117 31))");
        assertWkt(r.b(), "POLYGON ((117.02 31, 117.04 31, 117.04 31.01, 117.02 31.01, 117.025 31.005, 117.02 31))");
        assertWkt(r.movedToA(), "POLYGON ((117.02 31, 117.025 31.005, 117.02 31.01, 117.02 31))");
        assertThat(r.movedToB().isEmpty()).isTrue();
        assertThat(r.movedToAM2()).isCloseTo(0.5 * 477 * 1112, within(1000.0));
        assertValidCoverage(List.of(r.a(), r.b(), COVERAGE.get(2), COVERAGE.get(3)));
    }

    @Test
    void aPathThatCrossesTheOldOneMovesLandBothWays() {
        EdgeRedraw.Result r = redraw("LINESTRING (117.02 31.01, 117.02 31)", "LINESTRING (117.02 31.01, 117.015 31.007, 117.025 31.003, 117.02 31)");
        assertThat(r.movedToAM2()).isPositive();
        // mirror images in degrees, 0.004° of latitude apart: equal to 1e-4
        assertThat(r.movedToBM2()).isCloseTo(r.movedToAM2(), within(20.0));
        assertValidCoverage(List.of(r.a(), r.b(), COVERAGE.get(2), COVERAGE.get(3)));
    }

    @Test
    void theNewPathIsPutOnTheGrid() {
        EdgeRedraw.Result r = redraw(BORDER, "LINESTRING (117.02 31, 117.0250000000004 31.0049999999996, 117.02 31.01)");
        assertWkt(r.a(), "POLYGON ((117 31, 117.02 31, 117.025 31.005, 117.02 31.01, 117 31.01, 117 31))");
    }

    @Test
    void badPathsAreRefused() {
        assertThatThrownBy(() -> redraw(BORDER, "LINESTRING (117.02 31, 117.03 31.015, 117.02 31.01)"))
                .as("into the unit along the top").hasMessageContaining("leaves the two units");
        assertThatThrownBy(() -> redraw(BORDER, "LINESTRING (117.02 31, 117.03 31, 117.02 31.01)"))
                .as("along the bottom border").hasMessageContaining("touches another border");
        assertThatThrownBy(() -> redraw(BORDER, "LINESTRING (117.02 31, 117 31.005, 117.02 31.01)"))
                .as("to A's outer edge").hasMessageContaining("touches another border");
        assertThatThrownBy(() -> redraw(BORDER, "LINESTRING (117.02 31, 117.025 31.008, 117.025 31.002, 117.02 31.01)"))
                .hasMessageContaining("crosses itself");
        assertThatThrownBy(() -> redraw(BORDER, "LINESTRING (117.02 31, 117.025 31.011)"))
                .hasMessageContaining("start and end where the old path does");
        assertThatThrownBy(() -> redraw("LINESTRING (117 31, 117.02 31)", "LINESTRING (117 31, 117.01 31.001, 117.02 31)"))
                .hasMessageContaining("not a border of unit b");
        assertThatThrownBy(() -> EdgeRedraw.redraw(COVERAGE, 0, 0, (LineString) read(BORDER), (LineString) read(BORDER)))
                .hasMessageContaining("two different units");
    }
}
