package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape basins and reaches share: members by index, each with at most one downstream
 * member. Validation finds every duplicate id, dangling link and cycle member; navigation is
 * iterative (a main stem of 100,000 members does not overflow the stack).
 */
final class DownstreamGraph {
    final List<String> ids;
    final Map<String, Integer> index;
    /** index of the downstream member, -1 at an outlet. */
    final int[] down;
    /** upstream neighbours of each member. */
    final int[][] ups;

    private DownstreamGraph(List<String> ids, Map<String, Integer> index, int[] down) {
        this.ids = ids;
        this.index = index;
        this.down = down;
        int[] counts = new int[down.length];
        for (int d : down) if (d >= 0) counts[d]++;
        ups = new int[down.length][];
        for (int i = 0; i < down.length; i++) ups[i] = new int[counts[i]];
        int[] fill = new int[down.length];
        for (int i = 0; i < down.length; i++) if (down[i] >= 0) ups[down[i]][fill[down[i]]++] = i;
    }

    /** Duplicate or missing ids, links to missing members, and every member on a cycle. */
    static List<NetworkProblem> validate(List<String> ids, List<String> nextDowns) {
        List<NetworkProblem> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                problems.add(new NetworkProblem("#" + (i + 1), NetworkProblem.Kind.DUPLICATE_ID, "member " + (i + 1) + " has no id"));
            } else if (index.putIfAbsent(id, i) != null) {
                problems.add(new NetworkProblem(id, NetworkProblem.Kind.DUPLICATE_ID, "the id " + id + " is given more than once"));
            }
        }
        int[] down = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            String nd = nextDowns.get(i);
            down[i] = -1;
            if (nd == null) continue;
            Integer d = index.get(nd);
            if (d == null) {
                problems.add(new NetworkProblem(label(ids, i), NetworkProblem.Kind.DANGLING_LINK,
                        "next_down " + nd + " is not in the network"));
            } else {
                down[i] = d;
            }
        }
        problems.addAll(cycles(ids, down));
        return problems;
    }

    /** Builds a graph known to be valid (see {@link #validate}). */
    static DownstreamGraph of(List<String> ids, List<String> nextDowns) {
        List<NetworkProblem> problems = validate(ids, nextDowns);
        if (!problems.isEmpty()) throw new InvalidNetworkException(problems);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
        int[] down = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) down[i] = nextDowns.get(i) == null ? -1 : index.get(nextDowns.get(i));
        return new DownstreamGraph(List.copyOf(ids), index, down);
    }

    /**
     * Members on a cycle, one problem each, naming the whole cycle. With one link per member a
     * walk from any member either ends at an outlet or runs into a cycle, so one pass that
     * remembers where each walk has been finds every cycle once.
     */
    private static List<NetworkProblem> cycles(List<String> ids, int[] down) {
        int n = down.length;
        int[] walk = new int[n]; // 0 unseen, otherwise the number of the walk that saw it first
        List<NetworkProblem> out = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (walk[start] != 0) continue;
            int w = start + 1;
            int i = start;
            while (i >= 0 && walk[i] == 0) {
                walk[i] = w;
                i = down[i];
            }
            if (i >= 0 && walk[i] == w) { // came back to a member of this very walk: a new cycle
                List<Integer> members = new ArrayList<>();
                int j = i;
                do { members.add(j); j = down[j]; } while (j != i);
                StringBuilder path = new StringBuilder();
                for (int m : members) path.append(label(ids, m)).append(" → ");
                path.append(label(ids, i));
                for (int m : members) {
                    out.add(new NetworkProblem(label(ids, m), NetworkProblem.Kind.CYCLE,
                            members.size() == 1 ? "next_down points to itself" : "on the cycle " + path));
                }
            }
        }
        return out;
    }

    private static String label(List<String> ids, int i) {
        String id = ids.get(i);
        return id == null || id.isBlank() ? "#" + (i + 1) : id;
    }

    int size() { return down.length; }

    int indexOf(String id) {
        Integer i = index.get(id);
        if (i == null) throw new IllegalArgumentException("not in the network: " + id);
        return i;
    }

    /** Every member whose downstream chain reaches i (not i itself), breadth first: nearest in links first. */
    int[] upstream(int i) {
        int[] out = new int[16];
        int n = 0, head = 0;
        // a queue of neighbour lists still to visit: no recursion, no boxing of members
        List<int[]> frontier = new ArrayList<>();
        frontier.add(ups[i]);
        while (head < frontier.size()) {
            for (int u : frontier.get(head++)) {
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = u;
                if (ups[u].length > 0) frontier.add(ups[u]);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The members below i down to its outlet, in flow order (not i itself). */
    int[] downstream(int i) {
        int[] out = new int[8];
        int n = 0;
        for (int j = down[i]; j >= 0; j = down[j]) {
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = j;
        }
        return Arrays.copyOf(out, n);
    }

    /** The outlet (or inland sink) that i drains to; i itself when it is one. */
    int outlet(int i) {
        while (down[i] >= 0) i = down[i];
        return i;
    }

    /** Members ordered so that each comes before the one it drains into (sources first). */
    int[] sourcesFirst() {
        int n = size();
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) pending[i] = ups[i].length;
        int[] order = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) if (pending[i] == 0) order[tail++] = i;
        while (head < tail) {
            int d = down[order[head++]];
            if (d >= 0 && --pending[d] == 0) order[tail++] = d;
        }
        return order;
    }

    List<String> idsOf(int[] idx) {
        List<String> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(ids.get(i));
        return out;
    }
}
