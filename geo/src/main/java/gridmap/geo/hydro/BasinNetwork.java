package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The basins of one level as a drainage network, answering upstream and downstream two ways:
 * by walking {@code next_down} links ({@link Method#WALK}) and by the Pfafstetter rule on the
 * codes ({@link Method#PFAFSTETTER}, see {@link Pfafstetter}), which must agree on well-coded
 * data ({@link NavigationCheck} says where they do not).
 *
 * <p>Built only from input that passes {@link #validate}: unique ids, links to members, no
 * cycles, digit codes unique within their drainage system, positive areas, and valid polygonal
 * geometry where geometry is given. Results are lists of ids, nearest first.
 */
public final class BasinNetwork {
    /** How upstream and downstream are decided. */
    public enum Method {
        /** Follow next_down links (a recursive walk, done iteratively). */
        WALK,
        /** Compare Pfafstetter codes within the drainage system, no links followed. */
        PFAFSTETTER
    }

    private final List<HydroBasin> basins;
    private final DownstreamGraph graph;
    /** Sorted codes of each drainage system, and each code's member index. */
    private final Map<String, String[]> codesBySystem = new HashMap<>();
    private final Map<String, Map<String, Integer>> memberByCode = new HashMap<>();

    private BasinNetwork(List<HydroBasin> basins) {
        this.basins = List.copyOf(basins);
        this.graph = DownstreamGraph.of(basins.stream().map(HydroBasin::id).toList(),
                basins.stream().map(HydroBasin::nextDown).toList());
        for (int i = 0; i < basins.size(); i++) {
            memberByCode.computeIfAbsent(system(basins.get(i)), k -> new HashMap<>()).put(basins.get(i).pfafCode(), i);
        }
        for (var e : memberByCode.entrySet()) {
            String[] codes = e.getValue().keySet().toArray(String[]::new);
            Arrays.sort(codes);
            codesBySystem.put(e.getKey(), codes);
        }
    }

    /** The network of these basins; throws {@link InvalidNetworkException} listing every problem. */
    public static BasinNetwork of(Collection<HydroBasin> basins) {
        List<NetworkProblem> problems = validate(basins);
        if (!problems.isEmpty()) throw new InvalidNetworkException(problems);
        return new BasinNetwork(new ArrayList<>(basins));
    }

    /**
     * Everything wrong with these basins as one network, one problem per offending basin and
     * kind: what an import reports before it writes anything.
     */
    public static List<NetworkProblem> validate(Collection<HydroBasin> basins) {
        List<HydroBasin> list = new ArrayList<>(basins);
        List<String> ids = list.stream().map(HydroBasin::id).toList();
        List<NetworkProblem> problems = new ArrayList<>(DownstreamGraph.validate(ids, list.stream().map(HydroBasin::nextDown).toList()));
        java.util.Set<String> known = new java.util.HashSet<>(ids);
        Map<String, String> codeOwner = new HashMap<>();
        for (HydroBasin b : list) {
            String id = b.id() == null ? "?" : b.id();
            if (b.mainBasin() != null && !known.contains(b.mainBasin())) {
                problems.add(new NetworkProblem(id, NetworkProblem.Kind.DANGLING_LINK, "main basin " + b.mainBasin() + " is not in the network"));
            }
            if (!Pfafstetter.isCode(b.pfafCode())) {
                problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_CODE,
                        "Pfafstetter code '" + b.pfafCode() + "' is not 1-" + Pfafstetter.MAX_DIGITS + " digits"));
            } else {
                String other = codeOwner.putIfAbsent(system(b) + "\u0000" + b.pfafCode(), id);
                if (other != null) {
                    problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_CODE,
                            "Pfafstetter code " + b.pfafCode() + " is also basin " + other + "'s in the same drainage system"));
                }
            }
            if (!(b.subAreaKm2() > 0) || Double.isInfinite(b.subAreaKm2())) {
                problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_AREA, "area " + b.subAreaKm2() + " km² is not a positive number"));
            }
            if (b.upAreaKm2() != null && !(b.upAreaKm2() > 0 && Double.isFinite(b.upAreaKm2()))) {
                problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_AREA, "UP_AREA " + b.upAreaKm2() + " km² is not a positive number"));
            }
            if (b.geom() != null) geometryProblem(id, b.geom(), problems);
        }
        return problems;
    }

    private static void geometryProblem(String id, Geometry g, List<NetworkProblem> problems) {
        if (g.isEmpty()) {
            problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_GEOMETRY, "the geometry is empty"));
        } else if (!(g instanceof Polygonal)) {
            problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_GEOMETRY, "a basin must be a polygon, not a " + g.getGeometryType()));
        } else {
            TopologyValidationError err = new IsValidOp(g).getValidationError();
            if (err != null) problems.add(new NetworkProblem(id, NetworkProblem.Kind.INVALID_GEOMETRY, err.getMessage(), err.getCoordinate()));
        }
    }

    private static String system(HydroBasin b) { return Objects.requireNonNullElse(b.mainBasin(), ""); }

    public int size() { return basins.size(); }

    public HydroBasin basin(String id) { return basins.get(graph.indexOf(id)); }

    public List<HydroBasin> basins() { return basins; }

    /**
     * Every basin draining through {@code id} (not itself). The walk lists them nearest first
     * (by links), the rule highest code range first; compare the two as sets.
     */
    public List<String> upstream(String id, Method method) {
        return method == Method.WALK ? graph.idsOf(graph.upstream(graph.indexOf(id))) : upstreamByCode(id);
    }

    /** The basins from {@code id}'s next_down to its outlet, in flow order. */
    public List<String> downstream(String id, Method method) {
        return method == Method.WALK ? graph.idsOf(graph.downstream(graph.indexOf(id))) : downstreamByCode(id);
    }

    private List<String> upstreamByCode(String id) {
        HydroBasin target = basin(id);
        String[] codes = codesBySystem.get(system(target));
        Map<String, Integer> members = memberByCode.get(system(target));
        List<String> out = new ArrayList<>();
        // ranges come highest digit first (nearest levels first); within a range, codes in order
        for (String[] r : Pfafstetter.upstreamRanges(target.pfafCode())) {
            for (int i = lowerBound(codes, r[0]); i < codes.length && codes[i].compareTo(r[1]) < 0; i++) {
                if (codes[i].length() == target.pfafCode().length()) out.add(basins.get(members.get(codes[i])).id());
            }
        }
        return out;
    }

    private List<String> downstreamByCode(String id) {
        HydroBasin origin = basin(id);
        List<String> out = new ArrayList<>();
        for (String code : codesBySystem.get(system(origin))) {
            if (code.length() == origin.pfafCode().length() && Pfafstetter.isDownstream(origin.pfafCode(), code)) {
                out.add(basins.get(memberByCode.get(system(origin)).get(code)).id());
            }
        }
        // flow order: the codes below a basin get smaller as the water goes down
        out.sort((a, b) -> basin(b).pfafCode().compareTo(basin(a).pfafCode()));
        return out;
    }

    private static int lowerBound(String[] sorted, String key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(key) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** How many basins drain through {@code id} by the code rule, counted without listing them. */
    public int upstreamCountByCode(String id) {
        HydroBasin target = basin(id);
        String[] codes = codesBySystem.get(system(target));
        int n = 0;
        for (String[] r : Pfafstetter.upstreamRanges(target.pfafCode())) n += lowerBound(codes, r[1]) - lowerBound(codes, r[0]);
        return n;
    }

    /** The outlet or inland sink {@code id} drains to (itself when it is one). */
    public String outlet(String id) { return graph.ids.get(graph.outlet(graph.indexOf(id))); }

    /**
     * The drainage area at each basin's outlet: its own area plus everything upstream, in km²
     * (what HydroBASINS publishes as UP_AREA). One pass, sources first.
     */
    public Map<String, Double> drainageAreasKm2() {
        double[] acc = new double[graph.size()];
        for (int i = 0; i < acc.length; i++) acc[i] = basins.get(i).subAreaKm2();
        for (int i : graph.sourcesFirst()) if (graph.down[i] >= 0) acc[graph.down[i]] += acc[i];
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < acc.length; i++) out.put(graph.ids.get(i), acc[i]);
        return out;
    }

    /** How many basins drain through each basin, by the walk (one pass, sources first). */
    public Map<String, Integer> upstreamCounts() {
        int[] acc = new int[graph.size()];
        for (int i : graph.sourcesFirst()) if (graph.down[i] >= 0) acc[graph.down[i]] += acc[i] + 1;
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < acc.length; i++) out.put(graph.ids.get(i), acc[i]);
        return out;
    }

    /**
     * Distance along the network in km from the outlet of {@code from} down to the outlet of
     * {@code to}, which the caller knows lies downstream of it (or is it: 0), from the published
     * DIST_MAIN of both; empty when either is unknown.
     */
    public OptionalDouble distanceKm(String from, String to) {
        HydroBasin a = basin(from), b = basin(to);
        if (a.distMainKm() == null || b.distMainKm() == null) return OptionalDouble.empty();
        return OptionalDouble.of(Math.max(0, a.distMainKm() - b.distMainKm()));
    }
}
