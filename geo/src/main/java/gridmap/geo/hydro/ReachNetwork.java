package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * River reaches as a network, for distances along the water: how far upstream a place lies
 * from another, which reaches lie upstream within a distance. Positions are metres from a
 * reach's upstream end. Built only from input that passes {@link #validate} (unique ids,
 * links to members, no cycles, positive lengths).
 */
public final class ReachNetwork {
    /** A place on a reach, offsetM metres below its upstream end (0..length). */
    public record Position(String reachId, double offsetM) {}

    /** A reach upstream of a position, and the distance from its lowest point down to that position. */
    public record Upstream(String reachId, double distanceM) {}

    private final List<Reach> reaches;
    private final DownstreamGraph graph;

    private ReachNetwork(List<Reach> reaches) {
        this.reaches = List.copyOf(reaches);
        this.graph = DownstreamGraph.of(reaches.stream().map(Reach::id).toList(), reaches.stream().map(Reach::nextDown).toList());
    }

    public static List<NetworkProblem> validate(Collection<Reach> reaches) {
        List<Reach> list = new ArrayList<>(reaches);
        List<NetworkProblem> problems = new ArrayList<>(DownstreamGraph.validate(list.stream().map(Reach::id).toList(),
                list.stream().map(Reach::nextDown).toList()));
        for (Reach r : list) {
            if (!(r.lengthM() > 0) || Double.isInfinite(r.lengthM())) {
                problems.add(new NetworkProblem(r.id(), NetworkProblem.Kind.INVALID_AREA, "length " + r.lengthM() + " m is not a positive number"));
            }
        }
        return problems;
    }

    public static ReachNetwork of(Collection<Reach> reaches) {
        List<NetworkProblem> problems = validate(reaches);
        if (!problems.isEmpty()) throw new InvalidNetworkException(problems);
        return new ReachNetwork(new ArrayList<>(reaches));
    }

    public Reach reach(String id) { return reaches.get(graph.indexOf(id)); }

    /** Reaches from {@code id}'s next_down to the outlet, in flow order. */
    public List<String> downstream(String id) { return graph.idsOf(graph.downstream(graph.indexOf(id))); }

    /** Every reach flowing into {@code id}, directly or not (not itself), nearest first by links. */
    public List<String> upstream(String id) { return graph.idsOf(graph.upstream(graph.indexOf(id))); }

    /**
     * What lies upstream of {@code at} within {@code maxM} metres along the water: the reach of
     * {@code at} itself (distance 0: its part above the position) and each reach flowing into
     * it whose lowest point is at most maxM upstream, nearest first.
     */
    public Trace upstreamWithin(Position at, double maxM) {
        int start = graph.indexOf(at.reachId());
        Map<Integer, Double> dist = new HashMap<>();
        dist.put(start, 0.0);
        List<Integer> queue = new ArrayList<>();
        for (int u : graph.ups[start]) if (clamp(at) <= maxM) { dist.put(u, clamp(at)); queue.add(u); }
        for (int head = 0; head < queue.size(); head++) {
            int r = queue.get(head);
            double above = dist.get(r) + reaches.get(r).lengthM();
            if (above > maxM) continue;
            for (int u : graph.ups[r]) { dist.put(u, above); queue.add(u); }
        }
        List<Upstream> list = new ArrayList<>();
        for (var e : dist.entrySet()) list.add(new Upstream(graph.ids.get(e.getKey()), e.getValue()));
        list.sort(Comparator.comparingDouble(Upstream::distanceM).thenComparing(Upstream::reachId));
        return new Trace(at, maxM, list);
    }

    private double clamp(Position p) { return Math.max(0, Math.min(p.offsetM(), reach(p.reachId()).lengthM())); }

    /** The result of {@link #upstreamWithin}: the reaches, and the distance of any place on them. */
    public final class Trace {
        private final Position at;
        private final double maxM;
        private final List<Upstream> reaches;
        private final Map<String, Double> byReach = new HashMap<>();

        private Trace(Position at, double maxM, List<Upstream> reaches) {
            this.at = at;
            this.maxM = maxM;
            this.reaches = List.copyOf(reaches);
            for (Upstream u : reaches) byReach.put(u.reachId(), u.distanceM());
        }

        public List<Upstream> reaches() { return reaches; }

        /**
         * How far the water travels from {@code p} down to the traced position, in metres; empty
         * when {@code p} is not upstream of it (a place below it on the same reach, another branch)
         * or lies beyond the distance traced.
         */
        public OptionalDouble distanceM(Position p) {
            Double below = byReach.get(p.reachId());
            if (below == null) return OptionalDouble.empty();
            double d;
            if (p.reachId().equals(at.reachId())) {
                d = clamp(at) - clamp(p);
                if (d < 0) return OptionalDouble.empty();
            } else {
                d = below + reach(p.reachId()).lengthM() - clamp(p);
            }
            return d <= maxM ? OptionalDouble.of(d) : OptionalDouble.empty();
        }
    }
}
