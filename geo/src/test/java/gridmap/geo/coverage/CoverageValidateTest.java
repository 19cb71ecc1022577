package gridmap.geo.coverage;

import static gridmap.geo.coverage.CoverageCleanTest.A;
import static gridmap.geo.coverage.CoverageCleanTest.B;
import static gridmap.geo.testing.Wkt.assertWkt;
import static gridmap.geo.testing.Wkt.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.coverage.CoverageValidate.Kind;
import gridmap.geo.coverage.CoverageValidate.Problem;
import gridmap.geo.testing.Wkt;

class CoverageValidateTest {
    /** A unit along the top (y 31.01–31.02) of A and B, with a vertex at each x where a unit below has one. */
    static String top(String... xs) {
        return "POLYGON ((117 31.01, " + String.join(" 31.01, ", xs) + " 31.01, 117.04 31.01, 117.04 31.02, 117 31.02, 117 31.01))";
    }

    /** The same along the bottom (y 30.99–31). */
    static String bottom(String... xs) {
        List<String> rev = new java.util.ArrayList<>(List.of(xs));
        java.util.Collections.reverse(rev);
        return "POLYGON ((117 30.99, 117.04 30.99, 117.04 31, " + String.join(" 31, ", rev) + " 31, 117 31, 117 30.99))";
    }

    @Test
    void aCleanCoverageHasNoProblem() {
        assertThat(CoverageValidate.validate(list(A, B, top("117.02"), bottom("117.02"))).isValid()).isTrue();
    }

    @Test
    void anInvalidPolygonIsNamedWithItsPoint() {
        String bowTie = "POLYGON ((117.02 31, 117.04 31.01, 117.04 31, 117.02 31.01, 117.02 31))";
        CoverageValidate.Result r = CoverageValidate.validate(list(A, bowTie));
        Problem p = r.of(Kind.INVALID_POLYGON).get(0);
        assertThat(p.units()).containsExactly(1);
        assertWkt(p.location(), "POINT (117.03 31.005)");
        assertThat(p.detail()).containsIgnoringCase("self-intersection");
    }

    @Test
    void anOverlapIsReportedWithItsArea() {
        String b = "POLYGON ((117.019 31, 117.04 31, 117.04 31.005, 117.019 31.005, 117.019 31))";
        CoverageValidate.Result r = CoverageValidate.validate(list(A, b));
        List<Problem> overlaps = r.of(Kind.OVERLAP);
        assertThat(overlaps).hasSize(1);
        assertThat(overlaps.get(0).units()).containsExactly(0, 1);
        assertWkt(overlaps.get(0).area(), "POLYGON ((117.019 31, 117.02 31, 117.02 31.005, 117.019 31.005, 117.019 31))");
        assertThat(overlaps.get(0).areaM2()).isCloseTo(95.4 * 555.9, within(300.0));
        assertThat(overlaps.get(0).location().within(overlaps.get(0).area())).isTrue();
        // the segments that run into the overlap lack a vertex, but that is the overlap's doing
        assertThat(r.of(Kind.MISMATCHED_EDGE)).isEmpty();
    }

    @Test
    void aUnitDuplicatedOrInsideAnotherOverlaps() {
        String inside = "POLYGON ((117.005 31.002, 117.01 31.002, 117.01 31.004, 117.005 31.002))";
        assertThat(CoverageValidate.validate(list(A, inside)).of(Kind.OVERLAP)).singleElement()
                .satisfies(p -> assertWkt(p.area(), inside));
        assertThat(CoverageValidate.validate(list(A, A)).of(Kind.OVERLAP)).singleElement()
                .satisfies(p -> assertWkt(p.area(), A));
    }

