package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;

/**
 * Splits one unit of a coverage (see the package invariant) by a drawn line: the line and the
 * unit's boundary segments near it are noded together by snap-rounding to the coverage's grid,
 * the rest of the boundary is taken as it is, and the faces inside the unit are the pieces.
 * Parts of the line outside the unit, or ending inside it, cut nothing and are ignored.
 *
 * <p>A line that passes within {@value #VERTEX_SNAP_CELLS} grid cells (about 1 cm) of a vertex of
 * the unit is first bent through that vertex. Where the line then crosses the unit's boundary, a
 * vertex on the grid is added to the segment it crossed; the neighbour that shares that segment
 * (the same two ends) receives the same vertex, so the coverage stays edge-matched and its area
 * unchanged. Both sides move by under one grid cell (about 1 mm) there, and nowhere else. On a
 * segment no other unit shares (the coverage's outer edge) the crossing is the grid node nearest
 * the segment within {@value OuterBorderCrossings#SEARCH_CELLS} cells (see
 * {@link OuterBorderCrossings}), so the outer edge, and the coverage's area, barely change.
 *
 * <p>Guarantees of {@link #split()}: at least two pieces, each a valid one-part MultiPolygon,
 * largest first (a part of the unit the line does not touch, such as an island, is a piece of
 * its own); pieces and neighbours, updated or not, pass {@link CoverageValidator}; the pieces'
 * area is the unit's, up to that snapping. A line that does not cut the unit is refused with
 * {@link NoCutException}; one that cuts it where the result cannot be checked or kept
 * edge-matched (a loop that closes on the boundary at a single point, which JTS 1.20's
 * CoverageValidator misjudges; a line through a place where two borders of the unit run within a
 * grid cell of each other) with {@link IllegalStateException}, and moving the line a little
 * helps. The coverage must lie on the grid (as CoverageClean's results and the demo's partitions
 * do); when it does not, the edge-matching check refuses the split with
 * {@link IllegalArgumentException}.
 */
public final class CoverageSplit {
    /**
     * A line this many grid cells (about 1 cm) from a vertex of the unit passes through it: a
     * crossing next to a vertex would round to a grid node beside it, and snap-rounding would
     * then bend both of the unit's segments at that vertex through the node, folding the unit's
     * boundary into a spike its neighbours cannot follow.
     */
    static final int VERTEX_SNAP_CELLS = 10;

    /**
     * The unit's boundary segments this many grid cells from the line are noded with it; snapping
     * moves a line by under one cell, so the segments further away cannot be crossed.
     */
    static final int NEAR_CELLS = 4;

    /** The line does not cut the unit: it misses it, ends inside it, or runs along its boundary. */
    public static final class NoCutException extends IllegalArgumentException {
        NoCutException(int unit) {
            super("the line does not cut unit " + unit + " in two: it must cross the unit from one side of its boundary to another");
        }
    }

    private final List<? extends Geometry> coverage;
    private final int unit;
    private final Geometry line;
    private double gridSize = CoverageClean.DEFAULT_GRID_SIZE;

    /**
     * pieces: the unit's new pieces, largest first; neighbours: the neighbours that received
     * new vertices, by index in the coverage, with their new geometry.
     */
    public record Result(List<MultiPolygon> pieces, Map<Integer, MultiPolygon> neighbours) {
        public Result {
            pieces = List.copyOf(pieces);
            neighbours = java.util.Collections.unmodifiableMap(new TreeMap<>(neighbours)); // ordered by index
        }
    }

    /**
     * @param coverage the units, a coverage in lon/lat on the grid
     * @param unit     index of the unit to split
     * @param line     a LineString or MultiLineString in lon/lat, drawn across the unit
     */
    public CoverageSplit(List<? extends Geometry> coverage, int unit, Geometry line) {
        Inputs.checkPolygonal(coverage);
        if (unit < 0 || unit >= coverage.size()) throw new IllegalArgumentException("no unit " + unit + " (there are " + coverage.size() + ")");
        if (coverage.get(unit).isEmpty()) throw new IllegalArgumentException("unit " + unit + " is empty");
        if (!(line instanceof Lineal) || line.isEmpty()) throw new IllegalArgumentException("the split line must be a non-empty LineString or MultiLineString");
        Inputs.checkLonLat("the split line", line);
        this.coverage = List.copyOf(coverage);
        this.unit = unit;
        this.line = line;
    }

