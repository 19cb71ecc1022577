package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import gridmap.geo.Polygons;

/**
 * Gives a polygon the vertices its neighbour gained on their common border: each new vertex
 * within the tolerance of one of its segments (strictly between the segment's ends) is inserted
 * into that segment, in order along it. That is how a neighbour follows a split or a redraw
 * and the two borders stay identical.
 */
final class VertexInsertion {
    private VertexInsertion() {}

    /** The geometry with the vertices inserted, or null when none lies on its boundary. */
    static MultiPolygon insert(Geometry polygonal, List<Coordinate> vertices, double tolerance) {
        Envelope near = new Envelope(polygonal.getEnvelopeInternal());
        near.expandBy(tolerance);
        List<Coordinate> candidates = vertices.stream().filter(near::covers).toList();
        if (candidates.isEmpty()) return null;
        boolean changed = false;
        List<Polygon> out = new ArrayList<>();
        for (Polygon p : Polygons.polygonsOf(polygonal)) {
            LinearRing shell = ring(p.getExteriorRing().getCoordinates(), candidates, tolerance);
            changed |= shell != null;
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) {
                holes[h] = ring(p.getInteriorRingN(h).getCoordinates(), candidates, tolerance);
                changed |= holes[h] != null;
                if (holes[h] == null) holes[h] = Polygons.WGS84.createLinearRing(p.getInteriorRingN(h).getCoordinates());
            }
            if (shell == null) shell = Polygons.WGS84.createLinearRing(p.getExteriorRing().getCoordinates());
            out.add(Polygons.WGS84.createPolygon(shell, holes));
        }
        return changed ? Polygons.WGS84.createMultiPolygon(out.toArray(Polygon[]::new)) : null;
    }

    private static LinearRing ring(Coordinate[] pts, List<Coordinate> candidates, double tolerance) {
        List<Coordinate> out = new ArrayList<>(pts.length);
        boolean changed = false;
        for (int i = 0; i < pts.length - 1; i++) {
            out.add(pts[i]);
            LineSegment seg = new LineSegment(pts[i], pts[i + 1]);
            List<Coordinate> onIt = new ArrayList<>();
            for (Coordinate v : candidates) {
                if (v.equals2D(seg.p0) || v.equals2D(seg.p1)) continue;
                double f = seg.projectionFactor(v);
                if (f > 0 && f < 1 && seg.distance(v) <= tolerance) onIt.add(v);
            }
            if (!onIt.isEmpty()) {
                onIt.sort(Comparator.comparingDouble(seg::projectionFactor));
                for (Coordinate v : onIt) out.add(new Coordinate(v));
                changed = true;
            }
        }
        out.add(pts[pts.length - 1]);
        return changed ? Polygons.WGS84.createLinearRing(out.toArray(Coordinate[]::new)) : null;
    }
}
