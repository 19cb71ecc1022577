package gridmap.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class EqualAreaMeasureTest {
    @Test
    void oneDegreeSquareAtTongling() {
        // exact spherical area of the cell 117..118 E, 30..31 N on the authalic sphere:
        // R² · Δλ · (sin φ2 − sin φ1)
        double r = EqualAreaMeasure.AUTHALIC_RADIUS_M;
        double exact = r * r * Math.toRadians(1) * (Math.sin(Math.toRadians(31)) - Math.sin(Math.toRadians(30)));
        double got = EqualAreaMeasure.areaM2(Polygons.WGS84.toGeometry(new Envelope(117, 118, 30, 31)));
        // the sinusoidal projection is equal-area, but straight edges in it are not parallels: small error
        assertThat(got / exact).isCloseTo(1.0, within(2e-3));
        assertThat(got / 1e6).isCloseTo(10_653, within(25.0)); // ≈ 10,653 km²
    }
}
