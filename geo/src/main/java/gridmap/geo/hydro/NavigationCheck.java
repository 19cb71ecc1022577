package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the two navigation methods honest against each other on real data: where the
 * Pfafstetter codes and the next_down links contradict, the walk and the rule give different
 * answers, and this says for which basins.
 *
 * <p>Checked without listing every upstream set (quadratic on a long main stem): each link must
 * be the one the codes imply ({@link Pfafstetter#nextDowns} within the basin's drainage system),
 * and each basin must have as many basins upstream by code as by walk. The rule is transitive,
 * so with every link agreeing each walk set lies inside the rule's set, and equal counts make
 * them equal.
 */
public final class NavigationCheck {
    private NavigationCheck() {}

    /** A basin where the methods disagree, and how. */
    public record Disagreement(String id, int upstreamByWalk, int upstreamByCode, String detail) {}

    public static List<Disagreement> check(BasinNetwork network) {
        Map<String, String> implied = impliedNextDowns(network);
        Map<String, Integer> walkCounts = network.upstreamCounts();
        List<Disagreement> out = new ArrayList<>();
        for (HydroBasin b : network.basins()) {
            int walk = walkCounts.get(b.id()), code = network.upstreamCountByCode(b.id());
            List<String> why = new ArrayList<>();
            String expected = implied.get(b.id());
            if (!Objects.equals(b.nextDown(), expected)) {
                why.add("next_down is " + describe(network, b.nextDown()) + ", the codes say " + describe(network, expected));
            }
            if (walk != code) why.add(walk + " basins upstream by the links, " + code + " by the codes");
            if (!why.isEmpty()) out.add(new Disagreement(b.id(), walk, code, String.join("; ", why)));
        }
        return out;
    }

    private static String describe(BasinNetwork network, String id) {
        return id == null ? "none (an outlet)" : id + " (code " + network.basin(id).pfafCode() + ")";
    }

    /** The next-down basin of each basin as its drainage system's codes imply it. */
    private static Map<String, String> impliedNextDowns(BasinNetwork network) {
        Map<String, Map<String, String>> idByCode = new HashMap<>(); // system and code length → code → id
        for (HydroBasin b : network.basins()) {
            idByCode.computeIfAbsent(b.mainBasin() + "/" + b.pfafCode().length(), k -> new HashMap<>()).put(b.pfafCode(), b.id());
        }
        Map<String, String> out = new HashMap<>();
        for (Map<String, String> system : idByCode.values()) {
            Map<String, String> down = Pfafstetter.nextDowns(system.keySet());
            for (var e : system.entrySet()) {
                String d = down.get(e.getKey());
                out.put(e.getValue(), d == null ? null : system.get(d));
            }
        }
        return out;
    }
}
