package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;

/**
 * Cleans sibling polygons (the units of one parent, the cells of one community) into a valid
 * coverage: no overlaps, no gaps narrower than a gap width, and neighbours that share every
 * vertex of their common borders. Meant to run once, when boundaries enter the system; every
 * change it makes is reported per unit (area moved in and out, and the pieces themselves).
 *
 * <p>How: each input is repaired ({@link GeometryFixer}); all their rings are noded together by
 * snap-rounding to a fixed grid (default 1e-8°, about 1 mm) and polygonized into faces; each
 * face is then owned as follows.
 * <ul>
 * <li>A face inside exactly one input goes to that unit.</li>
 * <li>A face inside two or more inputs (an overlap) goes to the one of them that shares the
 *     longest border with it (faces already owned count, so an overlap adjacent to other
 *     overlaps is decided after them); when none of them touches it along an edge, to the one
 *     with the largest input area; ties go to the lower index.</li>
 * <li>A face inside no input (a gap: a hole in the union of the inputs) whose width (the
 *     diameter of its largest inscribed circle, in metres, see {@link LocalMetres}) is at most
 *     the gap width goes to the unit that shares the longest border with it. Wider gaps stay
 *     open and are reported in {@link Result#gapsKept()}.</li>
 * </ul>
 * Each unit is then the exact union of its faces. Whether a face lies inside an input is
 * decided at its interior point, so only a face thinner than the grid could be misjudged, and
 * its area is then under a square metre per kilometre of its length.
 *
 * <p>Guarantees of {@link #clean()}: the result has one MultiPolygon per input, in input order;
 * each is valid (an empty MultiPolygon when the unit vanished, and then its index is in
 * {@link Result#vanished()}); the non-empty ones pass JTS {@link CoverageValidator} with no
 * invalid edge and do not overlap; all vertices lie on the grid; the union of the result is the
 * union of the inputs, plus the gaps that were closed, give or take the snapping to the grid.
 * These guarantees are checked before the result is returned: a violation (a bug) throws
 * {@link IllegalStateException} rather than returning a bad coverage.
 */
public final class CoverageClean {
    /**
     * 250 m: the widest sliver between neighbouring districts in the published Anhui data is
     * 157 m wide (its coordinates are quantised to about 100 m), while the narrowest real hole
     * in a city (an enclave of another city, also a hole in the official city outline) is 451 m
     * wide. 250 m closes every sliver and keeps every enclave.
     */
    public static final double DEFAULT_GAP_WIDTH_M = 250;
    /** 1e-8 degrees, about 1 mm: the grid of the demo's partitions. */
    public static final double DEFAULT_GRID_SIZE = 1e-8;

    private final List<? extends Geometry> input;
    private double gapWidthM = DEFAULT_GAP_WIDTH_M;
    private double gridSize = DEFAULT_GRID_SIZE;

    /**
     * The result: {@code cleaned} has one valid MultiPolygon per input, in input order (empty
     * when the unit vanished); {@code changes} one entry per input; {@code gapsKept} the gaps
     * wider than the gap width, left open; {@code vanished} the indexes whose unit has no area
     * left (an empty or degenerate input, or one wholly inside neighbours that won every
     * overlap), never dropped silently.
     */
    public record Result(List<Geometry> cleaned, List<UnitChange> changes, List<Gap> gapsKept, List<Integer> vanished) {
        public Result {
            cleaned = List.copyOf(cleaned);
            changes = List.copyOf(changes);
            gapsKept = List.copyOf(gapsKept);
            vanished = List.copyOf(vanished);
        }
    }

    /**
     * What cleaning did to one input, in m²: the area of the repaired input and of the result,
     * and the pieces that moved in (gaps closed into this unit) and out (overlaps given to a
     * neighbour), as MultiPolygons (empty when nothing moved), so a UI can draw them.
     * Snapping vertices to the grid is not counted as a move, so areaAfter equals
     * areaBefore + movedIn − movedOut to within that snapping.
     */
    public record UnitChange(int index, double areaBeforeM2, double areaAfterM2, double movedInM2, double movedOutM2,
                             Geometry movedIn, Geometry movedOut) {
        public boolean changed() { return movedInM2 > 0 || movedOutM2 > 0; }
    }

    /** A gap left open: its polygon, area in m² and width in metres (the largest inscribed circle's diameter). */
    public record Gap(Geometry polygon, double areaM2, double widthM) {}

