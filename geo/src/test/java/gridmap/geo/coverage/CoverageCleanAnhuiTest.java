package gridmap.geo.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.testing.Wkt;

/** The published Anhui districts, cleaned city by city (real data with real defects). */
class CoverageCleanAnhuiTest {
    @Test
    void everyCityBecomesAValidCoverageMatchingItsOutline() {
        Map<String, List<AnhuiData.District>> byCity = AnhuiData.byCity();
        Map<String, Geometry> outlines = AnhuiData.cityOutlines();
        assertThat(byCity).hasSize(16);
        int invalidBefore = 0, citiesInvalidBefore = 0, slivers = 0;
        List<CoverageClean.Gap> kept = new ArrayList<>();
        for (var city : byCity.entrySet()) {
            List<Geometry> districts = city.getValue().stream().map(AnhuiData.District::geometry).toList();
            invalidBefore += (int) districts.stream().filter(g -> !g.isValid()).count();
            Geometry[] repaired = districts.stream().map(GeometryFixer::fix).toArray(Geometry[]::new);
            if (!CoverageValidator.isValid(repaired)) citiesInvalidBefore++;

            CoverageClean.Result r = CoverageClean.clean(districts);

            assertThat(r.vanished()).as(city.getKey()).isEmpty();
            Wkt.assertValidCoverage(r.cleaned());
            Geometry outline = outlines.get(city.getKey());
            Geometry union = ExactUnion.union(r.cleaned(), CoverageClean.grid(CoverageClean.DEFAULT_GRID_SIZE)).geometry();
            double symDiff = EqualAreaMeasure.areaM2(OverlayNGRobust.overlay(union, GeometryFixer.fix(outline), OverlayNG.SYMDIFFERENCE));
            assertThat(symDiff / EqualAreaMeasure.areaM2(outline)).as(city.getKey() + " against its outline").isLessThan(0.001);
            slivers += (int) r.changes().stream().filter(c -> c.movedInM2() > 0).count();
            kept.addAll(r.gapsKept());
        }
        assertThat(invalidBefore).isEqualTo(62);
        assertThat(citiesInvalidBefore).isEqualTo(3);
        assertThat(slivers).as("units that received a closed sliver").isGreaterThanOrEqualTo(6);
        // the holes left open are the enclaves of other cities (holes of the outlines too), all far wider than the gap width
        assertThat(kept).hasSize(5).allSatisfy(g -> assertThat(g.widthM()).isGreaterThan(400));
    }

    @Test
    void theWholeProvinceCleansInOneGo() {
        List<Geometry> districts = AnhuiData.districts().stream().map(AnhuiData.District::geometry).toList();
        CoverageClean.Result r = CoverageClean.clean(districts);
        assertThat(r.cleaned()).hasSize(105);
        assertThat(r.vanished()).isEmpty();
        Wkt.assertValidCoverage(r.cleaned());
    }
}
