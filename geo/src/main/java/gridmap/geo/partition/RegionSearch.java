package gridmap.geo.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The search behind {@link PlanSuggest}: groups the units of one connected component into a given
 * number of regions, each connected in the adjacency graph, minimising a cost that combines the
 * distance of each region's size from the target range, its deviation from the ideal size, and
 * its isoperimetric deficit (1/Polsby-Popper − 1).
 *
 * <p>Why this shape of algorithm, after the regionalisation literature:
 * <ul>
 * <li>Construction, as in max-p-regions' growth phase and classic districting heuristics: seeds
 *     spread by k-means++ on unit centroids weighted by size, then regions grow one unit at a time,
 *     always the smallest region first, each taking the free neighbour nearest its centroid.</li>
 * <li>Local search, as in AZP (Openshaw and Rao 1995), but on pairs of neighbouring regions and
 *     exact: the units of two regions are re-split in the best way over <em>all</em> of their
 *     bipartitions into two connected parts (Gray-code enumeration with incremental sums) when the
 *     pair has at most {@value #EXHAUSTIVE_MAX} units; larger pairs fall back to AZP's single-unit
 *     moves. A pair re-split subsumes AZP moves and swaps between the two regions and cannot get
 *     stuck where a one-unit move would leave the donor disconnected.</li>
 * <li>Perturbation, as in GerryChain's recombination (ReCom): two neighbouring regions are merged
 *     and re-cut along an edge of a random spanning tree, then local search runs again; a round
 *     that does not beat the best plan is undone (iterated local search with restarts; a start ends
 *     after a set number of rounds, or once a fifth of them in a row found nothing better).</li>
 * </ul>
 * Perimeters come from the graph alone (sum of unit perimeters minus twice the shared border inside
 * the region), exact for a coverage, so no geometry is touched while searching. Every random choice
 * comes from one {@link SplittableRandom} and every iteration order is fixed, so a seed determines
 * the result. Every region is connected at every step: construction grows along shared borders,
 * re-splits accept only connected parts, single moves only when the donor stays connected.
 */
final class RegionSearch {
    static final int EXHAUSTIVE_MAX = 12;
    /**
     * Cost of a region outside the range, before its distance: larger than any compactness or balance
     * term can reasonably be, so that a plan with fewer regions outside always wins.
     */
    static final double RANGE_WEIGHT = 1000;
    private static final double EPS = 1e-9;
    private static final int STALL_MIN = 30;

    // the problem
    private final int n;
    private final double[] size, area, perim, cx, cy;
    private final int[][] nb;
    private final double[][] nbLen;
    private final double min, max, ideal, balanceWeight, compactWeight;

    // the state
    private final int[] region;
    private int k;
    private double[] rSize, rArea, rPerim;
    private BitSet[] members;
    private long[] stamp;
    private long clock;
    /** Pairs of regions found optimal, with the stamps both had then: skipped until one changes. */
    private Map<Long, long[]> checked;

    RegionSearch(double[] size, double[] area, double[] perim, double[] cx, double[] cy, UnitAdjacency adjacency,
                 double min, double max, double ideal, double balanceWeight, double compactWeight) {
        this.n = size.length;
        this.size = size;
        this.area = area;
        this.perim = perim;
        this.cx = cx;
        this.cy = cy;
        this.nb = new int[n][];
        this.nbLen = new double[n][];
        for (int i = 0; i < n; i++) {
            nb[i] = adjacency.neighbours(i);
            nbLen[i] = new double[nb[i].length];
            for (int t = 0; t < nb[i].length; t++) nbLen[i][t] = adjacency.sharedLength(i, nb[i][t]);
        }
        this.min = min;
        this.max = max;
        this.ideal = ideal;
        this.balanceWeight = balanceWeight;
        this.compactWeight = compactWeight;
        this.region = new int[n];
    }

    /** The cost of one region with these sums. */
    double cost(double s, double a, double p) {
        double out = (s < min ? min - s : s > max ? s - max : 0) / ideal;
        double dev = (s - ideal) / ideal;
        double iso = a > 0 ? p * p / (4 * Math.PI * a) - 1 : 0;
        return (out > 0 ? RANGE_WEIGHT * (1 + 10 * out) : 0) + balanceWeight * dev * dev + compactWeight * Math.max(0, iso);
    }

    /** Best grouping found of the given units (one connected component) into regions regions. */
    Solution solve(int[] units, int regions, SplittableRandom rng, int restarts, int rounds) {
        Solution best = null;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            construct(units, regions, rng);
            localSearch(rng);
            Solution current = snapshot(units);
            Solution runBest = current;
            // a start ends after its rounds, or sooner once this many rounds in a row found nothing better
            int patience = Math.max(STALL_MIN, rounds / 5), stalled = 0;
            for (int round = 0; round < rounds && regions > 1 && stalled < patience; round++) {
                perturb(rng);
                localSearch(rng);
                Solution s = snapshot(units);
                if (s.cost < runBest.cost - EPS) { runBest = s; stalled = 0; }
                else { restore(runBest); stalled++; }
            }
            if (best == null || runBest.cost < best.cost - EPS) best = runBest;
        }
        return best;
    }

    /** A grouping: region of each unit (indexed like the component's units), its cost, and how many regions miss the range. */
    record Solution(int[] units, int[] regionOf, double cost, int outside) {}

    // ---- construction ------------------------------------------------------------------------

    private void construct(int[] units, int regions, SplittableRandom rng) {
        k = regions;
        rSize = new double[k];
        rArea = new double[k];
        rPerim = new double[k];
        members = new BitSet[k];
        stamp = new long[k];
        checked = new HashMap<>();
        for (int r = 0; r < k; r++) members[r] = new BitSet(n);
        Arrays.fill(region, -1);
        double[] sx = new double[k], sy = new double[k];
        // k-means++ seeds on centroids, weighted by size: spread out, more of them where people live
        double[] d2 = new double[units.length];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int r = 0; r < k; r++) {
            double total = 0;
            double[] w = new double[units.length];
            for (int t = 0; t < units.length; t++) {
                int u = units[t];
                // tiny floors: units with no people, or at a seed's very centroid, can still be drawn
                w[t] = region[u] >= 0 ? 0 : Math.max(size[u], 1e-9) * (r == 0 ? 1 : d2[t] + 1e-9);
                total += w[t];
            }
            int pick = -1;
            double x = rng.nextDouble() * total;
            for (int t = 0; t < units.length; t++) {
                if (w[t] <= 0) continue;
                pick = t;
                x -= w[t];
                if (x < 0) break;
            }
            int u = units[pick];
            add(u, r);
            sx[r] = cx[u];
            sy[r] = cy[u];
            for (int t = 0; t < units.length; t++) {
                double dx = cx[units[t]] - cx[u], dy = cy[units[t]] - cy[u];
                d2[t] = Math.min(d2[t], dx * dx + dy * dy);
            }
        }
        // grow: the smallest region that can still grow takes its free neighbour nearest its centroid
        int free = units.length - k;
        boolean[] stuck = new boolean[k];
        while (free > 0) {
            int r = -1;
            for (int q = 0; q < k; q++) if (!stuck[q] && (r < 0 || rSize[q] < rSize[r])) r = q;
            if (r < 0) throw new IllegalStateException("units left over that touch no region: the component is not connected");
            double gx = 0, gy = 0;
            for (int u = members[r].nextSetBit(0); u >= 0; u = members[r].nextSetBit(u + 1)) { gx += cx[u] * area[u]; gy += cy[u] * area[u]; }
            gx /= rArea[r];
            gy /= rArea[r];
            int bestU = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int u = members[r].nextSetBit(0); u >= 0; u = members[r].nextSetBit(u + 1)) {
                for (int v : nb[u]) {
                    if (region[v] != -1 || !inComponent(v, units)) continue;
                    double dx = cx[v] - gx, dy = cy[v] - gy, d = dx * dx + dy * dy;
                    if (d < bestD || (d == bestD && v < bestU)) { bestD = d; bestU = v; }
                }
            }
            if (bestU < 0) { stuck[r] = true; continue; }
            add(bestU, r);
            free--; // a stuck region stays stuck: free units only get fewer
        }
    }

    private boolean inComponent(int v, int[] units) { return Arrays.binarySearch(units, v) >= 0; }

    private void add(int u, int r) {
        double inside = sharedWith(u, r);
        region[u] = r;
        members[r].set(u);
        rSize[r] += size[u];
        rArea[r] += area[u];
        rPerim[r] += perim[u] - 2 * inside;
        stamp[r] = ++clock;
    }

    private void remove(int u) {
        int r = region[u];
        members[r].clear(u);
        region[u] = -1;
        double inside = sharedWith(u, r);
        rSize[r] -= size[u];
        rArea[r] -= area[u];
        rPerim[r] -= perim[u] - 2 * inside;
        stamp[r] = ++clock;
    }

    /** Border u shares with the members of region r (u itself excluded). */
    private double sharedWith(int u, int r) {
        double s = 0;
        for (int t = 0; t < nb[u].length; t++) if (region[nb[u][t]] == r && nb[u][t] != u) s += nbLen[u][t];
        return s;
    }

    // ---- local search ------------------------------------------------------------------------

    private void localSearch(SplittableRandom rng) {
        boolean improved = true;
        while (improved) {
            improved = false;
            List<long[]> pairs = regionPairs();
            shuffle(pairs, rng);
            for (long[] p : pairs) {
                int a = (int) p[0], b = (int) p[1];
                long key = (long) a * k + b;
                long[] last = checked.get(key);
                if (last != null && last[0] == stamp[a] && last[1] == stamp[b]) continue; // unchanged since found optimal
                boolean better = members[a].cardinality() + members[b].cardinality() <= EXHAUSTIVE_MAX
                        ? resplitExhaustive(a, b) : singleMoves(a, b);
                if (better) improved = true;
                else checked.put(key, new long[] {stamp[a], stamp[b]});
            }
        }
    }

    private List<long[]> regionPairs() {
        BitSet seen = new BitSet();
        List<long[]> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int a = region[u];
            if (a < 0) continue;
            for (int v : nb[u]) {
                int b = region[v];
                if (b < 0 || b == a) continue;
                int lo = Math.min(a, b), hi = Math.max(a, b);
                int bit = lo * k + hi;
                if (!seen.get(bit)) { seen.set(bit); out.add(new long[] {lo, hi}); }
            }
        }
        return out;
    }

    /** Re-splits regions a and b in the best of all ways into two connected parts; true when that lowered the cost. */
    private boolean resplitExhaustive(int a, int b) {
        BitSet both = (BitSet) members[a].clone();
        both.or(members[b]);
        int m = both.cardinality();
        int[] local = both.stream().toArray();
        long[] adj = new long[m];
        double[][] len = new double[m][m];
        for (int i = 0; i < m; i++) {
            int u = local[i];
            for (int t = 0; t < nb[u].length; t++) {
                int j = Arrays.binarySearch(local, nb[u][t]);
                if (j >= 0) { adj[i] |= 1L << j; len[i][j] = nbLen[u][t]; }
            }
        }
        double totalSize = rSize[a] + rSize[b], totalArea = rArea[a] + rArea[b];
        double perimSumAll = 0;
        for (int u : local) perimSumAll += perim[u];
        double current = cost(rSize[a], rArea[a], rPerim[a]) + cost(rSize[b], rArea[b], rPerim[b]);

        // S always holds local unit 0; Gray code over the others
        long s = 1L;
        double sSize = size[local[0]], sArea = area[local[0]], sPerimSum = perim[local[0]], sInside = 0;
        double tInside = 0;
        for (int i = 1; i < m; i++) for (int j = i + 1; j < m; j++) tInside += len[i][j];
        long full = (1L << m) - 1;
        double bestCost = current - EPS;
        long bestS = -1;
        double c0 = cost(sSize, sArea, sPerimSum) + cost(totalSize - sSize, totalArea - sArea, perimSumAll - sPerimSum - 2 * tInside);
        if (c0 < bestCost && connected(full & ~s, adj)) { bestCost = c0; bestS = s; }
        long count = 1L << (m - 1);
        for (long g = 1; g < count; g++) {
            int j = Long.numberOfTrailingZeros(g) + 1;
            long bit = 1L << j;
            double withS = 0, withT = 0;
            for (int l = 0; l < m; l++) {
                if (l == j || len[j][l] == 0) continue;
                if ((s & (1L << l)) != 0) withS += len[j][l]; else withT += len[j][l];
            }
            int u = local[j];
            if ((s & bit) == 0) { // j moves from T to S
                s |= bit;
                sSize += size[u]; sArea += area[u]; sPerimSum += perim[u];
                sInside += withS;
                tInside -= withT;
            } else {               // j moves from S to T
                s &= ~bit;
                sSize -= size[u]; sArea -= area[u]; sPerimSum -= perim[u];
                sInside -= withS;
                tInside += withT;
            }
            long t = full & ~s;
            if (t == 0) continue;
            double c = cost(sSize, sArea, sPerimSum - 2 * sInside)
                    + cost(totalSize - sSize, totalArea - sArea, perimSumAll - sPerimSum - 2 * tInside);
            if (c < bestCost && connected(s, adj) && connected(t, adj)) { bestCost = c; bestS = s; }
        }
        if (bestS < 0) return false;
        for (int i = 0; i < m; i++) {
            int u = local[i];
            int want = (bestS & (1L << i)) != 0 ? a : b;
            if (region[u] != want) { remove(u); add(u, want); }
        }
        return true;
    }

    private static boolean connected(long set, long[] adj) {
        long reach = Long.lowestOneBit(set), frontier = reach;
        while (frontier != 0) {
            long next = 0;
            for (long f = frontier; f != 0; f &= f - 1) next |= adj[Long.numberOfTrailingZeros(f)];
            next &= set & ~reach;
            reach |= next;
            frontier = next;
        }
        return reach == set;
    }

    /** AZP moves between a and b for pairs too large to enumerate: any single unit whose move lowers the cost. */
    private boolean singleMoves(int a, int b) {
        boolean any = false, moved = true;
        while (moved) {
            moved = false;
            for (int[] dir : new int[][] {{a, b}, {b, a}}) {
                int from = dir[0], to = dir[1];
                for (int u = members[from].nextSetBit(0); u >= 0; u = members[from].nextSetBit(u + 1)) {
                    if (members[from].cardinality() == 1) break;
                    double toShared = sharedWith(u, to);
                    if (toShared == 0) continue;
                    double fromShared = sharedWith(u, from);
                    double before = cost(rSize[from], rArea[from], rPerim[from]) + cost(rSize[to], rArea[to], rPerim[to]);
                    double after = cost(rSize[from] - size[u], rArea[from] - area[u], rPerim[from] - perim[u] + 2 * fromShared)
                            + cost(rSize[to] + size[u], rArea[to] + area[u], rPerim[to] + perim[u] - 2 * toShared);
                    if (after >= before - EPS || !staysConnectedWithout(from, u)) continue;
                    remove(u);
                    add(u, to);
                    moved = any = true;
                }
            }
        }
        return any;
    }

    private boolean staysConnectedWithout(int r, int u) {
        BitSet rest = (BitSet) members[r].clone();
        rest.clear(u);
        int first = rest.nextSetBit(0);
        if (first < 0) return false;
        BitSet seen = new BitSet();
        int[] stack = new int[rest.cardinality()];
        int top = 0;
        stack[top++] = first;
        seen.set(first);
        while (top > 0) {
            int x = stack[--top];
            for (int v : nb[x]) if (rest.get(v) && !seen.get(v)) { seen.set(v); stack[top++] = v; }
        }
        return seen.cardinality() == rest.cardinality();
    }

    // ---- perturbation (ReCom) ----------------------------------------------------------------

    /** Merges two neighbouring regions and re-cuts them along an edge of a random spanning tree. */
    private void perturb(SplittableRandom rng) {
        List<long[]> pairs = regionPairs();
        if (pairs.isEmpty()) return;
        long[] p = pairs.get(rng.nextInt(pairs.size()));
        int a = (int) p[0], b = (int) p[1];
        BitSet both = (BitSet) members[a].clone();
        both.or(members[b]);
        int[] local = both.stream().toArray();
        int m = local.length;
        // random spanning tree: Kruskal on random edge weights
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int v : nb[local[i]]) {
                int j = Arrays.binarySearch(local, v);
                if (j > i) edges.add(new int[] {i, j});
            }
        }
        double[] w = new double[edges.size()];
        for (int e = 0; e < w.length; e++) w[e] = rng.nextDouble();
        Integer[] order = new Integer[edges.size()];
        for (int e = 0; e < order.length; e++) order[e] = e;
        Arrays.sort(order, (x, y) -> Double.compare(w[x], w[y]));
        int[] parent = new int[m];
        for (int i = 0; i < m; i++) parent[i] = i;
        List<List<Integer>> tree = new ArrayList<>();
        for (int i = 0; i < m; i++) tree.add(new ArrayList<>());
        for (int e : order) {
            int x = find(parent, edges.get(e)[0]), y = find(parent, edges.get(e)[1]);
            if (x == y) continue;
            parent[x] = y;
            tree.get(edges.get(e)[0]).add(edges.get(e)[1]);
            tree.get(edges.get(e)[1]).add(edges.get(e)[0]);
        }
        // subtree sizes from root 0; each non-root node's edge to its parent is a possible cut
        int[] par = new int[m], ord = new int[m];
        Arrays.fill(par, -2);
        par[0] = -1;
        int head = 0, tail = 0;
        ord[tail++] = 0;
        while (head < tail) {
            int x = ord[head++];
            for (int y : tree.get(x)) if (par[y] == -2) { par[y] = x; ord[tail++] = y; }
        }
        double[] sub = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            int x = ord[i];
            sub[x] += size[local[x]];
            if (par[x] >= 0) sub[par[x]] += sub[x];
        }
        double total = rSize[a] + rSize[b];
        List<Integer> good = new ArrayList<>();
        int bestCut = -1;
        double bestOut = Double.POSITIVE_INFINITY;
        for (int x = 1; x < m; x++) {
            double out = outside(sub[x]) + outside(total - sub[x]);
            if (out == 0) good.add(x);
            if (out < bestOut) { bestOut = out; bestCut = x; }
        }
        if (bestCut < 0) return; // one unit: nothing to cut
        int cut = good.isEmpty() ? bestCut : good.get(rng.nextInt(good.size()));
        // the subtree below cut goes to a, the rest to b
        boolean[] inSub = new boolean[m];
        for (int i = 0; i < m; i++) {
            int x = ord[i];
            inSub[x] = x == cut || (par[x] >= 0 && inSub[par[x]]);
        }
        for (int i = 0; i < m; i++) {
            int u = local[i];
            int want = inSub[i] ? a : b;
            if (region[u] != want) { remove(u); add(u, want); }
        }
    }

    private double outside(double s) { return s < min ? min - s : s > max ? s - max : 0; }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
        return x;
    }

    // ---- bookkeeping -------------------------------------------------------------------------

    private Solution snapshot(int[] units) {
        recomputeSums(units);
        int[] of = new int[units.length];
        double c = 0;
        int out = 0;
        for (int t = 0; t < units.length; t++) of[t] = region[units[t]];
        for (int r = 0; r < k; r++) {
            c += cost(rSize[r], rArea[r], rPerim[r]);
            if (outside(rSize[r]) > 0) out++;
        }
        return new Solution(units, of, c, out);
    }

    /** Sums afresh, so that rounding from many incremental moves never decides between two plans. */
    private void recomputeSums(int[] units) {
        Arrays.fill(rSize, 0);
        Arrays.fill(rArea, 0);
        Arrays.fill(rPerim, 0);
        for (int u : units) {
            int r = region[u];
            rSize[r] += size[u];
            rArea[r] += area[u];
            rPerim[r] += perim[u];
            for (int t = 0; t < nb[u].length; t++) if (region[nb[u][t]] == r) rPerim[r] -= nbLen[u][t]; // each inner edge seen from both ends
        }
    }

    private void restore(Solution s) {
        for (int t = 0; t < s.units.length; t++) {
            int u = s.units[t];
            if (region[u] != s.regionOf[t]) { remove(u); add(u, s.regionOf[t]); }
        }
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
