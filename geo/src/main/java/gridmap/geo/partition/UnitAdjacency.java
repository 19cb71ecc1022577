package gridmap.geo.partition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.geo.Polygons;
import gridmap.geo.metrics.TransverseMercator;

/**
 * Which units of a coverage are neighbours, and the length of border each pair shares, in metres.
 * Two units are adjacent when they share a border longer than a minimum (1 cm by default): units
 * that touch only at a point are not, so a group that is connected in this graph dissolves into one
 * polygon.
 *
 * <p>For an edge-matched coverage (neighbours share their vertices, as {@code CoverageValidator}
 * requires) shared borders are found exactly and fast by matching identical segments. Pairs that
 * share no identical segment but still intersect (borders that coincide without sharing vertices)
 * are measured by overlaying their boundaries, so such inputs are handled too, only slower.
 *
 * <pre>
 * UnitAdjacency adj = UnitAdjacency.of(units);
 * UnitAdjacency adj = new UnitAdjacency.Options().setMinSharedLength(5).compute(units);
 * </pre>
 */
public final class UnitAdjacency {
    private final int[][] neighbours;
    private final double[][] sharedLength;

    private UnitAdjacency(int[][] neighbours, double[][] sharedLength) {
        this.neighbours = neighbours;
        this.sharedLength = sharedLength;
    }

    /** The adjacency of units (polygons or multipolygons, lon/lat), with the default options. */
    public static UnitAdjacency of(List<? extends Geometry> units) { return new Options().compute(units); }

    /** How adjacency is computed. */
    public static final class Options {
        private double minSharedLengthM = 0.01;
        private TransverseMercator projection;

        /** Pairs sharing at most this many metres of border are not neighbours (default 0.01). */
        public Options setMinSharedLength(double metres) {
            if (!(metres >= 0)) throw new IllegalArgumentException("minimum shared length must be ≥ 0");
            this.minSharedLengthM = metres;
            return this;
        }

        /** Measure lengths in this projection (default: transverse Mercator about the middle of all units). */
        public Options setProjection(TransverseMercator projection) { this.projection = projection; return this; }

        public UnitAdjacency compute(List<? extends Geometry> units) {
            int n = units.size();
            Envelope all = new Envelope();
            for (Geometry g : units) all.expandToInclude(g.getEnvelopeInternal());
            TransverseMercator tm = projection != null ? projection
                    : new TransverseMercator(n == 0 ? 0 : all.centre().x, 1.0);
            List<Map<Integer, Double>> shared = new ArrayList<>(n);
            for (int i = 0; i < n; i++) shared.add(new TreeMap<>());

            // 1. identical segments: the exact, fast path for edge-matched coverages
            Map<Segment, Integer> firstOwner = new HashMap<>();
            for (int i = 0; i < n; i++) {
                for (LineString ring : rings(units.get(i))) {
                    CoordinateSequence s = ring.getCoordinateSequence();
                    for (int k = 1; k < s.size(); k++) {
                        Segment seg = Segment.of(s.getCoordinate(k - 1), s.getCoordinate(k));
                        Integer other = firstOwner.putIfAbsent(seg, i);
                        if (other != null && other != i) {
                            double len = tm.project(seg.x0, seg.y0).distance(tm.project(seg.x1, seg.y1));
                            shared.get(i).merge(other, len, Double::sum);
                            shared.get(other).merge(i, len, Double::sum);
                        }
                    }
                }
            }

            // 2. intersecting pairs without an identical segment: overlay their boundaries
            STRtree index = new STRtree();
            for (int i = 0; i < n; i++) index.insert(units.get(i).getEnvelopeInternal(), i);
            for (int i = 0; i < n; i++) {
                Geometry gi = units.get(i);
                PreparedGeometry pi = null;
                @SuppressWarnings("unchecked")
                List<Integer> candidates = index.query(gi.getEnvelopeInternal());
                candidates.sort(null);
                for (int j : candidates) {
                    if (j <= i || shared.get(i).containsKey(j)) continue;
                    if (pi == null) pi = PreparedGeometryFactory.prepare(gi);
                    if (!pi.intersects(units.get(j))) continue;
                    Geometry common = OverlayNGRobust.overlay(gi.getBoundary(), units.get(j).getBoundary(), OverlayNG.INTERSECTION);
                    double len = tm.project(common).getLength();
                    if (len > 0) {
                        shared.get(i).put(j, len);
                        shared.get(j).put(i, len);
                    }
                }
            }

            int[][] nb = new int[n][];
            double[][] len = new double[n][];
            for (int i = 0; i < n; i++) {
                // both sides of a pair summed the same lengths in the same order, so they agree on the cut
                Map<Integer, Double> m = shared.get(i);
                m.values().removeIf(v -> v <= minSharedLengthM);
                nb[i] = m.keySet().stream().mapToInt(Integer::intValue).toArray();
                len[i] = m.values().stream().mapToDouble(Double::doubleValue).toArray();
            }
            return new UnitAdjacency(nb, len);
        }
    }

    public int size() { return neighbours.length; }

    /** The neighbours of unit i, ascending. */
    public int[] neighbours(int i) { return neighbours[i].clone(); }

    /** The length in metres of the border units i and j share; 0 when they are not neighbours. */
    public double sharedLength(int i, int j) {
        int k = Arrays.binarySearch(neighbours[i], j);
        return k < 0 ? 0 : sharedLength[i][k];
    }

    public boolean adjacent(int i, int j) { return Arrays.binarySearch(neighbours[i], j) >= 0; }

    /** Every neighbouring pair once, as {i, j} with i &lt; j, in ascending order. */
    public List<int[]> pairs() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < neighbours.length; i++) {
            for (int j : neighbours[i]) if (i < j) out.add(new int[] {i, j});
        }
        return out;
    }

    /** Whether the given units form one connected group (an empty set is not). */
    public boolean connected(BitSet units) {
        int first = units.nextSetBit(0);
        if (first < 0) return false;
        BitSet seen = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(first);
        seen.set(first);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : neighbours[u]) {
                if (units.get(v) && !seen.get(v)) { seen.set(v); queue.add(v); }
            }
        }
        return seen.equals(units);
    }

    /** The connected components of the whole graph, each ascending, ordered by their smallest unit. */
    public List<int[]> components() {
        int n = neighbours.length;
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) continue;
            List<Integer> members = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(s);
            comp[s] = out.size();
            while (!queue.isEmpty()) {
                int u = queue.poll();
                members.add(u);
                for (int v : neighbours[u]) if (comp[v] < 0) { comp[v] = out.size(); queue.add(v); }
            }
            out.add(members.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        return out;
    }

    private static List<LineString> rings(Geometry g) {
        List<LineString> out = new ArrayList<>();
        for (Polygon p : Polygons.polygonsOf(g)) {
            out.add(p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRing(); i++) out.add(p.getInteriorRingN(i));
        }
        return out;
    }

    /** A segment without direction, keyed on the exact coordinates of its ends. */
    private record Segment(double x0, double y0, double x1, double y1) {
        static Segment of(Coordinate a, Coordinate b) {
            boolean swap = a.x > b.x || (a.x == b.x && a.y > b.y);
            return swap ? new Segment(b.x, b.y, a.x, a.y) : new Segment(a.x, a.y, b.x, b.y);
        }
    }
}
