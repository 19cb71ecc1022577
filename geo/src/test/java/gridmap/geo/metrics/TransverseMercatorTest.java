package gridmap.geo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class TransverseMercatorTest {
    /** UTM zone 50 is this projection about 117° E with scale 0.9996 and a false easting of 500 km. */
    static final TransverseMercator UTM50 = new TransverseMercator(117, 0.9996);

    @Test
    void matchesProjAsPostgisReportsIt() {
        // SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 32650), 6) on PostGIS 3.3.2
        assertUtm(117.8123, 30.9456, 577_592.302245, 3_423_855.920758); // in Tongling
        assertUtm(118.9, 31.5, 680_447.338673, 3_486_580.280651);       // 180 km east of the meridian
        assertUtm(114.0, 25.0, 197_181.312215, 2_768_300.218774);       // 300 km west, further south
    }

    private static void assertUtm(double lon, double lat, double easting, double northing) {
        Coordinate p = UTM50.project(lon, lat);
        assertThat(p.x + 500_000).isCloseTo(easting, within(1e-3));
        assertThat(p.y).isCloseTo(northing, within(1e-3));
    }

    @Test
    void centralMeridianIsTrueToScale() {
        TransverseMercator gk = new TransverseMercator(117.81, 1.0);
        assertThat(gk.project(117.81, 0).x).isEqualTo(0);
        assertThat(gk.project(117.81, 0).y).isEqualTo(0);
        // the meridian arc 30° → 31° N, as PostGIS measures it on the ellipsoid:
        // ST_Distance('POINT(117 31)'::geography, 'POINT(117 30)'::geography, true) = 110860.92556608 m
        double d = gk.project(117.81, 31).y - gk.project(117.81, 30).y;
        assertThat(d).isCloseTo(110_860.925566, within(1e-3));
    }
}
