package gridmap.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Gi* against the values PySAL's esda documents for its own example, and hand-checkable cases. */
class GetisOrdGiStarTest {
    // esda.G_Local docstring: points (10,10) (20,10) (40,10) (15,20) (30,20) (30,30),
    // libpysal DistanceBand(threshold=15): pairs at most 15 apart are neighbours
    static final double[][] POINTS = {{10, 10}, {20, 10}, {40, 10}, {15, 20}, {30, 20}, {30, 30}};
    static final double[] Y = {2, 3, 3.2, 5, 8, 7};

    static int[][] distanceBand(double[][] pts, double threshold) {
        int[][] nb = new int[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            java.util.List<Integer> l = new java.util.ArrayList<>();
            for (int j = 0; j < pts.length; j++) {
                if (i != j && Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]) <= threshold) l.add(j);
            }
            nb[i] = l.stream().mapToInt(Integer::intValue).toArray();
        }
        return nb;
    }

    @Test
    void binaryWeightsMatchEsda() {
        GetisOrdGiStar.Result r = GetisOrdGiStar.compute(Y, distanceBand(POINTS, 15));
        assertThat(r.z()).containsExactly(new double[] {-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331},
                within(1e-7));
    }

    @Test
    void rowStandardisedWeightsMatchEsda() {
        GetisOrdGiStar.Result r = new GetisOrdGiStar(Y, distanceBand(POINTS, 15)).setRowStandardised(true).compute();
        assertThat(r.z()).containsExactly(new double[] {-0.62488094, -0.09144599, 0.41150696, -0.09144599, 0.24690418, 1.28024388},
                within(1e-7));
    }

    @Test
    void aClusterOfHighValuesInAGridIsAHotspotAndTheFarCornerIsCold() {
        // 5×5 rook grid, counts high in the top-left 2×2 block
        int n = 5;
        double[] y = new double[n * n];
        int[][] nb = new int[n * n][];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                y[r * n + c] = (r < 2 && c < 2) ? 20 : 1;
                java.util.List<Integer> l = new java.util.ArrayList<>();
                if (r > 0) l.add((r - 1) * n + c);
                if (r < n - 1) l.add((r + 1) * n + c);
                if (c > 0) l.add(r * n + c - 1);
                if (c < n - 1) l.add(r * n + c + 1);
                nb[r * n + c] = l.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        GetisOrdGiStar.Result res = GetisOrdGiStar.compute(y, nb);
        assertThat(res.z()[0]).isGreaterThan(1.96);
        assertThat(res.z()[6]).isGreaterThan(1.96);
        assertThat(res.p()[0]).isLessThan(0.05);
        assertThat(res.z()[24]).isLessThan(0);
        // Gi* of a cell = its share, with its neighbours, of the total
        double total = 4 * 20 + 21;
        assertThat(res.gi()[0]).isCloseTo((20 + 20 + 20) / total, within(1e-12));
    }

    @Test
    void equalValuesGiveNoZScores() {
        GetisOrdGiStar.Result r = GetisOrdGiStar.compute(new double[] {3, 3, 3}, new int[][] {{1}, {0, 2}, {1}});
        assertThat(r.z()[1]).isNaN();
    }

    @Test
    void normalTailIsAccurate() {
        assertThat(Normal.upperTail(1.959963985)).isCloseTo(0.025, within(1e-7));
        assertThat(Normal.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.upperTail(-1.644853627)).isCloseTo(0.95, within(1e-7));
    }
}