    public static Result split(List<? extends Geometry> coverage, int unit, Geometry line) {
        return new CoverageSplit(coverage, unit, line).split();
    }

    /** The grid (degrees) the coverage lies on; default {@value CoverageClean#DEFAULT_GRID_SIZE}. */
    public CoverageSplit setGridSize(double degrees) {
        this.gridSize = Inputs.checkGridSize(degrees);
        return this;
    }

    public Result split() {
        PrecisionModel pm = CoverageClean.grid(gridSize);
        Geometry target = coverage.get(unit);
        List<Integer> nearby = new ArrayList<>(); // the units that may share a border with it
        for (int i = 0; i < coverage.size(); i++) {
            Geometry n = coverage.get(i);
            if (i != unit && !n.isEmpty() && n.getEnvelopeInternal().distance(target.getEnvelopeInternal()) <= gridSize) nearby.add(i);
        }
        List<Geometry> unitFirst = new ArrayList<>(List.of(target));
        nearby.forEach(i -> unitFirst.add(coverage.get(i)));
        List<SharedEdges.Segment> outer = SharedEdges.unshared(unitFirst).stream().filter(s -> s.item() == 0).toList();
        Geometry cut = OuterBorderCrossings.bend(throughNearbyVertices(line, target, VERTEX_SNAP_CELLS * gridSize), outer, pm, VERTEX_SNAP_CELLS);
        List<LineString> far = new ArrayList<>();
        Geometry nearTheCut = boundaryNear(target, cut, NEAR_CELLS * gridSize, far);
        FaceGraph graph = FaceGraph.of(List.of(nearTheCut, cut), far, pm);
        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(target);
        List<Polygon> faces = new ArrayList<>();
        for (Polygon face : graph.faces) {
            if (inside.locate(face.getInteriorPoint().getCoordinate()) == Location.INTERIOR) faces.add(face);
        }
        // an uncut unit is as many faces as it has parts
        if (faces.size() <= target.getNumGeometries()) throw new NoCutException(unit);
        faces.sort(Comparator.comparingDouble(Polygon::getArea).reversed()
                .thenComparingDouble(f -> f.getInteriorPoint().getX()));
        List<MultiPolygon> pieces = faces.stream().map(Polygons::toMultiPolygon).toList();

        VertexInsertion insertion = boundaryReroutes(target, faces);
        Map<Integer, MultiPolygon> neighbours = new TreeMap<>();
        List<Geometry> around = new ArrayList<>(pieces);
        for (int i : nearby) {
            Geometry n = coverage.get(i);
            MultiPolygon updated = insertion.insert(n);
            if (updated != null) neighbours.put(i, updated);
            around.add(updated != null ? updated : n);
        }
        verify(target, pieces, around);
        return new Result(pieces, neighbours);
    }

    /**
     * A vertex where a piece touches itself (a hole meets its shell) and the unit did not, or
     * null. Such a piece is a valid polygon, but JTS 1.20's CoverageValidator may then report a
     * unit that also touches that vertex as having an invalid edge; a line that closes a loop on
     * the boundary at a single point, or grazes the corner of a hole, makes one.
     */
    private static Coordinate newSelfTouch(Geometry target, List<MultiPolygon> pieces) {
        Set<Coordinate> before = new HashSet<>();
        for (Polygon p : Polygons.polygonsOf(target)) before.addAll(selfTouches(p));
        for (MultiPolygon piece : pieces) {
            for (Polygon p : Polygons.polygonsOf(piece)) {
                for (Coordinate c : selfTouches(p)) if (!before.contains(c)) return c;
            }
        }
        return null;
    }

