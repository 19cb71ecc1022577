package gridmap.geo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.testing.Wkt;

class MeasureUnitTest {
    /** Tongling's latitude and a meridian through the city. */
    static final double LON = 117.81, LAT = 30.93;

    static Geometry squareKm() {
        return Wkt.localMetres(LON, LAT, new Coordinate(0, 0), new Coordinate(1000, 0), new Coordinate(1000, 1000),
                new Coordinate(0, 1000), new Coordinate(0, 0));
    }

    @Test
    void oneKilometreSquareAtTongling() {
        UnitMetrics m = MeasureUnit.measure(squareKm());
        // built from the radii of curvature; its northern edge is shorter by tan(φ)·Δφ ≈ 1e-4
        assertThat(m.areaM2()).isCloseTo(1_000_000, within(100.0));
        assertThat(m.perimeterM()).isCloseTo(4_000, within(0.4));
        assertThat(m.polsbyPopper()).isCloseTo(Math.PI / 4, within(1e-3));
        assertThat(m.reock()).isCloseTo(2 / Math.PI, within(1e-3));
        assertThat(m.convexHullRatio()).isCloseTo(1, within(1e-9));
        assertThat(m.parts()).isEqualTo(1);
        assertThat(m.contiguous()).isTrue();
        // the sphere of EqualAreaMeasure agrees to its stated 0.3 %
        assertThat(m.areaM2() / EqualAreaMeasure.areaM2(squareKm())).isCloseTo(1, within(3e-3));
    }

    @Test
    void agreesWithPostgisGeography() {
        // SELECT ST_Area(g::geography), ST_Perimeter(g::geography) for ST_MakeEnvelope(117.8,30.9,117.81,30.91,4326)
        // on PostGIS 3.3.2 / PROJ: 1059883.2856912613 m², 4129.332845249835 m
        UnitMetrics m = MeasureUnit.measure(Wkt.read("POLYGON ((117.8 30.9, 117.81 30.9, 117.81 30.91, 117.8 30.91, 117.8 30.9))"));
        assertThat(m.areaM2()).isCloseTo(1_059_883.2857, within(1_059_883.0 * 1e-5));
        assertThat(m.perimeterM()).isCloseTo(4_129.3328, within(4_129.0 * 1e-5));
    }

    @Test
    void nearCircleScoresOne() {
        int n = 720;
        UnitMetrics m = MeasureUnit.measure(Wkt.localCircle(LON, LAT, 800, n));
        // a regular n-gon: Polsby-Popper = π/(n·tan(π/n)), Reock = n·sin(2π/n)/(2π)
        assertThat(m.polsbyPopper()).isCloseTo(Math.PI / (n * Math.tan(Math.PI / n)), within(5e-4)).isGreaterThan(0.999);
        assertThat(m.reock()).isCloseTo(n * Math.sin(2 * Math.PI / n) / (2 * Math.PI), within(5e-4)).isGreaterThan(0.999);
        assertThat(m.convexHullRatio()).isCloseTo(1, within(1e-9));
        assertThat(m.areaM2()).isCloseTo(Math.PI * 800 * 800, within(Math.PI * 800 * 800 * 2e-4));
    }

    @Test
    void lShapeHasThreeQuartersOfItsHull() {
        // three of the four 0.01° squares of a 0.02° square: its hull is the square minus half a quarter
        Geometry l = Wkt.read("POLYGON ((117.8 30.9, 117.82 30.9, 117.82 30.91, 117.81 30.91, 117.81 30.92, 117.8 30.92, 117.8 30.9))");
        UnitMetrics m = MeasureUnit.measure(l);
        assertThat(m.convexHullRatio()).isCloseTo(3.0 / 3.5, within(2e-4));
    }

    @Test
    void twoPartUnitIsNotContiguous() {
        Geometry two = Wkt.read("MULTIPOLYGON (((117.8 30.9, 117.81 30.9, 117.81 30.91, 117.8 30.91, 117.8 30.9)),"
                + " ((117.83 30.9, 117.84 30.9, 117.84 30.91, 117.83 30.91, 117.83 30.9)))");
        UnitMetrics m = MeasureUnit.measure(two);
        UnitMetrics one = MeasureUnit.measure(two.getGeometryN(0));
        assertThat(m.parts()).isEqualTo(2);
        assertThat(m.contiguous()).isFalse();
        assertThat(m.areaM2()).isCloseTo(2 * one.areaM2(), within(one.areaM2() * 1e-4));
        assertThat(m.perimeterM()).isCloseTo(2 * one.perimeterM(), within(one.perimeterM() * 1e-4));
        // two squares 2 km apart: far from one compact shape
        assertThat(m.polsbyPopper()).isCloseTo(one.polsbyPopper() / 2, within(1e-3));
        assertThat(m.reock()).isLessThan(0.3);
    }

    @Test
    void sizeAgainstTarget() {
        UnitMetrics m = new MeasureUnit(squareKm()).setCounts(550, 1400).setTarget(SizeTarget.households(300, 500)).measure();
        assertThat(m.size()).isEqualTo(550);
        assertThat(m.deviation()).isCloseTo(0.375, within(1e-12)); // (550 − 400) / 400
        assertThat(m.withinTarget()).isFalse();
        UnitMetrics byPeople = new MeasureUnit(squareKm()).setCounts(550, 1400).setTarget(SizeTarget.population(1000, 1500)).measure();
        assertThat(byPeople.size()).isEqualTo(1400);
        assertThat(byPeople.withinTarget()).isTrue();
        UnitMetrics none = MeasureUnit.measure(squareKm());
        assertThat(none.deviation()).isNull();
        assertThat(none.withinTarget()).isNull();
    }

    @Test
    void refusesWhatIsNotAUnit() {
        assertThatThrownBy(() -> MeasureUnit.measure(Wkt.read("LINESTRING (117 30, 118 31)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("polygon");
        assertThatThrownBy(() -> MeasureUnit.measure(Wkt.read("POLYGON EMPTY")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SizeTarget.households(500, 300)).hasMessageContaining("above the maximum");
        assertThatThrownBy(() -> SizeTarget.households(Double.NaN, 300)).hasMessageContaining("finite");
        assertThat(SizeTarget.households(3000, 5000).describe()).isEqualTo("3,000–5,000 households");
        assertThat(SizeTarget.atLeast(SizeBasis.POPULATION, 8000).describe()).isEqualTo("at least 8,000 population");
        assertThat(SizeTarget.atLeast(SizeBasis.POPULATION, 8000).contains(1e9)).isTrue();
    }
}
