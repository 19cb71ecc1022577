package gridmap.geo.stats;

import java.util.Arrays;

/**
 * The Getis-Ord local Gi* statistic (Getis &amp; Ord 1992; Ord &amp; Getis 1995): for each
 * observation, the share of the total that falls in it and its neighbours, with the z-score
 * of that share under the analytical normal approximation. Computed exactly as PySAL's
 * {@code esda.G_Local(y, w, transform='B', star=True)}: binary weights with the observation
 * itself included (weight 1), so a z-score above 1.96 marks a cluster of high values (a
 * hotspot) at the 95% level, below -1.96 a cluster of low values.
 *
 * <pre>
 *   Gi*  = Σ_j w_ij y_j / Σ_j y_j                      (j over all, w_ii = 1)
 *   E    = W_i / n                                      (W_i = Σ_j w_ij: neighbours + 1)
 *   Var  = W_i (n − W_i) / (n − 1) / n² · s² / ȳ²       (s², ȳ: variance and mean of y, /n)
 *   z    = (Gi* − E) / √Var
 * </pre>
 * With row-standardised weights ({@link #setRowStandardised}) every W_i is 1, as in
 * {@code transform='R'}. Where all values are equal (or all zero) the variance is zero and the
 * z-scores are NaN: there is no clustering to speak of.
 */
public final class GetisOrdGiStar {
    /** Per observation: Gi*, its z-score and its two-sided p-value under the normal approximation. */
    public record Result(double[] gi, double[] z, double[] p) {}

    private final double[] y;
    private final int[][] neighbours;
    private boolean rowStandardised;

    /** y: one value per observation; neighbours: for each, the indices of its neighbours (not itself). */
    public GetisOrdGiStar(double[] y, int[][] neighbours) {
        if (y.length != neighbours.length) throw new IllegalArgumentException("one neighbour list per value");
        this.y = y.clone();
        this.neighbours = neighbours;
    }

    public static Result compute(double[] y, int[][] neighbours) { return new GetisOrdGiStar(y, neighbours).compute(); }

    public GetisOrdGiStar setRowStandardised(boolean r) {
        this.rowStandardised = r;
        return this;
    }

    public Result compute() {
        int n = y.length;
        double sum = Arrays.stream(y).sum();
        double sumSq = Arrays.stream(y).map(v -> v * v).sum();
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        double[] gi = new double[n], z = new double[n], p = new double[n];
        for (int i = 0; i < n; i++) {
            int k = neighbours[i].length + 1; // the observation itself counts
            double w = rowStandardised ? 1.0 / k : 1.0;
            double local = y[i];
            for (int j : neighbours[i]) {
                if (j == i || j < 0 || j >= n) throw new IllegalArgumentException("bad neighbour " + j + " of " + i);
                local += y[j];
            }
            double cardinality = rowStandardised ? 1.0 : k;
            gi[i] = w * local / sum;
            double expected = cardinality / n;
            double var = cardinality * (n - cardinality) / (n - 1) / ((double) n * n) * variance / (mean * mean);
            z[i] = (gi[i] - expected) / Math.sqrt(var);
            p[i] = Double.isNaN(z[i]) ? Double.NaN : 2 * Normal.upperTail(Math.abs(z[i]));
        }
        return new Result(gi, z, p);
    }
}
