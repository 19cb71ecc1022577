package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.locationtech.jts.geom.Geometry;

/**
 * Which units of a coverage touch along an edge (not just at a point), and how long each shared
 * border is. In a coverage (see the package invariant) neighbours share identical segments, so
 * one pass over all segments finds every border exactly; units whose borders do not match
 * vertex for vertex are not seen as touching, so clean them first ({@link CoverageClean}).
 */
public final class Contiguity {
    /** Units a &lt; b share a border lengthM metres long. */
    public record Border(int a, int b, double lengthM) {}

    private Contiguity() {}

    /** Every pair of units that share an edge, ordered by a then b. */
    public static List<Border> borders(List<? extends Geometry> units) {
        Map<Long, Double> lengths = new TreeMap<>();
        long n = units.size();
        SharedEdges.visit(units, (a, b, p, q) -> lengths.merge(Math.min(a, b) * n + Math.max(a, b), LocalMetres.distanceM(p, q), Double::sum));
        List<Border> out = new ArrayList<>(lengths.size());
        lengths.forEach((key, len) -> out.add(new Border((int) (key / n), (int) (key % n), len)));
        return out;
    }

    /**
     * The units grouped into sets connected by shared edges, each group ascending, groups in
     * order of their first unit; an empty unit is a group of its own.
     */
    public static List<List<Integer>> groups(List<? extends Geometry> units) {
        int[] parent = new int[units.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        for (Border b : borders(units)) parent[root(parent, b.a())] = root(parent, b.b());
        Map<Integer, List<Integer>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parent.length; i++) byRoot.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        return new ArrayList<>(byRoot.values());
    }

    /**
     * Whether the units are connected by shared edges: every unit can be reached from every
     * other through neighbours that share an edge with it (touching at a corner is not enough).
     * Empty units are left out; parts of one unit (an island) are that unit's own affair.
     */
    public static boolean isContiguous(List<? extends Geometry> units) {
        List<? extends Geometry> present = units.stream().filter(g -> !g.isEmpty()).toList();
        return groups(present).size() <= 1;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
