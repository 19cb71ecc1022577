package gridmap.data.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Two plans of one parent side by side, cell by cell: each unit of the first plan is matched with
 * the unit of the second that shares most of its grid cells (greedily, largest overlaps first),
 * and a cell "moves" between the plans when the unit it is in under the second plan is not the
 * match of its unit under the first.
 */
public record PlanComparison(List<Match> matches, List<Move> moves) {
    /** a and b: unit keys in each plan (b null when nothing was left to match); shared: cells in both. */
    public record Match(String a, String b, int shared) {}

    /** A grid cell (original id and code) in unit a under the first plan and unit b under the second. */
    public record Move(long cellId, String cellCode, String a, String b) {}

    public static PlanComparison of(PlanOutcome first, PlanOutcome second) {
        Map<Long, String> inA = unitOfCell(first), inB = unitOfCell(second);
        Map<String, Map<String, Integer>> overlap = new TreeMap<>();
        for (var e : inA.entrySet()) {
            String b = inB.get(e.getKey());
            if (b != null) overlap.computeIfAbsent(e.getValue(), k -> new TreeMap<>()).merge(b, 1, Integer::sum);
        }
        List<Match> pairs = new ArrayList<>();
        overlap.forEach((a, bs) -> bs.forEach((b, n) -> pairs.add(new Match(a, b, n))));
        pairs.sort(Comparator.comparingInt(Match::shared).reversed().thenComparing(Match::a).thenComparing(Match::b));
        Map<String, String> match = new HashMap<>();
        Set<String> takenB = new HashSet<>();
        List<Match> matches = new ArrayList<>();
        for (Match m : pairs) {
            if (match.containsKey(m.a()) || takenB.contains(m.b())) continue;
            match.put(m.a(), m.b());
            takenB.add(m.b());
            matches.add(m);
        }
        for (String a : overlap.keySet()) if (!match.containsKey(a)) matches.add(new Match(a, null, 0));
        Map<Long, String> codes = new HashMap<>();
        first.fabric().cells().forEach(c -> codes.put(c.id(), c.code()));
        List<Move> moves = new ArrayList<>();
        for (var e : new TreeMap<>(inA).entrySet()) {
            String b = inB.get(e.getKey());
            if (b != null && !b.equals(match.get(e.getValue()))) moves.add(new Move(e.getKey(), codes.get(e.getKey()), e.getValue(), b));
        }
        return new PlanComparison(matches, moves);
    }

    /** Original cell id → key of the unit holding (most of) it after the plan. */
    private static Map<Long, String> unitOfCell(PlanOutcome o) {
        Map<Long, String> out = new HashMap<>();
        for (PlanOutcome.Cell k : o.cells()) for (long from : k.fromCells()) out.putIfAbsent(from, k.unitKey());
        return out;
    }
}