    /** The vertices where two rings of a polygon meet. */
    private static Set<Coordinate> selfTouches(Polygon p) {
        Set<Coordinate> out = new HashSet<>();
        if (p.getNumInteriorRing() == 0) return out;
        Set<Coordinate> seen = new HashSet<>();
        for (int r = -1; r < p.getNumInteriorRing(); r++) {
            Coordinate[] ring = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinates();
            Set<Coordinate> mine = new HashSet<>(Arrays.asList(ring).subList(0, ring.length - 1));
            for (Coordinate c : mine) if (!seen.add(c)) out.add(c);
        }
        return out;
    }

    /**
     * The segments of the unit's rings within the distance of the cut, as lines; the others are
     * added to far. Only the former are noded with the cut: the unit's boundary changes near the
     * line and nowhere else, even where two of its borders run within a grid cell of each other.
     */
    private static Geometry boundaryNear(Geometry target, Geometry cut, double distance, List<LineString> far) {
        STRtree index = new STRtree();
        for (int i = 0; i < cut.getNumGeometries(); i++) {
            Coordinate[] pts = cut.getGeometryN(i).getCoordinates();
            for (int k = 0; k + 1 < pts.length; k++) index.insert(new Envelope(pts[k], pts[k + 1]), new LineSegment(pts[k], pts[k + 1]));
        }
        List<LineString> near = new ArrayList<>();
        for (Polygon p : Polygons.polygonsOf(target)) {
            for (int r = -1; r < p.getNumInteriorRing(); r++) {
                Coordinate[] ring = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinates();
                for (int k = 0; k + 1 < ring.length; k++) {
                    LineSegment seg = new LineSegment(ring[k], ring[k + 1]);
                    Envelope env = new Envelope(ring[k], ring[k + 1]);
                    env.expandBy(distance);
                    @SuppressWarnings("unchecked")
                    List<LineSegment> close = index.query(env);
                    LineString l = Polygons.WGS84.createLineString(new Coordinate[] {ring[k], ring[k + 1]});
                    (close.stream().anyMatch(c -> c.distance(seg) <= distance) ? near : far).add(l);
                }
            }
        }
        return Polygons.WGS84.createMultiLineString(near.toArray(LineString[]::new));
    }

    /**
     * The line with each vertex that lies within the tolerance of a vertex of the unit moved onto
     * it, and each segment that passes within the tolerance of one bent through it (all of them,
     * unlike JTS's LineStringSnapper, which bends one segment per vertex).
     */
    static Geometry throughNearbyVertices(Geometry line, Geometry unit, double tolerance) {
        Coordinate[] vertices = unit.getCoordinates();
        STRtree index = new STRtree();
        for (Coordinate v : vertices) index.insert(new Envelope(v), v);
        List<LineString> parts = new ArrayList<>();
        for (int i = 0; i < line.getNumGeometries(); i++) {
            Coordinate[] pts = line.getGeometryN(i).getCoordinates();
            List<Coordinate> out = new ArrayList<>();
            for (int k = 0; k < pts.length; k++) {
                Coordinate a = nearestWithin(index, pts[k], tolerance);
                out.add(a != null ? a : pts[k]);
                if (k == pts.length - 1) break;
                LineSegment seg = new LineSegment(pts[k], pts[k + 1]);
                Envelope near = new Envelope(pts[k], pts[k + 1]);
                near.expandBy(tolerance);
                @SuppressWarnings("unchecked")
                List<Coordinate> close = index.query(near);
                close.stream().filter(v -> seg.distance(v) < tolerance && seg.projectionFactor(v) > 0 && seg.projectionFactor(v) < 1)
                        .sorted(Comparator.comparingDouble(seg::projectionFactor)).forEach(out::add);
            }
            Coordinate[] snapped = CoordinateArrays.removeRepeatedPoints(out.toArray(Coordinate[]::new));
            if (snapped.length >= 2) parts.add(Polygons.WGS84.createLineString(snapped));
        }
        return Polygons.WGS84.createMultiLineString(parts.toArray(LineString[]::new));
    }

    private static Coordinate nearestWithin(STRtree index, Coordinate p, double tolerance) {
        Envelope near = new Envelope(p);
        near.expandBy(tolerance);
        @SuppressWarnings("unchecked")
        List<Coordinate> close = index.query(near);
        return close.stream().filter(v -> v.distance(p) < tolerance).min(Comparator.comparingDouble(v -> v.distance(p))).orElse(null);
    }

