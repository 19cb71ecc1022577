package gridmap.geo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import gridmap.geo.testing.Wkt;

class MeasurePlanTest {
    static final SizeTarget TARGET = SizeTarget.households(300, 500);

    static UnitMetrics unit(String wkt, long households) {
        return new MeasureUnit(Wkt.read(wkt)).setCounts(households, households * 3).setTarget(TARGET).measure();
    }

    @Test
    void spreadAndWorstUnits() {
        List<UnitMetrics> units = List.of(
                unit("POLYGON ((117.80 30.90, 117.81 30.90, 117.81 30.91, 117.80 30.91, 117.80 30.90))", 300),
                unit("POLYGON ((117.81 30.90, 117.85 30.90, 117.85 30.901, 117.81 30.901, 117.81 30.90))", 400), // a thin strip
                unit("MULTIPOLYGON (((117.80 30.91, 117.81 30.91, 117.81 30.92, 117.80 30.92, 117.80 30.91)),"
                        + " ((117.83 30.91, 117.84 30.91, 117.84 30.92, 117.83 30.92, 117.83 30.91)))", 600));
        PlanMetrics p = new MeasurePlan(units).setTarget(TARGET).measure();
        assertThat(p.units()).isEqualTo(3);
        assertThat(p.basis()).isEqualTo(SizeBasis.HOUSEHOLDS);
        assertThat(p.size().min()).isEqualTo(300);
        assertThat(p.size().max()).isEqualTo(600);
        assertThat(p.size().mean()).isCloseTo(433.333, within(1e-3));
        // population standard deviation of 300, 400, 600 is 124.72; over the mean 433.33
        assertThat(p.size().cv()).isCloseTo(0.287_82, within(1e-5));
        assertThat(p.population().mean()).isCloseTo(1300, within(1e-9));
        assertThat(p.worstSize()).isEqualTo(2);    // 50 % above the ideal 400
        assertThat(p.leastCompact()).isEqualTo(1); // the strip, 40:1
        assertThat(p.outsideTarget()).isEqualTo(1);
        assertThat(p.nonContiguous()).isEqualTo(1);
        // a 0.01° box at 30.9° N is 955 m × 1,109 m: Polsby-Popper of a rectangle with sides in ratio r is πr/(1+r)²
        double r = 955.6 / 1_109.4;
        assertThat(p.polsbyPopper().max()).isEqualTo(units.get(0).polsbyPopper()).isCloseTo(Math.PI * r / ((1 + r) * (1 + r)), within(1e-3));
    }

    @Test
    void withoutTargetWorstSizeIsFurthestFromTheMean() {
        List<UnitMetrics> units = List.of(
                new MeasureUnit(Wkt.read("POLYGON ((117.80 30.90, 117.81 30.90, 117.81 30.91, 117.80 30.91, 117.80 30.90))")).setCounts(100, 0).measure(),
                new MeasureUnit(Wkt.read("POLYGON ((117.81 30.90, 117.82 30.90, 117.82 30.91, 117.81 30.91, 117.81 30.90))")).setCounts(180, 0).measure(),
                new MeasureUnit(Wkt.read("POLYGON ((117.82 30.90, 117.83 30.90, 117.83 30.91, 117.82 30.91, 117.82 30.90))")).setCounts(170, 0).measure());
        PlanMetrics p = MeasurePlan.measure(units);
        assertThat(p.worstSize()).isEqualTo(0); // mean 150: 100 is 50 off
        assertThat(p.outsideTarget()).isZero();
        assertThat(MeasurePlan.measure(List.of()).worstSize()).isEqualTo(-1);
    }
}
