package gridmap.geo.partition;

import java.util.List;

/**
 * A planning request that cannot be met as asked: the message says why in terms a planner can act
 * on (which units, which totals, what count or range would work). When the search ran and only
 * came close, {@link #bestEffort()} holds the best plan it found, so a caller can still show it.
 */
public class InfeasibleTargetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> reasons;
    private final transient PlanSuggest.Result bestEffort;

    public InfeasibleTargetException(List<String> reasons, PlanSuggest.Result bestEffort) {
        super(String.join(" ", reasons));
        this.reasons = List.copyOf(reasons);
        this.bestEffort = bestEffort;
    }

    /** Each reason a sentence of its own. */
    public List<String> reasons() { return reasons; }

    /** The closest plan found, or null when the request was refused before searching. */
    public PlanSuggest.Result bestEffort() { return bestEffort; }
}
