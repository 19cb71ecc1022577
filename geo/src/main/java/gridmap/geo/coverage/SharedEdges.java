package gridmap.geo.coverage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.Polygon;

import gridmap.geo.Polygons;

/**
 * Finds the segments that two polygonal items have in common, or that only one has, by hashing
 * every ring segment: exact for items that share identical vertices along their borders (faces
 * of one noding, units of a coverage), and linear in the number of vertices.
 */
final class SharedEdges {
    /** Called once per shared segment: items a and b (a ≠ b) share the segment p–q (as a has it). */
    interface Visitor {
        void shared(int a, int b, Coordinate p, Coordinate q);
    }

    /** A segment p–q of the rings of item. */
    record Segment(int item, Coordinate p, Coordinate q) {}

    private SharedEdges() {}

    /**
     * The segments that belong to one item only: the boundary of the items' union when they
     * form a coverage (a segment two items share lies inside the union).
     */
    static List<Segment> unshared(List<? extends Geometry> items) {
        Map<LineSegment, Segment> once = new java.util.LinkedHashMap<>();
        java.util.Set<LineSegment> twice = new java.util.HashSet<>();
        eachSegment(items, (i, p, q) -> {
            LineSegment key = key(p, q);
            if (!twice.contains(key) && once.putIfAbsent(key, new Segment(i, p, q)) != null) {
                once.remove(key);
                twice.add(key);
            }
        });
        return new java.util.ArrayList<>(once.values());
    }

    static void visit(List<? extends Geometry> items, Visitor visitor) {
        Map<LineSegment, Integer> firstItem = new HashMap<>();
        eachSegment(items, (i, p, q) -> {
            Integer other = firstItem.putIfAbsent(key(p, q), i);
            if (other != null && other != i) visitor.shared(other, i, p, q);
        });
    }

    /** The segment p–q as a hash key that ignores its direction. */
    static LineSegment key(Coordinate p, Coordinate q) {
        LineSegment s = new LineSegment(p, q);
        s.normalize();
        return s;
    }

    private interface SegmentAction {
        void accept(int item, Coordinate p, Coordinate q);
    }

    private static void eachSegment(List<? extends Geometry> items, SegmentAction action) {
        for (int i = 0; i < items.size(); i++) {
            for (Polygon p : Polygons.polygonsOf(items.get(i))) {
                for (int r = -1; r < p.getNumInteriorRing(); r++) {
                    Coordinate[] ring = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinates();
                    for (int k = 1; k < ring.length; k++) action.accept(i, ring[k - 1], ring[k]);
                }
            }
        }
    }
}
