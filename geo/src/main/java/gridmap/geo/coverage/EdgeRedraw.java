package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.linemerge.LineMerger;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;

/**
 * Redraws part of the border between two neighbouring units of a coverage (see the package
 * invariant), topologically: the old path, a run of consecutive vertices that both units share,
 * is replaced by a new path with the same two ends, in both units at once. What lies between
 * the two paths changes hands; nothing else moves, so no other unit changes and no gap or overlap
 * can appear.
 *
 * <p>The new path's vertices are put on the grid (default 1e-8°). It is refused with
 * {@link IllegalArgumentException} when it crosses itself, leaves the two units (crossing
 * another border or the outer boundary), touches another border anywhere but at its two ends,
 * or would leave either unit invalid or empty.
 *
 * <p>Guarantees of {@link #redraw()}: both units valid and non-empty, together exactly the area
 * they covered before (their union is unchanged), edge-matched with each other and with every
 * other unit (checked with {@link CoverageValidator} before returning).
 */
public final class EdgeRedraw {
    private final List<? extends Geometry> coverage;
    private final int a, b;
    private final LineString oldPath, newPath;
    private double gridSize = CoverageClean.DEFAULT_GRID_SIZE;

    /** The two units after the redraw, and the areas (m²) that changed hands, drawn as MultiPolygons. */
    public record Result(MultiPolygon a, MultiPolygon b, Geometry movedToA, Geometry movedToB, double movedToAM2, double movedToBM2) {}

    /**
     * @param coverage the units, a coverage in lon/lat
     * @param a        index of one unit
     * @param b        index of its neighbour
     * @param oldPath  consecutive vertices of the border a and b share, in either direction
     * @param newPath  the new border, from the old path's start to its end (or end to start)
     */
    public EdgeRedraw(List<? extends Geometry> coverage, int a, int b, LineString oldPath, LineString newPath) {
        Inputs.checkPolygonal(coverage);
        for (int u : new int[] {a, b}) {
            if (u < 0 || u >= coverage.size()) throw new IllegalArgumentException("no unit " + u + " (there are " + coverage.size() + ")");
        }
        if (a == b) throw new IllegalArgumentException("a border lies between two different units");
        if (oldPath == null || newPath == null || oldPath.getNumPoints() < 2 || newPath.getNumPoints() < 2) {
            throw new IllegalArgumentException("the old and the new path need at least two points each");
        }
        Inputs.checkLonLat("the new path", newPath);
        this.coverage = List.copyOf(coverage);
        this.a = a;
        this.b = b;
        this.oldPath = oldPath;
        this.newPath = newPath;
    }

    public static Result redraw(List<? extends Geometry> coverage, int a, int b, LineString oldPath, LineString newPath) {
        return new EdgeRedraw(coverage, a, b, oldPath, newPath).redraw();
    }

    /** The grid (degrees) the new path's vertices are put on; default {@value CoverageClean#DEFAULT_GRID_SIZE}. */
    public EdgeRedraw setGridSize(double degrees) {
        this.gridSize = Inputs.checkGridSize(degrees);
        return this;
    }

    /** The borders two units share, each as a path of their common vertices (what a UI lets a planner drag). */
    public static List<LineString> sharedPaths(Geometry unitA, Geometry unitB) {
        LineMerger merger = new LineMerger();
        SharedEdges.visit(List.of(unitA, unitB), (x, y, p, q) -> merger.add(Polygons.WGS84.createLineString(new Coordinate[] {p, q})));
        @SuppressWarnings("unchecked")
        List<LineString> merged = new ArrayList<>(merger.getMergedLineStrings());
        return merged;
    }

    public Result redraw() {
        Geometry unitA = coverage.get(a), unitB = coverage.get(b);
        Coordinate[] old = CoordinateArrays.removeRepeatedPoints(oldPath.getCoordinates());
        Coordinate[] path = onGrid(newPath.getCoordinates());
        if (path[0].equals2D(old[old.length - 1]) && path[path.length - 1].equals2D(old[0]) && !old[0].equals2D(old[old.length - 1])) {
            CoordinateArrays.reverse(path);
        }
        if (!path[0].equals2D(old[0]) || !path[path.length - 1].equals2D(old[old.length - 1])) {
            throw new IllegalArgumentException("the new path must start and end where the old path does: " + old[0] + " and " + old[old.length - 1]);
        }
        LineString drawn = Polygons.WGS84.createLineString(path);
        if (!drawn.isSimple()) throw new IllegalArgumentException("the new path crosses itself");

        MultiPolygon newA = replacePath(unitA, old, path, "a"), newB = replacePath(unitB, old, path, "b");
        Geometry both = CoverageMerge.merge(List.of(unitA, unitB)).merged();
        checkInside(drawn, both);
        if (!newA.isValid() || !newB.isValid() || newA.isEmpty() || newB.isEmpty()) {
            throw new IllegalArgumentException("the new path would leave a unit invalid (it must not touch the units' other borders)");
        }
        verify(unitA, unitB, newA, newB);
        Geometry toA = Polygons.toMultiPolygon(OverlayNGRobust.overlay(newA, unitA, OverlayNG.DIFFERENCE));
        Geometry toB = Polygons.toMultiPolygon(OverlayNGRobust.overlay(newB, unitB, OverlayNG.DIFFERENCE));
        return new Result(newA, newB, toA, toB, EqualAreaMeasure.areaM2(toA), EqualAreaMeasure.areaM2(toB));
    }

