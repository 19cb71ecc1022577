package gridmap.geo.coverage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A fast proof that valid polygons form a valid coverage without gaps, for the common case of
 * siblings that already share their borders exactly and together make one simple outline (the
 * cells of a community as a surveying system exports them). It is a sufficient test: true
 * proves it; false proves nothing, and the caller runs {@link org.locationtech.jts.coverage.CoverageValidator}.
 * It costs one hash lookup per segment, where the validator nodes the free edges of every
 * polygon against each of its neighbours.
 * <p>
 * Why it holds. Orient every shell counter-clockwise and every hole clockwise; then the number
 * of polygons covering a point, w(x), is the winding number about x of all the rings together.
 * A segment that one polygon runs one way and another polygon runs back (the same two vertices)
 * adds nothing to any winding number, so w(x) is the winding number of the remaining segments
 * alone. When those form one simple counter-clockwise ring, w is 1 inside it and 0 outside:
 * no point lies in two polygons, the union is that ring's interior (so it has no hole, hence no
 * gap), and no free segment can touch a neighbour except at vertices they share (a neighbour
 * crossing it or running along it would put some area under two polygons, or leave a segment
 * that the simple ring cannot hold). A segment found twice the same way, three times, or twice
 * in one polygon makes the test give up.
 */
public final class OneOutline {
    private OneOutline() {}

    /** A segment with its end points in a fixed order, as a key. */
    private record Segment(double ax, double ay, double bx, double by) {
        static Segment of(double x0, double y0, double x1, double y1) {
            boolean forward = x0 < x1 || x0 == x1 && y0 < y1;
            return forward ? new Segment(x0, y0, x1, y1) : new Segment(x1, y1, x0, y0);
        }
    }

    /** Which polygon ran a segment, and whether from its a end to its b end. */
    private static final class Run {
        final int polygon;
        final boolean aToB;
        boolean matched;

        Run(int polygon, boolean aToB) {
            this.polygon = polygon;
            this.aToB = aToB;
        }
    }

    /** Whether the valid polygonal geometries are proved a valid coverage whose union is one polygon without holes. */
    public static boolean proves(List<? extends Geometry> validPolygonal) {
        Map<Segment, Run> runs = new HashMap<>();
        int index = 0;
        for (Geometry g : validPolygonal) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (!(g.getGeometryN(i) instanceof Polygon p) || p.isEmpty()) return false;
                if (!addRing(runs, p.getExteriorRing().getCoordinateSequence(), true, index)) return false;
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    if (!addRing(runs, p.getInteriorRingN(h).getCoordinateSequence(), false, index)) return false;
                }
            }
            index++;
        }
        return outlineIsOneSimpleCounterClockwiseRing(runs, validPolygonal.isEmpty() ? null : validPolygonal.get(0).getFactory());
    }

    private static boolean addRing(Map<Segment, Run> runs, CoordinateSequence ring, boolean shell, int polygon) {
        // shells counter-clockwise, holes clockwise: walk the ring backwards when it is the other way round
        boolean reverse = Orientation.isCCW(ring) != shell;
        int n = ring.size();
        for (int k = 1; k < n; k++) {
            int i = reverse ? n - k : k - 1, j = reverse ? n - k - 1 : k;
            double x0 = ring.getX(i), y0 = ring.getY(i), x1 = ring.getX(j), y1 = ring.getY(j);
            if (x0 == x1 && y0 == y1) continue; // a repeated point
            Segment s = Segment.of(x0, y0, x1, y1);
            boolean aToB = s.ax() == x0 && s.ay() == y0;
            Run first = runs.get(s);
            if (first == null) {
                runs.put(s, new Run(polygon, aToB));
            } else if (!first.matched && first.polygon != polygon && first.aToB != aToB) {
                first.matched = true;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean outlineIsOneSimpleCounterClockwiseRing(Map<Segment, Run> runs, GeometryFactory factory) {
        Map<Coordinate, Coordinate> next = new HashMap<>();
        int free = 0;
        for (Map.Entry<Segment, Run> e : runs.entrySet()) {
            if (e.getValue().matched) continue;
            Segment s = e.getKey();
            Coordinate a = new Coordinate(s.ax(), s.ay()), b = new Coordinate(s.bx(), s.by());
            Coordinate from = e.getValue().aToB ? a : b, to = e.getValue().aToB ? b : a;
            if (next.put(from, to) != null) return false; // two free segments leave one vertex: not a simple ring
            free++;
        }
        if (free < 3 || factory == null) return false;
        Coordinate start = next.keySet().iterator().next();
        Coordinate[] ring = new Coordinate[free + 1];
        Coordinate at = start;
        for (int k = 0; k < free; k++) {
            ring[k] = at;
            at = next.get(at);
            if (at == null || at.equals2D(start) != (k == free - 1)) return false; // open, or closed before every free segment was used
        }
        ring[free] = start;
        LinearRing outline = factory.createLinearRing(ring);
        return Orientation.isCCW(outline.getCoordinateSequence()) && outline.isSimple();
    }
}
