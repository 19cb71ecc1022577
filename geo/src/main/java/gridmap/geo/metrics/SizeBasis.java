package gridmap.geo.metrics;

/** What the size of a unit is counted in: the planner's target is stated in one of these. */
public enum SizeBasis {
    HOUSEHOLDS, POPULATION;

    /** The size of a unit with these counts on this basis. */
    public long of(long households, long population) {
        return this == HOUSEHOLDS ? households : population;
    }
}