    private Coordinate[] onGrid(Coordinate[] pts) {
        PrecisionModel pm = CoverageClean.grid(gridSize);
        Coordinate[] out = new Coordinate[pts.length];
        for (int i = 0; i < pts.length; i++) {
            out[i] = new Coordinate(pts[i].x, pts[i].y);
            pm.makePrecise(out[i]);
        }
        return CoordinateArrays.removeRepeatedPoints(out);
    }

    /** The new path may touch the boundary of the two units' union only at its two ends. */
    private static void checkInside(LineString drawn, Geometry both) {
        if (!both.covers(drawn)) throw new IllegalArgumentException("the new path leaves the two units: it would cross another border");
        Geometry touches = OverlayNGRobust.overlay(drawn, both.getBoundary(), OverlayNG.INTERSECTION);
        for (Coordinate c : touches.getCoordinates()) {
            if (!c.equals2D(drawn.getCoordinateN(0)) && !c.equals2D(drawn.getCoordinateN(drawn.getNumPoints() - 1))) {
                throw new IllegalArgumentException("the new path touches another border at " + c);
            }
        }
    }

    /** The unit with the old path replaced by the new one in the ring that holds it. */
    private static MultiPolygon replacePath(Geometry unit, Coordinate[] old, Coordinate[] path, String name) {
        List<Polygon> polygons = new ArrayList<>(Polygons.polygonsOf(unit));
        for (int k = 0; k < polygons.size(); k++) {
            Polygon p = polygons.get(k);
            for (int r = -1; r < p.getNumInteriorRing(); r++) {
                Coordinate[] ring = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinates();
                Coordinate[] replaced = replaceInRing(ring, old, path);
                if (replaced == null) continue;
                LinearRing shell = Polygons.WGS84.createLinearRing(r < 0 ? replaced : p.getExteriorRing().getCoordinates());
                LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
                for (int h = 0; h < holes.length; h++) {
                    holes[h] = Polygons.WGS84.createLinearRing(h == r ? replaced : p.getInteriorRingN(h).getCoordinates());
                }
                polygons.set(k, Polygons.WGS84.createPolygon(shell, holes));
                return Polygons.toMultiPolygon(Polygons.WGS84.createMultiPolygon(polygons.toArray(Polygon[]::new)).norm());
            }
        }
        throw new IllegalArgumentException("the old path is not a border of unit " + name
                + ": give the vertices the two units share, consecutive and exactly as they are");
    }

    /** The closed ring with old (forwards or backwards) replaced by path, or null when old is not in it. */
    private static Coordinate[] replaceInRing(Coordinate[] closedRing, Coordinate[] old, Coordinate[] path) {
        int n = closedRing.length - 1, m = old.length;
        if (m > n + 1) return null;
        Coordinate[] ring = Arrays.copyOf(closedRing, n);
        for (int dir : new int[] {1, -1}) {
            Coordinate[] seq = dir == 1 ? old : reversed(old);
            for (int i = 0; i < n; i++) {
                if (!matchesAt(ring, i, seq)) continue;
                // the ring from the end of the (possibly reversed) old path round to its start, then the new path
                Coordinate[] with = dir == 1 ? path : reversed(path);
                List<Coordinate> out = new ArrayList<>(Arrays.asList(with));
                for (int k = m; k < n; k++) out.add(ring[(i + k) % n]);
                out.add(with[0]);
                return CoordinateArrays.removeRepeatedPoints(out.toArray(Coordinate[]::new));
            }
        }
        return null;
    }

    private static boolean matchesAt(Coordinate[] ring, int i, Coordinate[] seq) {
        int n = ring.length;
        boolean closed = seq[0].equals2D(seq[seq.length - 1]);
        int len = closed ? seq.length - 1 : seq.length;
        if (len > n) return false;
        for (int k = 0; k < len; k++) if (!ring[(i + k) % n].equals2D(seq[k])) return false;
        return true;
    }

    private void verify(Geometry unitA, Geometry unitB, MultiPolygon newA, MultiPolygon newB) {
        double before = unitA.getArea() + unitB.getArea(), after = newA.getArea() + newB.getArea();
        if (Math.abs(after - before) > 1e-9 * before) throw new IllegalArgumentException("the new path would make the two units overlap");
        List<Geometry> around = new ArrayList<>(List.of(newA, newB));
        Envelope env = new Envelope(unitA.getEnvelopeInternal());
        env.expandToInclude(unitB.getEnvelopeInternal());
        for (int i = 0; i < coverage.size(); i++) {
            Geometry g = coverage.get(i);
            if (i != a && i != b && !g.isEmpty() && g.getEnvelopeInternal().intersects(env)) around.add(g);
        }
        Geometry[] bad = CoverageValidator.validate(around.toArray(Geometry[]::new));
        for (Geometry x : bad) if (x != null) throw new IllegalArgumentException("the redraw does not leave an edge-matched coverage (is the coverage clean?): " + x);
    }

    private static Coordinate[] reversed(Coordinate[] pts) {
        Coordinate[] r = pts.clone();
        CoordinateArrays.reverse(r);
        return r;
    }
}
