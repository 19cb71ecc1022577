package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;

import gridmap.geo.Polygons;

/**
 * Where a split line crosses a border of the unit that no other unit shares (the coverage's
 * outer edge), the crossing becomes a vertex on the grid, a fraction of a grid cell off the old
 * segment p–q: the unit gains or loses the thin triangle between them, and with no neighbour to
 * take the same vertex the coverage's area changes by it, up to |pq| × one grid cell / 2 (some m²
 * on a border segment kilometres long). Bending the line, near the crossing, through the grid
 * node nearest to p–q makes that triangle tens of times thinner. Crossings of shared borders need
 * none of this: the neighbour takes the same vertex and the area moves between the two.
 */
final class OuterBorderCrossings {
    /** The node is searched this many grid cells (about 2 cm) around the crossing. */
    static final int SEARCH_CELLS = 20;

    private OuterBorderCrossings() {}

    /**
     * The line bent through a grid node next to each point where it crosses one of the outer
     * segments; crossings within keepAwayCells of a segment's end are left as they are, and no
     * node closer than that to an end is used.
     */
    static Geometry bend(Geometry line, List<SharedEdges.Segment> outer, PrecisionModel grid, int keepAwayCells) {
        if (outer.isEmpty()) return line;
        STRtree index = new STRtree();
        for (SharedEdges.Segment s : outer) index.insert(new Envelope(s.p(), s.q()), s);
        List<LineString> parts = new ArrayList<>();
        RobustLineIntersector li = new RobustLineIntersector();
        for (int i = 0; i < line.getNumGeometries(); i++) {
            Coordinate[] pts = line.getGeometryN(i).getCoordinates();
            List<Coordinate> out = new ArrayList<>();
            for (int k = 0; k < pts.length - 1; k++) {
                out.add(pts[k]);
                LineSegment ab = new LineSegment(pts[k], pts[k + 1]);
                @SuppressWarnings("unchecked")
                List<SharedEdges.Segment> near = index.query(new Envelope(pts[k], pts[k + 1]));
                List<Coordinate> nodes = new ArrayList<>();
                for (SharedEdges.Segment s : near) {
                    li.computeIntersection(pts[k], pts[k + 1], s.p(), s.q());
                    if (li.getIntersectionNum() != RobustLineIntersector.POINT_INTERSECTION) continue;
                    Coordinate node = nodeNearestTo(s.p(), s.q(), li.getIntersection(0), grid, keepAwayCells);
                    if (node != null) nodes.add(node);
                }
                nodes.sort(Comparator.comparingDouble(ab::projectionFactor));
                out.addAll(nodes);
            }
            out.add(pts[pts.length - 1]);
            Coordinate[] bent = CoordinateArrays.removeRepeatedPoints(out.toArray(Coordinate[]::new));
            if (bent.length >= 2) parts.add(Polygons.WGS84.createLineString(bent));
        }
        return Polygons.WGS84.createMultiLineString(parts.toArray(LineString[]::new));
    }

    /**
     * The grid node within {@link #SEARCH_CELLS} of the crossing x that lies closest to the line
     * through p and q (the nearest to x among equals), between p and q at least keepAwayCells
     * from both; null when x itself is closer than that to an end. In grid units, where p and q
     * are integers, twice the triangle p, node, q is an integer: the search is exact.
     */
    static Coordinate nodeNearestTo(Coordinate p, Coordinate q, Coordinate x, PrecisionModel grid, int keepAwayCells) {
        double scale = grid.getScale();
        long px = Math.round(p.x * scale), py = Math.round(p.y * scale), dx = Math.round(q.x * scale) - px, dy = Math.round(q.y * scale) - py;
        double length2 = (double) dx * dx + (double) dy * dy, keep = keepAwayCells * Math.sqrt(length2);
        double xx = x.x * scale, xy = x.y * scale;
        double along = (xx - px) * dx + (xy - py) * dy;
        if (along < keep || along > length2 - keep) return null;
        long cx = Math.round(xx), cy = Math.round(xy), bestCross = Long.MAX_VALUE;
        double bestDistance = Double.MAX_VALUE;
        long bx = 0, by = 0;
        for (long i = -SEARCH_CELLS; i <= SEARCH_CELLS; i++) {
            for (long j = -SEARCH_CELLS; j <= SEARCH_CELLS; j++) {
                if (i * i + j * j > (long) SEARCH_CELLS * SEARCH_CELLS) continue;
                long nx = cx + i - px, ny = cy + j - py;
                double t = (double) nx * dx + (double) ny * dy;
                if (t < keep || t > length2 - keep) continue;
                long cross = Math.abs(dx * ny - dy * nx);
                double distance = (cx + i - xx) * (cx + i - xx) + (cy + j - xy) * (cy + j - xy);
                if (cross < bestCross || cross == bestCross && distance < bestDistance) {
                    bestCross = cross;
                    bestDistance = distance;
                    bx = cx + i;
                    by = cy + j;
                }
            }
        }
        if (bestCross == Long.MAX_VALUE) return null;
        return new Coordinate(bx / scale, by / scale);
    }
}
