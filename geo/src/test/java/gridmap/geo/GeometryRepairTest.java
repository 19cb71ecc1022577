package gridmap.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeometryRepairTest {
    @Test
    void bowTieIsRepairedAndReportedWithItsLocation() throws Exception {
        Geometry bowTie = new WKTReader(Polygons.WGS84).read("POLYGON ((117 30, 117.1 30.1, 117.1 30, 117 30.1, 117 30))");
        GeometryRepair.Result r = GeometryRepair.repair(bowTie);
        assertThat(r.repaired()).isTrue();
        assertThat(r.problem()).containsIgnoringCase("self-intersection");
        assertThat(r.location().x).isCloseTo(117.05, within(1e-9));
        assertThat(r.geometry().isValid()).isTrue();
        assertThat(r.geometry().getNumGeometries()).isEqualTo(2);
    }

    @Test
    void validGeometryIsUntouched() throws Exception {
        Geometry square = new WKTReader(Polygons.WGS84).read("POLYGON ((117 30, 117.1 30, 117.1 30.1, 117 30.1, 117 30))");
        GeometryRepair.Result r = GeometryRepair.repair(square);
        assertThat(r.repaired()).isFalse();
        assertThat(r.geometry().getGeometryN(0).equalsExact(square)).isTrue();
    }
}
