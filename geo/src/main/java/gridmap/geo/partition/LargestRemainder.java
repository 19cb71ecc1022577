package gridmap.geo.partition;

import java.util.Arrays;

/**
 * Whole numbers proportional to weights that sum exactly to a total (the largest-remainder method,
 * Hamilton's apportionment): how {@link Regrid} turns estimated households into counts that add up,
 * and how the demo splits a district's households over its communities and a community's over its cells.
 */
public final class LargestRemainder {
    private LargestRemainder() {}

    /**
     * total split in proportion to weights (each ≥ 0): floors first, then one more to the largest
     * remainders, ties to the lower index. All weights 0: everything to the first.
     */
    public static long[] apportion(long total, double[] weights) {
        int n = weights.length;
        long[] out = new long[n];
        if (n == 0) return out;
        double sum = 0;
        for (double w : weights) sum += w; // in order, so callers that summed the same way agree to the last bit
        if (sum <= 0) { out[0] = total; return out; }
        double[] rem = new double[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            double exact = total * weights[i] / sum;
            out[i] = (long) Math.floor(exact);
            rem[i] = exact - out[i];
            given += out[i];
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
        for (int t = 0; t < total - given; t++) out[idx[t % n]]++;
        return out;
    }
}
