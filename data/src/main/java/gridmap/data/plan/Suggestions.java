package gridmap.data.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.partition.PlanSuggest;

/**
 * "Which communities should we merge to reach 3,000–5,000 households each?": the units of the
 * lowest level below a parent grouped by {@link PlanSuggest} (contiguous, compact, in the target
 * range, deterministic for a seed), turned into an ordinary plan: the levels in between removed
 * when the units have different parents, then one merge per group of two or more, named after
 * its largest member.
 */
public final class Suggestions {
    private Suggestions() {}

    public record Suggestion(List<Operation> operations, PlanSuggest.Result result, Map<String, Fabric.UnitRow> units) {}

    public static Suggestion suggest(Fabric f, Target target, Integer count, long seed, boolean allowOutside) {
        UnitLevel lowest = f.units().stream().map(Fabric.UnitRow::level).max(Comparator.naturalOrder())
                .orElseThrow(() -> new PlanRejectedException(0, f.parent().code() + " " + f.parent().name() + " has no units below it to group"));
        List<Fabric.UnitRow> units = f.units().stream().filter(u -> u.level() == lowest).toList();
        Map<String, Fabric.UnitRow> byCode = new HashMap<>();
        List<PlanSuggest.Unit> input = new ArrayList<>();
        for (Fabric.UnitRow u : units) {
            byCode.put(u.code(), u);
            input.add(new PlanSuggest.Unit(u.code(), u.geom(), u.households(), u.population()));
        }
        SizeTarget size = target.households() ? SizeTarget.households(target.min(), target.max()) : SizeTarget.population(target.min(), target.max());
        PlanSuggest s = new PlanSuggest(input, size).setSeed(seed).setAllowOutsideTarget(allowOutside);
        if (count != null) {
            if (count > units.size()) throw new PlanRejectedException(0, "there are only " + units.size() + " units to group, not " + count);
            s.setCount(count);
        }
        PlanSuggest.Result r = s.suggest();
        List<Operation> ops = new ArrayList<>();
        Set<Long> parents = units.stream().map(Fabric.UnitRow::parentId).collect(Collectors.toSet());
        if (parents.size() > 1) {
            for (UnitLevel l : UnitLevel.values()) {
                if (l.ordinal() > f.parent().level().ordinal() && l.ordinal() < lowest.ordinal()
                        && f.units().stream().anyMatch(u -> u.level() == l)) {
                    ops.add(new Operation.RemoveLevel(List.of(), l));
                }
            }
        }
        for (PlanSuggest.Group g : r.groups()) {
            if (g.unitIds().size() < 2) continue;
            Fabric.UnitRow largest = g.unitIds().stream().map(byCode::get).max(Comparator.comparingLong(Fabric.UnitRow::households)
                    .thenComparing(Fabric.UnitRow::code)).orElseThrow();
            ops.add(new Operation.Merge(g.unitIds().stream().map(c -> (UnitRef) new UnitRef.Code(c)).toList(), largest.name(), null));
        }
        return new Suggestion(ops, r, byCode);
    }
}