    /** @param polygons Polygons or MultiPolygons in lon/lat, valid or not; empty ones are allowed */
    public CoverageClean(List<? extends Geometry> polygons) {
        Inputs.checkPolygonal(polygons);
        this.input = List.copyOf(polygons);
    }

    /** Cleans with the default gap width and grid. */
    public static Result clean(List<? extends Geometry> polygons) {
        return new CoverageClean(polygons).clean();
    }

    /** Gaps at most this wide (metres) are closed; 0 closes none. */
    public CoverageClean setGapWidth(double metres) {
        this.gapWidthM = Inputs.checkGapWidth(metres);
        return this;
    }

    /** The grid (degrees) all vertices are snapped to when noding; default {@value #DEFAULT_GRID_SIZE}. */
    public CoverageClean setGridSize(double degrees) {
        this.gridSize = Inputs.checkGridSize(degrees);
        return this;
    }

    static PrecisionModel grid(double gridSize) {
        double scale = 1 / gridSize;
        // 1 / 1e-8 is 99999999.99999999 in binary: use the integer the caller meant
        if (Math.abs(scale - Math.rint(scale)) < 1e-6 * scale) scale = Math.rint(scale);
        return new PrecisionModel(scale);
    }

    public Result clean() {
        PrecisionModel pm = grid(gridSize);
        int n = input.size();
        List<MultiPolygon> originals = new ArrayList<>(n);
        for (Geometry g : input) originals.add(repaired(g));

        FaceGraph graph = FaceGraph.of(originals, pm);
        int faces = graph.faces.size();
        List<int[]> parents = coveringInputs(graph.faces, originals);
        int[] owner = new int[faces];
        Arrays.fill(owner, -1);
        List<Integer> overlaps = new ArrayList<>(), gaps = new ArrayList<>();
        for (int f = 0; f < faces; f++) {
            int[] p = parents.get(f);
            if (p.length == 1) owner[f] = p[0];
            else if (p.length > 1) overlaps.add(f);
            else gaps.add(f);
        }

        double[] inputArea = originals.stream().mapToDouble(EqualAreaMeasure::areaM2).toArray();
        List<Integer> undecided = ownByLongestBorder(graph, owner, overlaps, parents::get);
        for (int f : undecided) owner[f] = largest(parents.get(f), inputArea);

        List<Integer> narrowGaps = new ArrayList<>();
        List<Gap> gapsKept = new ArrayList<>();
        for (int f : gaps) {
            Polygon face = graph.faces.get(f);
            double area = EqualAreaMeasure.areaM2(face);
            if (gapWidthM > 0 && LocalMetres.widthUpperBoundM(area) <= gapWidthM) {
                narrowGaps.add(f);
                continue;
            }
            double width = LocalMetres.widthM(face, Math.max(0.01, gapWidthM / 100));
            if (width <= gapWidthM) narrowGaps.add(f);
            else gapsKept.add(new Gap(Polygons.toMultiPolygon(face), area, width));
        }
        // a narrow gap with no owned face along its border (none in practice) stays open
        for (int f : ownByLongestBorder(graph, owner, narrowGaps, face -> null)) {
            Polygon face = graph.faces.get(f);
            gapsKept.add(new Gap(Polygons.toMultiPolygon(face), EqualAreaMeasure.areaM2(face), LocalMetres.widthM(face, 0.01)));
        }

        return assemble(graph, pm, originals, parents, owner, inputArea, gapsKept);
    }

