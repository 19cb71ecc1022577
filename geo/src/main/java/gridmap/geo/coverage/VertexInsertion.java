package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import gridmap.geo.Polygons;

/**
 * Gives a polygon the vertices its neighbour gained on their common border. The neighbour's
 * border segments that gained vertices are given as reroutes: the segment p–q, now the path
 * p, v₁, …, vₖ, q. Every segment of the polygon with the same two ends (in either direction)
 * takes the same vertices, in order along it; nothing else changes. Matching whole segments by
 * their ends, rather than vertices by their distance to a segment, is what keeps the borders
 * identical: a new vertex a grid cell away from an old one lies as close to every other segment
 * that ends there, and inserting it into those would fold the ring.
 */
final class VertexInsertion {
    private final Map<LineSegment, Coordinate[]> reroutes = new HashMap<>();

    /** Rerouted segments, none yet. */
    VertexInsertion() {}

    /** Records that segment p–q became path (which runs from p to q, or from q to p, with new vertices between). */
    void reroute(Coordinate[] path) {
        Coordinate p = path[0], q = path[path.length - 1];
        if (path.length < 3 || p.equals2D(q)) throw new IllegalArgumentException("a reroute needs two distinct ends and a vertex between them");
        reroutes.put(SharedEdges.key(p, q), path.clone());
    }

    /** Whether the segment (a {@link SharedEdges#key}) was rerouted. */
    boolean reroutes(LineSegment segment) {
        return reroutes.containsKey(segment);
    }

    /** The geometry with the new vertices inserted, or null when none of its segments was rerouted. */
    MultiPolygon insert(Geometry polygonal) {
        if (reroutes.isEmpty()) return null;
        boolean changed = false;
        List<Polygon> out = new ArrayList<>();
        for (Polygon p : Polygons.polygonsOf(polygonal)) {
            Coordinate[] shell = ring(p.getExteriorRing().getCoordinates());
            changed |= shell != null;
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) {
                Coordinate[] hole = ring(p.getInteriorRingN(h).getCoordinates());
                changed |= hole != null;
                holes[h] = Polygons.WGS84.createLinearRing(hole != null ? hole : p.getInteriorRingN(h).getCoordinates());
            }
            out.add(Polygons.WGS84.createPolygon(Polygons.WGS84.createLinearRing(shell != null ? shell : p.getExteriorRing().getCoordinates()), holes));
        }
        return changed ? Polygons.WGS84.createMultiPolygon(out.toArray(Polygon[]::new)) : null;
    }

    /** The ring with its rerouted segments replaced by their paths, or null when none was. */
    private Coordinate[] ring(Coordinate[] pts) {
        List<Coordinate> out = new ArrayList<>(pts.length);
        boolean changed = false;
        for (int i = 0; i < pts.length - 1; i++) {
            out.add(pts[i]);
            Coordinate[] path = reroutes.get(SharedEdges.key(pts[i], pts[i + 1]));
            if (path == null) continue;
            boolean forwards = path[0].equals2D(pts[i]);
            for (int k = 1; k < path.length - 1; k++) out.add(new Coordinate(path[forwards ? k : path.length - 1 - k]));
            changed = true;
        }
        out.add(pts[pts.length - 1]);
        return changed ? out.toArray(Coordinate[]::new) : null;
    }
}