    /**
     * How the noding changed the unit's boundary: the boundary of the pieces (the segments only
     * one piece has) runs through the old vertices and, between two of them, through the new
     * ones where the line crossed it. Each such run p, v₁, …, vₖ, q replaces the old segment p–q;
     * a neighbour that shares p–q gets the same run. A run that is not one old segment (a new
     * vertex joining more than two boundary segments, or a run between vertices that were not
     * neighbours) means snapping to the grid joined two borders of the unit, which its
     * neighbours could not follow: refused as a line that cannot split the unit cleanly there.
     */
    private static VertexInsertion boundaryReroutes(Geometry target, List<Polygon> pieces) {
        Set<Coordinate> oldVertices = new HashSet<>(List.of(target.getCoordinates()));
        Set<LineSegment> oldSegments = new HashSet<>();
        SharedEdges.unshared(List.of(target)).forEach(s -> oldSegments.add(SharedEdges.key(s.p(), s.q())));
        Map<Coordinate, List<Coordinate>> next = new HashMap<>();
        for (SharedEdges.Segment s : SharedEdges.unshared(pieces)) {
            next.computeIfAbsent(s.p(), k -> new ArrayList<>(2)).add(s.q());
            next.computeIfAbsent(s.q(), k -> new ArrayList<>(2)).add(s.p());
        }
        VertexInsertion insertion = new VertexInsertion();
        for (Map.Entry<Coordinate, List<Coordinate>> e : next.entrySet()) {
            Coordinate start = e.getKey();
            if (!oldVertices.contains(start)) continue;
            for (Coordinate first : e.getValue()) {
                if (oldVertices.contains(first)) continue;
                List<Coordinate> path = new ArrayList<>(List.of(start));
                Coordinate prev = start, cur = first;
                while (!oldVertices.contains(cur)) {
                    List<Coordinate> ways = next.get(cur);
                    if (ways.size() != 2) throw new IllegalStateException("the line meets the unit's boundary where snapping to the grid joins two of its borders, at " + cur);
                    path.add(cur);
                    Coordinate after = ways.get(0).equals2D(prev) ? ways.get(1) : ways.get(0);
                    prev = cur;
                    cur = after;
                }
                path.add(cur);
                if (!oldSegments.contains(SharedEdges.key(start, cur))) {
                    throw new IllegalStateException("the line meets the unit's boundary where snapping to the grid joins two of its borders, near " + first);
                }
                insertion.reroute(path.toArray(Coordinate[]::new));
            }
        }
        Set<LineSegment> now = new HashSet<>();
        SharedEdges.unshared(pieces).forEach(s -> now.add(SharedEdges.key(s.p(), s.q())));
        for (LineSegment old : oldSegments) {
            if (!now.contains(old) && !insertion.reroutes(old)) {
                throw new IllegalStateException("the line passes where two borders of the unit run within a grid cell of each other, and snapping to the grid joins them, near " + old.p0);
            }
        }
        return insertion;
    }

    private void verify(Geometry target, List<MultiPolygon> pieces, List<Geometry> around) {
        for (MultiPolygon p : pieces) if (!p.isValid()) throw new IllegalStateException("split produced an invalid piece");
        for (Geometry g : around) if (!g.isValid()) throw new IllegalStateException("split made a neighbour invalid");
        Geometry[] bad = CoverageValidator.validate(around.toArray(Geometry[]::new));
        for (Geometry b : bad) {
            if (b == null) continue;
            Coordinate touch = newSelfTouch(target, pieces);
            if (touch != null) throw new IllegalStateException("the line meets the unit's boundary at a single point, " + touch + ", where a piece would touch itself");
            throw new IllegalArgumentException("the split does not leave an edge-matched coverage (is the coverage clean and on the grid?): " + b);
        }
        double before = EqualAreaMeasure.areaM2(target), after = pieces.stream().mapToDouble(EqualAreaMeasure::areaM2).sum();
        if (Math.abs(after - before) > 1e-6 * before + 1) throw new IllegalStateException("split changed the unit's area from " + before + " to " + after + " m²");
    }
}