    private Result assemble(FaceGraph graph, PrecisionModel pm, List<MultiPolygon> originals, List<int[]> parents,
                            int[] owner, double[] inputArea, List<Gap> gapsKept) {
        int n = originals.size();
        List<List<Polygon>> owned = lists(n), in = lists(n), out = lists(n);
        for (int f = 0; f < owner.length; f++) {
            Polygon face = graph.faces.get(f);
            int o = owner[f];
            if (o >= 0) {
                owned.get(o).add(face);
                if (!contains(parents.get(f), o)) in.get(o).add(face);
            }
            for (int p : parents.get(f)) if (p != o) out.get(p).add(face);
        }
        List<Geometry> cleaned = new ArrayList<>(n);
        List<UnitChange> changes = new ArrayList<>(n);
        List<Integer> vanished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MultiPolygon unit = ExactUnion.union(owned.get(i), pm).geometry();
            MultiPolygon movedIn = ExactUnion.union(in.get(i), pm).geometry();
            MultiPolygon movedOut = ExactUnion.union(out.get(i), pm).geometry();
            cleaned.add(unit);
            if (unit.isEmpty()) vanished.add(i);
            changes.add(new UnitChange(i, inputArea[i], EqualAreaMeasure.areaM2(unit), EqualAreaMeasure.areaM2(movedIn),
                    EqualAreaMeasure.areaM2(movedOut), movedIn, movedOut));
        }
        verify(cleaned);
        return new Result(cleaned, changes, gapsKept, vanished);
    }

    /**
     * Gives each face to the candidate unit that shares the longest border with it, repeating
     * while that decides more faces (a face may only touch other undecided faces at first).
     * candidates(face) == null means any unit. Returns the faces left undecided.
     */
    private static List<Integer> ownByLongestBorder(FaceGraph graph, int[] owner, List<Integer> faces,
                                                    java.util.function.IntFunction<int[]> candidates) {
        List<Integer> pending = new ArrayList<>(faces);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            List<Integer> next = new ArrayList<>();
            for (int f : pending) {
                int best = longestBorder(graph, owner, f, candidates.apply(f));
                if (best >= 0) {
                    owner[f] = best;
                    progress = true;
                } else {
                    next.add(f);
                }
            }
            pending = next;
        }
        return pending;
    }

    private static int longestBorder(FaceGraph graph, int[] owner, int face, int[] candidates) {
        Map<Integer, Double> byUnit = new HashMap<>();
        graph.neighbours(face).forEach((g, len) -> {
            int u = owner[g];
            if (u >= 0 && (candidates == null || contains(candidates, u))) byUnit.merge(u, len, Double::sum);
        });
        int best = -1;
        double bestLen = 0;
        for (Map.Entry<Integer, Double> e : byUnit.entrySet()) {
            int u = e.getKey();
            double len = e.getValue();
            if (len > bestLen || (len == bestLen && best >= 0 && u < best)) {
                best = u;
                bestLen = len;
            }
        }
        return best;
    }

    private static int largest(int[] candidates, double[] area) {
        int best = candidates[0];
        for (int u : candidates) if (area[u] > area[best] || (area[u] == area[best] && u < best)) best = u;
        return best;
    }

    /** For each face, the indexes of the inputs that cover its interior point, ascending. */
    private static List<int[]> coveringInputs(List<Polygon> faces, List<MultiPolygon> originals) {
        STRtree index = new STRtree();
        for (int i = 0; i < originals.size(); i++) {
            if (!originals.get(i).isEmpty()) index.insert(originals.get(i).getEnvelopeInternal(), i);
        }
        Map<Integer, IndexedPointInAreaLocator> locators = new HashMap<>();
        List<int[]> out = new ArrayList<>(faces.size());
        for (Polygon face : faces) {
            Coordinate p = face.getInteriorPoint().getCoordinate();
            @SuppressWarnings("unchecked")
            List<Integer> candidates = index.query(new org.locationtech.jts.geom.Envelope(p));
            out.add(candidates.stream().sorted()
                    .filter(i -> locators.computeIfAbsent(i, k -> new IndexedPointInAreaLocator(originals.get(k))).locate(p) != Location.EXTERIOR)
                    .mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static MultiPolygon repaired(Geometry g) {
        if (g.isEmpty()) return Polygons.WGS84.createMultiPolygon();
        Geometry fixed = g.isValid() ? g : GeometryFixer.fix(g);
        return Polygons.toMultiPolygon(fixed);
    }

    /** The guarantees of the class javadoc, checked; a failure here is a bug, not bad input. */
    private static void verify(List<Geometry> cleaned) {
        // each unit's validity was checked when its faces were united (ExactUnion)
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < cleaned.size(); i++) if (!cleaned.get(i).isEmpty()) nonEmpty.add(i);
        Geometry[] bad = CoverageValidator.validate(nonEmpty.stream().map(cleaned::get).toArray(Geometry[]::new));
        for (int k = 0; k < bad.length; k++) {
            if (bad[k] != null) throw new IllegalStateException("CoverageClean produced mismatched edges for input " + nonEmpty.get(k) + ": " + bad[k]);
        }
    }

    private static boolean contains(int[] xs, int x) {
        for (int v : xs) if (v == x) return true;
        return false;
    }

    private static List<List<Polygon>> lists(int n) {
        List<List<Polygon>> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(new ArrayList<>());
        return l;
    }
}