    @Test
    void aVertexOnOneSideOfABorderOnlyIsAMismatchedEdge() {
        String bWithExtraVertex = "POLYGON ((117.02 31, 117.04 31, 117.04 31.01, 117.02 31.01, 117.02 31.005, 117.02 31))";
        CoverageValidate.Result r = CoverageValidate.validate(list(A, bWithExtraVertex));
        assertThat(r.of(Kind.OVERLAP)).isEmpty();
        List<Problem> edges = r.of(Kind.MISMATCHED_EDGE);
        assertThat(edges).extracting(Problem::units).containsExactly(List.of(0, 1), List.of(1, 0));
        assertWkt(edges.get(0).location(), "LINESTRING (117.02 31, 117.02 31.01)");
        assertWkt(edges.get(1).location(), "LINESTRING (117.02 31.01, 117.02 31.005, 117.02 31)");
    }

    @Test
    void aNarrowGapIsReportedWithTheUnitsAroundIt() {
        String b = "POLYGON ((117.0205 31, 117.04 31, 117.04 31.01, 117.0208 31.01, 117.0205 31))";
        List<Geometry> units = list(A, b, top("117.02", "117.0208"), bottom("117.02", "117.0205"));
        CoverageValidate.Result r = CoverageValidate.validate(units);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.GAP);
            assertThat(p.units()).containsExactly(0, 1, 2, 3);
            assertWkt(p.area(), "POLYGON ((117.02 31, 117.0205 31, 117.0208 31.01, 117.02 31.01, 117.02 31))");
        });
        assertThat(new CoverageValidate(units).setGapWidth(0).validate().isValid()).isTrue();
    }

    @Test
    void aHoleOfTheParentIsNotAGap() {
        String b = "POLYGON ((117.0205 31, 117.04 31, 117.04 31.01, 117.0208 31.01, 117.0205 31))";
        List<Geometry> units = list(A, b, top("117.02", "117.0208"), bottom("117.02", "117.0205"));
        Geometry parentWithThatHole = Wkt.read("POLYGON ((117 30.99, 117.04 30.99, 117.04 31.02, 117 31.02, 117 30.99),"
                + " (117.02 31, 117.0205 31, 117.0208 31.01, 117.02 31.01, 117.02 31))");
        assertThat(new CoverageValidate(units).setParent(parentWithThatHole).validate().isValid()).isTrue();
        Geometry parentWithoutHoles = Wkt.read("POLYGON ((117 30.99, 117.04 30.99, 117.04 31.02, 117 31.02, 117 30.99))");
        assertThat(new CoverageValidate(units).setParent(parentWithoutHoles).validate().of(Kind.GAP)).hasSize(1);
    }

    @Test
    void aGapWiderThanTheGapWidthIsNotAProblem() {
        String b = "POLYGON ((117.025 31, 117.04 31, 117.04 31.01, 117.025 31.01, 117.025 31))";
        List<Geometry> units = list(A, b, top("117.02", "117.025"), bottom("117.02", "117.025"));
        assertThat(CoverageValidate.validate(units).isValid()).isTrue();
        assertThat(new CoverageValidate(units).setGapWidth(500).validate().of(Kind.GAP)).hasSize(1);
    }

    @Test
    void theAnhuiCitiesAsPublishedAndAfterCleaning() {
        Map<String, List<AnhuiData.District>> byCity = AnhuiData.byCity();
        List<Geometry> tongling = byCity.get("铜陵").stream().map(AnhuiData.District::geometry).toList();
        CoverageValidate.Result raw = CoverageValidate.validate(tongling);
        assertThat(raw.of(Kind.INVALID_POLYGON)).isNotEmpty();
        assertThat(raw.of(Kind.OVERLAP)).isNotEmpty().allSatisfy(p -> assertThat(p.units()).containsExactly(0, 2));

        List<Geometry> hefei = byCity.get("合肥").stream().map(AnhuiData.District::geometry).toList();
        assertThat(CoverageValidate.validate(hefei).of(Kind.MISMATCHED_EDGE)).isNotEmpty();

        for (var city : byCity.values()) {
            List<Geometry> cleaned = CoverageClean.clean(city.stream().map(AnhuiData.District::geometry).toList()).cleaned();
            assertThat(CoverageValidate.validate(cleaned).problems()).as(city.get(0).city()).isEmpty();
        }
    }
}
