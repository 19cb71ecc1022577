package gridmap.geo.metrics;

/**
 * A planner's target size for units: a range [min, max] of households or population, and an ideal
 * size inside it (the middle of the range unless stated) from which deviation is measured. A
 * minimum alone is a range with max = +∞ and the minimum as its ideal ({@link #atLeast}).
 */
public record SizeTarget(SizeBasis basis, double min, double ideal, double max) {
    public SizeTarget {
        if (basis == null) throw new IllegalArgumentException("target basis is missing");
        if (!Double.isFinite(min) || !Double.isFinite(ideal) || Double.isNaN(max) || max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("target sizes must be finite numbers (the maximum may be unbounded)");
        }
        if (!(min > 0)) throw new IllegalArgumentException("target minimum must be positive");
        if (min > max) throw new IllegalArgumentException("target minimum " + fmt(min) + " is above the maximum " + fmt(max));
        if (ideal < min || ideal > max) {
            throw new IllegalArgumentException("target ideal " + fmt(ideal) + " is outside " + fmt(min) + "–" + fmt(max));
        }
    }

    public static SizeTarget households(double min, double max) { return new SizeTarget(SizeBasis.HOUSEHOLDS, min, (min + max) / 2, max); }

    public static SizeTarget population(double min, double max) { return new SizeTarget(SizeBasis.POPULATION, min, (min + max) / 2, max); }

    /** At least min, no maximum. */
    public static SizeTarget atLeast(SizeBasis basis, double min) { return new SizeTarget(basis, min, min, Double.POSITIVE_INFINITY); }

    public boolean bounded() { return max != Double.POSITIVE_INFINITY; }

    public SizeTarget withIdeal(double newIdeal) { return new SizeTarget(basis, min, newIdeal, max); }

    public boolean contains(double size) { return size >= min && size <= max; }

    /** (size − ideal) / ideal: 0.1 is 10 % too big. */
    public double deviation(double size) { return (size - ideal) / ideal; }

    /** How far size lies outside the range: negative below min, positive above max, 0 inside. */
    public double outside(double size) { return size < min ? size - min : size > max ? size - max : 0; }

    /** "3,000–5,000 households" or "at least 3,000 households", for messages a planner reads. */
    public String describe() {
        String unit = " " + basis.name().toLowerCase();
        return bounded() ? fmt(min) + "–" + fmt(max) + unit : "at least " + fmt(min) + unit;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format("%,d", (long) v) : String.format("%,.1f", v);
    }
}
