package gridmap.geo.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.metrics.MeasureUnit;
import gridmap.geo.testing.Wkt;

class UnitAdjacencyTest {
    // a 2 × 2 block of 0.01° squares, numbered  2 3 / 0 1, and a square 4 touching 3 only at its corner
    static final List<Geometry> UNITS = Wkt.list(
            "POLYGON ((117.80 30.90, 117.81 30.90, 117.81 30.91, 117.80 30.91, 117.80 30.90))",
            "POLYGON ((117.81 30.90, 117.82 30.90, 117.82 30.91, 117.81 30.91, 117.81 30.90))",
            "POLYGON ((117.80 30.91, 117.81 30.91, 117.81 30.92, 117.80 30.92, 117.80 30.91))",
            "POLYGON ((117.81 30.91, 117.82 30.91, 117.82 30.92, 117.81 30.92, 117.81 30.91))",
            "POLYGON ((117.82 30.92, 117.83 30.92, 117.83 30.93, 117.82 30.93, 117.82 30.92))");

    @Test
    void neighboursShareBordersNotPoints() {
        UnitAdjacency adj = UnitAdjacency.of(UNITS);
        assertThat(adj.neighbours(0)).containsExactly(1, 2);
        assertThat(adj.neighbours(3)).containsExactly(1, 2);
        assertThat(adj.adjacent(0, 3)).isFalse(); // diagonal: a point only
        assertThat(adj.neighbours(4)).isEmpty();  // touches 3 at a corner only
        assertThat(adj.pairs()).hasSize(4);
        assertThat(adj.components()).hasSize(2);
    }

    @Test
    void sharedLengthsInMetres() {
        UnitAdjacency adj = UnitAdjacency.of(UNITS);
        double perimeter = MeasureUnit.measure(UNITS.get(0)).perimeterM();
        // unit 0 shares its east side (0.01° of meridian) with 1 and its north side (0.01° along
        // 30.91° N) with 2; PostGIS: ST_Length('LINESTRING(117.81 30.90, 117.81 30.91)'::geography)
        // = 1108.678 m and ST_Length('LINESTRING(117.80 30.91, 117.81 30.91)'::geography) = 955.938 m
        // (a geodesic, a hair shorter than the parallel); together they are half its perimeter
        assertThat(adj.sharedLength(0, 1)).isCloseTo(1_108.678, within(0.01));
        assertThat(adj.sharedLength(0, 2)).isCloseTo(955.938, within(0.01));
        assertThat(adj.sharedLength(0, 1) + adj.sharedLength(0, 2)).isCloseTo(perimeter / 2, within(1.0));
        assertThat(adj.sharedLength(0, 3)).isZero();
    }

    @Test
    void bordersThatCoincideWithoutSharedVerticesAreFound() {
        // unit 1 has an extra vertex in the middle of the border it shares with unit 0
        List<Geometry> units = Wkt.list(
                "POLYGON ((117.80 30.90, 117.81 30.90, 117.81 30.91, 117.80 30.91, 117.80 30.90))",
                "POLYGON ((117.81 30.90, 117.82 30.90, 117.82 30.91, 117.81 30.91, 117.81 30.905, 117.81 30.90))");
        UnitAdjacency adj = UnitAdjacency.of(units);
        assertThat(adj.adjacent(0, 1)).isTrue();
        assertThat(adj.sharedLength(0, 1)).isCloseTo(1_108.678, within(0.01));
    }

    @Test
    void connectedSubsets() {
        UnitAdjacency adj = UnitAdjacency.of(UNITS);
        assertThat(adj.connected(bits(0, 1, 3))).isTrue();
        assertThat(adj.connected(bits(0, 3))).isFalse();
        assertThat(adj.connected(bits(3, 4))).isFalse();
        assertThat(adj.connected(new BitSet())).isFalse();
    }

    static BitSet bits(int... is) {
        BitSet b = new BitSet();
        for (int i : is) b.set(i);
        return b;
    }
}
