package gridmap.geo.coverage;

import static gridmap.geo.coverage.CoverageCleanTest.A;
import static gridmap.geo.coverage.CoverageCleanTest.B;
import static gridmap.geo.testing.Wkt.assertWkt;
import static gridmap.geo.testing.Wkt.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.testing.Wkt;

class CoverageMergeTest {
    /** Square cells 0.01° wide with their south-west corners at (117 + x/100, 31 + y/100). */
    static String cell(int x, int y) {
        String x0 = coord(117, x), x1 = coord(117, x + 1), y0 = coord(31, y), y1 = coord(31, y + 1);
        return "POLYGON ((" + x0 + " " + y0 + ", " + x1 + " " + y0 + ", " + x1 + " " + y1 + ", " + x0 + " " + y1 + ", " + x0 + " " + y0 + "))";
    }

    private static String coord(int base, int hundredths) {
        return java.math.BigDecimal.valueOf(base * 100L + hundredths, 2).toPlainString();
    }

    @Test
    void neighboursMergeByDroppingTheirSharedEdge() {
        CoverageMerge.Result r = CoverageMerge.merge(list(A, B));
        List<Geometry> cells = list(A, B);
        assertWkt(r.merged(), "POLYGON ((117 31, 117.02 31, 117.04 31, 117.04 31.01, 117.02 31.01, 117 31.01, 117 31))");
        assertThat(r.overlayFallback()).isFalse();
        assertThat(r.fallbackReason()).isNull();
        assertThat(r.areaM2()).isCloseTo(partsAreaM2(cells), within(1e-3));
    }

    @Test
    void holesTouchingAtAVertexMakeCoverageUnionInvalidSoTheOverlayIsUsed() {
        // a 4×4 block of cells without (1,1) and (2,2): two holes that touch at (117.02 31.02)
        List<Geometry> cells = new ArrayList<>();
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) if (!(x == 1 && y == 1) && !(x == 2 && y == 2)) cells.add(Wkt.read(cell(x, y)));
        }
        assertThat(CoverageUnion.union(cells.toArray(Geometry[]::new)).isValid()).as("the JTS 1.20.0 defect this guards against").isFalse();

        CoverageMerge.Result r = CoverageMerge.merge(cells);
        assertThat(r.overlayFallback()).isTrue();
        assertThat(r.fallbackReason()).contains("invalid");
        assertThat(r.merged().isValid()).isTrue();
        assertWkt(r.merged(), "POLYGON ((117 31, 117 31.01, 117 31.02, 117 31.03, 117 31.04, 117.01 31.04, 117.02 31.04, 117.03 31.04,"
                + " 117.04 31.04, 117.04 31.03, 117.04 31.02, 117.04 31.01, 117.04 31, 117.03 31, 117.02 31, 117.01 31, 117 31),"
                + " (117.01 31.01, 117.02 31.01, 117.02 31.02, 117.01 31.02, 117.01 31.01),"
                + " (117.02 31.02, 117.03 31.02, 117.03 31.03, 117.02 31.03, 117.02 31.02))");
        assertThat(r.areaM2()).isCloseTo(partsAreaM2(cells), within(1e-3));
    }

    static double partsAreaM2(List<Geometry> parts) {
        return parts.stream().mapToDouble(EqualAreaMeasure::areaM2).sum();
    }

    @Test
    void overlappingOrInvalidUnitsAreRefused() {
        String b = "POLYGON ((117.019 31, 117.04 31, 117.04 31.005, 117.019 31.005, 117.019 31))";
        assertThatThrownBy(() -> CoverageMerge.merge(list(A, b))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        String bowTie = "POLYGON ((117.02 31, 117.04 31.01, 117.04 31, 117.02 31.01, 117.02 31))";
        assertThatThrownBy(() -> CoverageMerge.merge(list(A, bowTie))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid polygons").hasMessageContaining("clean");
    }

    @Test
    void contiguityNeedsAnEdgeNotACorner() {
        assertThat(Contiguity.isContiguous(list(cell(0, 0), cell(1, 0)))).isTrue();
        assertThat(Contiguity.isContiguous(list(cell(0, 0), cell(1, 1)))).isFalse();
        assertThat(Contiguity.isContiguous(list(cell(0, 0), cell(1, 1), cell(1, 0)))).isTrue();
        assertThat(Contiguity.groups(list(cell(0, 0), cell(2, 0), cell(1, 1), cell(2, 1))))
                .containsExactly(List.of(0), List.of(1, 2, 3));
        List<Contiguity.Border> borders = Contiguity.borders(list(cell(0, 0), cell(1, 0), cell(0, 1)));
        assertThat(borders).extracting(Contiguity.Border::a, Contiguity.Border::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(0, 2));
        assertThat(borders.get(0).lengthM()).isCloseTo(1112, within(2.0));
        assertThat(borders.get(1).lengthM()).isCloseTo(953, within(2.0));
    }

    @Test
    void anIslandUnitStillMergesWithItsNeighbour() {
        String withIsland = "MULTIPOLYGON (((117 31, 117.01 31, 117.01 31.01, 117 31.01, 117 31)), ((117.05 31, 117.06 31, 117.06 31.01, 117.05 31)))";
        assertThat(Contiguity.isContiguous(list(withIsland, cell(1, 0)))).isTrue();
        assertThat(CoverageMerge.merge(list(withIsland, cell(1, 0))).merged().getNumGeometries()).isEqualTo(2);
    }

    @Test
    void theCleanedAnhuiDistrictsMergeIntoTheirCities() {
        Map<String, Geometry> outlines = AnhuiData.cityOutlines();
        int fellBack = 0;
        for (var city : AnhuiData.byCity().entrySet()) {
            List<Geometry> raw = city.getValue().stream().map(AnhuiData.District::geometry).toList();
            List<Geometry> cleaned = CoverageClean.clean(raw).cleaned();
            assertThat(Contiguity.isContiguous(cleaned)).as(city.getKey()).isTrue();
            CoverageMerge.Result r = CoverageMerge.merge(cleaned);
            if (r.overlayFallback()) fellBack++;
            assertThat(r.merged().isValid()).isTrue();
            Geometry outline = GeometryFixer.fix(outlines.get(city.getKey()));
            double symDiff = EqualAreaMeasure.areaM2(OverlayNGRobust.overlay(r.merged(), outline, OverlayNG.SYMDIFFERENCE));
            assertThat(symDiff / EqualAreaMeasure.areaM2(outline)).as(city.getKey()).isLessThan(0.001);
        }
        assertThat(fellBack).isZero();
    }

    @Test
    void theRawAnhuiDistrictsAreMergedWithTheFallbackOrRefusedWhenTheyOverlap() {
        Map<String, List<AnhuiData.District>> byCity = AnhuiData.byCity();
        List<Geometry> hefei = byCity.get("合肥").stream().map(d -> GeometryFixer.fix(d.geometry())).toList();
        CoverageMerge.Result r = CoverageMerge.merge(hefei);
        // 合肥's borders miss vertices: CoverageUnion's polygon is invalid, the overlay's is not
        assertThat(r.overlayFallback()).isTrue();
        assertThat(r.merged().isValid()).isTrue();
        List<Geometry> tongling = byCity.get("铜陵").stream().map(d -> GeometryFixer.fix(d.geometry())).toList();
        assertThatThrownBy(() -> CoverageMerge.merge(tongling)).hasMessageContaining("overlap");
    }
}
