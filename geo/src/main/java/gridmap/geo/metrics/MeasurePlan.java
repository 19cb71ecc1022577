package gridmap.geo.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Summarises the measures of a plan's units: the spread (min, max, mean, coefficient of
 * variation) of sizes, areas and compactness, how many units miss the target, and the worst unit by
 * size and by compactness, so a planner sees at once where a plan is weakest.
 *
 * <pre>
 * PlanMetrics p = MeasurePlan.measure(unitMetrics);
 * PlanMetrics p = new MeasurePlan(unitMetrics).setTarget(SizeTarget.households(3000, 5000)).measure();
 * </pre>
 */
public final class MeasurePlan {
    private final List<UnitMetrics> units;
    private SizeTarget target;

    public MeasurePlan(List<UnitMetrics> units) { this.units = List.copyOf(units); }

    public static PlanMetrics measure(List<UnitMetrics> units) { return new MeasurePlan(units).measure(); }

    /** Judge sizes against this target (units should have been measured with the same one). */
    public MeasurePlan setTarget(SizeTarget target) { this.target = target; return this; }

    public PlanMetrics measure() {
        SizeBasis basis = target != null ? target.basis() : SizeBasis.HOUSEHOLDS;
        double[] sizes = values(u -> basis.of(u.households(), u.population()));
        Spread sizeSpread = Spread.of(sizes);
        double ideal = target != null ? target.ideal() : sizeSpread.mean();
        int worstSize = -1, leastCompact = -1, outside = 0, nonContiguous = 0;
        double worstDev = -1, lowestPp = Double.POSITIVE_INFINITY;
        for (int i = 0; i < units.size(); i++) {
            UnitMetrics u = units.get(i);
            double dev = ideal == 0 ? 0 : Math.abs(sizes[i] - ideal) / ideal;
            if (dev > worstDev) { worstDev = dev; worstSize = i; }
            if (u.polsbyPopper() < lowestPp) { lowestPp = u.polsbyPopper(); leastCompact = i; }
            if (target != null && !target.contains(sizes[i])) outside++;
            if (!u.contiguous()) nonContiguous++;
        }
        return new PlanMetrics(units.size(), basis, sizeSpread,
                Spread.of(values(UnitMetrics::households)), Spread.of(values(UnitMetrics::population)),
                Spread.of(values(UnitMetrics::areaM2)), Spread.of(values(UnitMetrics::polsbyPopper)),
                Spread.of(values(UnitMetrics::reock)), worstSize, leastCompact, outside, nonContiguous);
    }

    private double[] values(ToDoubleFunction<UnitMetrics> f) {
        return units.stream().mapToDouble(f).toArray();
    }
}
