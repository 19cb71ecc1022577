package gridmap.data.plan;

/**
 * A size range as a plan states it: {@code basis} "households" or "population", min ≤ max, both
 * positive. Used for a plan's metrics and for re-gridding; the geometry code measures against it.
 */
public record Target(String basis, long min, long max) {
    public static final String HOUSEHOLDS = "households";
    public static final String POPULATION = "population";

    public Target {
        if (!HOUSEHOLDS.equals(basis) && !POPULATION.equals(basis)) {
            throw new PlanInputException("target.basis must be \"households\" or \"population\"");
        }
        if (min < 1 || max < min || max > 100_000_000) {
            throw new PlanInputException("target needs 1 ≤ min ≤ max ≤ 100000000, not " + min + "–" + max);
        }
    }

    public boolean households() { return HOUSEHOLDS.equals(basis); }
}
