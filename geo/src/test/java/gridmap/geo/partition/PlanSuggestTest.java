package gridmap.geo.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.metrics.SizeBasis;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.testing.Coverages;
import gridmap.geo.testing.Wkt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class PlanSuggestTest {
    /** A grid of 0.01° squares, cols × rows, id "c,r", from the south-west corner 117.80 30.90. */
    static List<PlanSuggest.Unit> grid(int cols, int rows, long[] households) {
        List<PlanSuggest.Unit> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = 117.80 + c * 0.01, y = 30.90 + r * 0.01;
                Geometry g = Wkt.read(String.format("POLYGON ((%.2f %.2f, %.2f %.2f, %.2f %.2f, %.2f %.2f, %.2f %.2f))",
                        x, y, x + 0.01, y, x + 0.01, y + 0.01, x, y + 0.01, x, y));
                long hh = households[r * cols + c];
                out.add(new PlanSuggest.Unit(c + "," + r, g, hh, Math.round(hh * 2.7)));
            }
        }
        return out;
    }

    static long[] same(int n, long v) { long[] a = new long[n]; java.util.Arrays.fill(a, v); return a; }

    @Test
    void sixSquaresIntoTwoRows() {
        // two groups of three: a row (2,865 m × 1,109 m) is more compact than an L of three squares;
        // the merged rows keep the vertices they share with each other, so the coverage stays edge-matched
        PlanSuggest.Result r = PlanSuggest.suggest(grid(3, 2, same(6, 100)), SizeTarget.households(250, 350), 2);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.withinTarget()).isTrue();
        assertThat(Wkt.write(r.groups().get(0).geometry(), 2)).isEqualTo("MULTIPOLYGON (((117.8 30.91, 117.8 30.92, 117.81 30.92, 117.82 30.92, 117.83 30.92, 117.83 30.91, 117.82 30.91, 117.81 30.91, 117.8 30.91)))");
        assertThat(Wkt.write(r.groups().get(1).geometry(), 2)).isEqualTo("MULTIPOLYGON (((117.8 30.9, 117.8 30.91, 117.81 30.91, 117.82 30.91, 117.83 30.91, 117.83 30.9, 117.82 30.9, 117.81 30.9, 117.8 30.9)))");
        assertThat(r.groups().get(0).unitIds()).containsExactly("0,1", "1,1", "2,1"); // numbered from the north
        assertThat(r.groups().get(0).metrics().households()).isEqualTo(300);
        assertThat(r.plan().size().cv()).isZero();
    }

    @Test
    void asManyGroupsAsTheMinimumAllows() {
        // 12 squares of 100 households, at least 300 each: four groups
        PlanSuggest.Result r = new PlanSuggest(grid(4, 3, same(12, 100)), SizeTarget.households(300, 600)).suggest();
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.groups()).allSatisfy(g -> assertThat(g.metrics().households()).isEqualTo(300));
        // a minimum alone: the same four
        PlanSuggest.Result atLeast = new PlanSuggest(grid(4, 3, same(12, 100)), SizeTarget.atLeast(SizeBasis.HOUSEHOLDS, 300)).suggest();
        assertThat(atLeast.count()).isEqualTo(4);
        assertThat(atLeast.withinTarget()).isTrue();
    }

    @Test
    void sameSeedSameGroups() {
        List<PlanSuggest.Unit> units = randomUnits(Coverages.voronoi(Wkt.read(AREA), 40, 11), 11);
        SizeTarget t = SizeTarget.households(1_500, 3_500);
        PlanSuggest.Result a = new PlanSuggest(units, t).setCount(10).setSeed(5).setAllowOutsideTarget(true).suggest();
        PlanSuggest.Result b = new PlanSuggest(units, t).setCount(10).setSeed(5).setAllowOutsideTarget(true).suggest();
        assertThat(a.groups().stream().map(PlanSuggest.Group::unitIds).toList())
                .isEqualTo(b.groups().stream().map(PlanSuggest.Group::unitIds).toList());
        for (int i = 0; i < a.count(); i++) {
            assertThat(a.groups().get(i).geometry().equalsExact(b.groups().get(i).geometry())).isTrue();
        }
    }

    static final String AREA = "POLYGON ((117.70 30.80, 117.95 30.81, 117.96 31.02, 117.83 30.93, 117.71 31.05, 117.70 30.80),"
            + " (117.80 30.85, 117.85 30.85, 117.85 30.88, 117.80 30.88, 117.80 30.85))";

    static List<PlanSuggest.Unit> randomUnits(List<MultiPolygon> pieces, long seed) {
        Random rng = new Random(seed);
        List<PlanSuggest.Unit> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            long hh = 200 + rng.nextInt(800);
            out.add(new PlanSuggest.Unit("u" + i, pieces.get(i), hh, hh * 3));
        }
        return out;
    }

    @Property(tries = 40)
    void groupsAreAlwaysContiguous(@ForAll @IntRange(min = 3, max = 60) int n, @ForAll @LongRange(min = 0, max = 10_000) long seed,
                                   @ForAll @IntRange(min = 1, max = 30) int groups) {
        List<MultiPolygon> pieces = Coverages.voronoi(Wkt.read(AREA), n, seed);
        List<PlanSuggest.Unit> units = randomUnits(pieces, seed);
        UnitAdjacency adj = UnitAdjacency.of(pieces);
        int k = Math.min(groups, units.size());
        PlanSuggest.Result r = new PlanSuggest(units, SizeTarget.households(800, 2_500)).setCount(k).setSeed(seed)
                .setAllowOutsideTarget(true).setEffort(2, 20).suggest();

        assertThat(r.count()).isEqualTo(k);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < units.size(); i++) index.put(units.get(i).id(), i);
        BitSet seen = new BitSet();
        for (PlanSuggest.Group g : r.groups()) {
            BitSet members = new BitSet();
            for (String id : g.unitIds()) {
                int i = index.get(id);
                assertThat(seen.get(i)).as("unit %s in two groups", id).isFalse();
                seen.set(i);
                members.set(i);
            }
            assertThat(adj.connected(members)).as("group %d connected by shared borders", g.number()).isTrue();
            boolean onePartUnits = g.unitIds().stream().allMatch(id -> pieces.get(index.get(id)).getNumGeometries() == 1);
            if (onePartUnits) assertThat(g.geometry().getNumGeometries()).as("group %d is one polygon", g.number()).isEqualTo(1);
            assertThat(g.geometry().isValid()).isTrue();
        }
        assertThat(seen.cardinality()).isEqualTo(units.size());
    }

    @Property(tries = 15)
    void targetRespectedWhenFeasible(@ForAll @LongRange(min = 0, max = 10_000) long seed) {
        // a 6 × 6 grid whose four 3 × 3 quarters hold exactly 1,000 households each, spread at random:
        // a plan of 4 groups in 950–1,050 exists, so the search must find one (not necessarily that one)
        Random rng = new Random(seed);
        long[] hh = new long[36];
        for (int q = 0; q < 4; q++) {
            int[] cells = new int[9];
            int t = 0;
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) cells[t++] = ((q / 2) * 3 + r) * 6 + (q % 2) * 3 + c;
            long left = 1_000;
            for (int i = 0; i < 8; i++) {
                long v = 20 + rng.nextInt((int) Math.max(1, left / (9 - i) * 2 - 20));
                v = Math.min(v, left - 20L * (8 - i));
                hh[cells[i]] = v;
                left -= v;
            }
            hh[cells[8]] = left;
        }
        PlanSuggest.Result r = new PlanSuggest(grid(6, 6, hh), SizeTarget.households(950, 1_050)).setCount(4).setSeed(seed).suggest();
        assertThat(r.withinTarget()).isTrue();
        assertThat(r.groups()).allSatisfy(g -> assertThat(g.metrics().households()).isBetween(950L, 1_050L));
    }

    @Test
    void aUnitAboveTheMaximumIsNamed() {
        long[] hh = same(6, 100);
        hh[4] = 700;
        assertThatThrownBy(() -> PlanSuggest.suggest(grid(3, 2, hh), SizeTarget.households(200, 400), 2))
                .isInstanceOf(InfeasibleTargetException.class)
                .hasMessageContaining("Unit 1,1 alone has 700 households, above the maximum 400")
                .satisfies(e -> assertThat(((InfeasibleTargetException) e).bestEffort()).isNull());
    }

    @Test
    void aCountTheRangeCannotHoldSaysWhichCountsWould() {
        // 1,200 households in 2 groups of 200–400: needs 3 to 6 groups
        assertThatThrownBy(() -> PlanSuggest.suggest(grid(4, 3, same(12, 100)), SizeTarget.households(200, 400), 2))
                .isInstanceOf(InfeasibleTargetException.class)
                .hasMessageContaining("2 groups of 200–400 households cannot hold the 1,200 households")
                .hasMessageContaining("choose between 3 and 6 groups, or a range that includes 600");
    }

    @Test
    void anIslandBelowTheMinimumIsNamed() {
        List<PlanSuggest.Unit> units = new ArrayList<>(grid(2, 1, same(2, 300)));
        units.add(new PlanSuggest.Unit("island", Wkt.read("POLYGON ((117.9 30.9, 117.91 30.9, 117.91 30.91, 117.9 30.91, 117.9 30.9))"), 50, 120));
        assertThatThrownBy(() -> new PlanSuggest(units, SizeTarget.households(250, 700)).suggest())
                .isInstanceOf(InfeasibleTargetException.class)
                .hasMessageContaining("Units island (sharing no border with the others) hold only 50 households together, below the minimum 250");
    }

    @Test
    void noPlanFoundCarriesTheClosest() {
        // a row of 100, 500, 100 households: 2 groups of 300–400 would need the middle unit split
        long[] hh = {100, 500, 100};
        InfeasibleTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InfeasibleTargetException.class,
                () -> PlanSuggest.suggest(grid(3, 1, hh), SizeTarget.households(300, 600), 2));
        assertThat(e.getMessage()).contains("No grouping into 2 groups of 300–600 households was found")
                .contains("Widen the range to 100–600");
        assertThat(e.bestEffort()).isNotNull();
        assertThat(e.bestEffort().count()).isEqualTo(2);
    }

    @Test
    void aMinimumNoPlanReachesSaysHowFarToLowerIt() {
        // 100, 500, 100 in a row: 3 groups of at least 150 would need the outer units to grow
        InfeasibleTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InfeasibleTargetException.class,
                () -> new PlanSuggest(grid(3, 1, new long[] {100, 500, 100}), SizeTarget.atLeast(SizeBasis.HOUSEHOLDS, 150)).setCount(3).suggest());
        assertThat(e.getMessage()).contains("groups of at least 150 households").contains("Lower the minimum to 100");
    }

    @Test
    void moreGroupsThanUnitsIsRefused() {
        assertThatThrownBy(() -> new PlanSuggest(grid(2, 1, same(2, 100)), SizeTarget.households(10, 500)).setCount(3).suggest())
                .isInstanceOf(InfeasibleTargetException.class).hasMessageContaining("3 groups were asked of only 2 units");
        assertThatThrownBy(() -> new PlanSuggest(List.of(), SizeTarget.households(10, 500))).hasMessageContaining("no units");
        assertThatThrownBy(() -> new PlanSuggest.Unit("bow", Wkt.read("POLYGON ((117 30, 117.1 30.1, 117.1 30, 117 30.1, 117 30))"), 1, 1))
                .hasMessageContaining("unit bow is not a valid polygon");
        List<PlanSuggest.Unit> twice = List.of(grid(2, 1, same(2, 1)).get(0), grid(2, 1, same(2, 1)).get(0));
        assertThatThrownBy(() -> new PlanSuggest(twice, SizeTarget.households(10, 500))).hasMessageContaining("unit id 0,0 appears twice");
    }
}
