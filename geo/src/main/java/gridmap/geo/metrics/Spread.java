package gridmap.geo.metrics;

import java.util.Arrays;

/** The spread of one measure over the units of a plan; cv is the coefficient of variation (population standard deviation / mean). */
public record Spread(double min, double max, double mean, double cv) {
    public static Spread of(double[] values) {
        if (values.length == 0) return new Spread(0, 0, 0, 0);
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        double mean = Arrays.stream(values).sum() / values.length;
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / values.length);
        return new Spread(min, max, mean, mean == 0 ? 0 : sd / mean);
    }
}
