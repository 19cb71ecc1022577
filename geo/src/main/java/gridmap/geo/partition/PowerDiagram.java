package gridmap.geo.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.locationtech.jts.geom.Envelope;

/**
 * The power diagram (Laguerre–Voronoi diagram) of weighted sites in a box: cell i holds the points p
 * where |p − s_i|² − w_i is smallest. With equal weights it is the Voronoi diagram; raising a weight
 * grows that cell, which is how {@link Regrid} makes cells hold equal numbers of households
 * (capacity-constrained power diagrams: Aurenhammer, Hoffmann and Aronov, "Minkowski-type theorems
 * and least-squares clustering", Algorithmica 20 (1998)).
 *
 * <p>Each cell is the box clipped by the half-planes towards every other site (convex polygon
 * clipping). Why not clip each cell on its own and be done: two neighbours would compute their
 * shared corner twice, to slightly different bits, and the pieces would not share vertices. Here
 * every corner is computed once from the sorted triple of what defines it (three sites, or two
 * sites and a side of the box), so neighbours get identical corners and the cells' edges coincide
 * exactly, as an edge-matched coverage requires.
 */
final class PowerDiagram {
    private static final int LEFT = -1, RIGHT = -2, BOTTOM = -3, TOP = -4;

    private final double[] x, y, w;
    private final Envelope box;

    PowerDiagram(double[] x, double[] y, double[] w, Envelope box) {
        this.x = x;
        this.y = y;
        this.w = w;
        this.box = box;
    }

    /** The cell of each site as a ring of corners (x0, y0, x1, y1, …, counter-clockwise, not closed); empty when the site has no cell. */
    List<double[]> cells() {
        int n = x.length;
        double wMax = Arrays.stream(w).max().orElse(0);
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(cell(i, wMax));
        return out;
    }

    private double[] cell(int i, double wMax) {
        List<Integer> edges = new ArrayList<>(List.of(BOTTOM, RIGHT, TOP, LEFT));
        Integer[] others = new Integer[x.length - 1];
        for (int j = 0, t = 0; j < x.length; j++) if (j != i) others[t++] = j;
        Arrays.sort(others, (a, b) -> Double.compare(dist2(i, a), dist2(i, b)));
        for (int j : others) {
            // sites further than this cannot cut the cell: their line lies beyond its furthest corner
            double d = Math.sqrt(dist2(i, j));
            double reach = radius(i, edges);
            if ((d * d - (wMax - w[i])) / (2 * d) > reach) break;
            edges = clip(i, edges, j);
            if (edges.isEmpty()) return new double[0];
        }
        double[] ring = new double[2 * edges.size()];
        for (int t = 0; t < edges.size(); t++) {
            double[] v = corner(i, edges.get(t), edges.get((t + 1) % edges.size()));
            ring[2 * t] = v[0];
            ring[2 * t + 1] = v[1];
        }
        return ring;
    }

    private double radius(int i, List<Integer> edges) {
        double r = 0;
        for (int t = 0; t < edges.size(); t++) {
            double[] v = corner(i, edges.get(t), edges.get((t + 1) % edges.size()));
            r = Math.max(r, Math.hypot(v[0] - x[i], v[1] - y[i]));
        }
        return r;
    }

    /** Cuts the cell of i (edges in order, each labelled by what made it) by the half-plane towards j. */
    private List<Integer> clip(int i, List<Integer> edges, int j) {
        int m = edges.size();
        boolean[] inside = new boolean[m]; // inside[t]: the corner where edge t ends
        boolean any = false, all = true;
        for (int t = 0; t < m; t++) {
            double[] v = corner(i, edges.get(t), edges.get((t + 1) % m));
            inside[t] = side(i, j, v[0], v[1]) <= 0;
            any |= inside[t];
            all &= inside[t];
        }
        if (all) return edges;
        if (!any) return List.of();
        List<Integer> out = new ArrayList<>(m + 1);
        for (int t = 0; t < m; t++) {
            boolean startIn = inside[(t + m - 1) % m], endIn = inside[t];
            if (startIn || endIn) out.add(edges.get(t));
            if (startIn && !endIn) out.add(j);
        }
        // a corner within rounding of the line can flip twice: never let one label follow itself
        for (int t = 0; out.size() > 2 && t < out.size(); t++) {
            if (out.get(t).equals(out.get((t + 1) % out.size()))) out.remove(t--);
        }
        return out.size() < 3 ? List.of() : out;
    }

    /** Power distance to i minus power distance to j, up to a factor: ≤ 0 on i's side of their line. */
    private double side(int i, int j, double px, double py) {
        int lo = Math.min(i, j), hi = Math.max(i, j);
        double[] l = line(lo, hi);
        double v = l[0] * px + l[1] * py - l[2];
        return i == lo ? v : -v;
    }

    /** The line between sites lo &lt; hi as A·x + B·y = C, always from the same arithmetic. */
    private double[] line(int lo, int hi) {
        return new double[] {2 * (x[hi] - x[lo]), 2 * (y[hi] - y[lo]),
                x[hi] * x[hi] + y[hi] * y[hi] - x[lo] * x[lo] - y[lo] * y[lo] + w[lo] - w[hi]};
    }

    /** The corner of cell i where edge a meets edge b, computed canonically from the sorted labels. */
    private double[] corner(int i, int a, int b) {
        if (a < 0 && b < 0) return new double[] {side(a, b) == LEFT ? box.getMinX() : box.getMaxX(), vertical(a) ? yOf(b) : yOf(a)};
        if (a < 0 || b < 0) {
            int s = Math.min(a, b), j = Math.max(a, b);
            double[] l = line(Math.min(i, j), Math.max(i, j));
            if (vertical(s)) {
                double vx = s == LEFT ? box.getMinX() : box.getMaxX();
                return new double[] {vx, (l[2] - l[0] * vx) / l[1]};
            }
            double vy = s == BOTTOM ? box.getMinY() : box.getMaxY();
            return new double[] {(l[2] - l[1] * vy) / l[0], vy};
        }
        int[] t = {i, a, b};
        Arrays.sort(t);
        double[] l1 = line(t[0], t[1]), l2 = line(t[0], t[2]);
        double det = l1[0] * l2[1] - l2[0] * l1[1];
        return new double[] {(l1[2] * l2[1] - l2[2] * l1[1]) / det, (l1[0] * l2[2] - l2[0] * l1[2]) / det};
    }

    private static boolean vertical(int side) { return side == LEFT || side == RIGHT; }

    /** Of two box sides meeting at a corner, the vertical one. */
    private static int side(int a, int b) { return vertical(a) ? a : b; }

    private double yOf(int horizontalSide) { return horizontalSide == BOTTOM ? box.getMinY() : box.getMaxY(); }

    private double dist2(int i, int j) {
        double dx = x[i] - x[j], dy = y[i] - y[j];
        return dx * dx + dy * dy;
    }
}
