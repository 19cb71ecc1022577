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
 * Finds the segments that two polygonal items have in common, by hashing every ring segment:
 * exact for items that share identical vertices along their borders (faces of one noding, units
 * of a coverage), and linear in the number of vertices.
 */
final class SharedEdges {
    /** Called once per shared segment: items a and b (a ≠ b) share the segment p–q (as a has it). */
    interface Visitor {
        void shared(int a, int b, Coordinate p, Coordinate q);
    }

    private SharedEdges() {}

    static void visit(List<? extends Geometry> items, Visitor visitor) {
        Map<LineSegment, Integer> firstItem = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            for (Polygon p : Polygons.polygonsOf(items.get(i))) {
                for (int r = -1; r < p.getNumInteriorRing(); r++) {
                    Coordinate[] ring = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinates();
                    for (int k = 1; k < ring.length; k++) {
                        LineSegment seg = new LineSegment(ring[k - 1], ring[k]);
                        seg.normalize();
                        Integer other = firstItem.putIfAbsent(seg, i);
                        if (other != null && other != i) visitor.shared(other, i, ring[k - 1], ring[k]);
                    }
                }
            }
        }
    }
}
