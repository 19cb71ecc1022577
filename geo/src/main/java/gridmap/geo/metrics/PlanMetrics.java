package gridmap.geo.metrics;

/**
 * Measures of a plan (a set of units): the spread of their sizes, areas and compactness, and its
 * worst units.
 *
 * @param basis             what size is counted in (the target's basis, households without one)
 * @param worstSize         index of the unit whose size deviates most from the target's ideal
 *                          (from the plan's mean size without a target); -1 for an empty plan
 * @param leastCompact      index of the unit with the lowest Polsby-Popper score; -1 for an empty plan
 * @param outsideTarget     how many units lie outside the target range (0 without a target)
 * @param nonContiguous     how many units have more than one part
 */
public record PlanMetrics(int units, SizeBasis basis, Spread size, Spread households, Spread population,
                          Spread areaM2, Spread polsbyPopper, Spread reock, int worstSize, int leastCompact,
                          int outsideTarget, int nonContiguous) {}
