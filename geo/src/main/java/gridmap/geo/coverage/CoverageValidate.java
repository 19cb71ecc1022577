package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;

/**
 * Finds what keeps units from being a valid coverage (see the package invariant), each problem
 * with the units involved and a location a UI can draw:
 * <ul>
 * <li>{@link Kind#INVALID_POLYGON}: a unit that is not a valid polygon (JTS {@link IsValidOp});
 *     location: the point JTS names. The other checks then use its repair ({@link GeometryFixer}).</li>
 * <li>{@link Kind#OVERLAP}: two units whose interiors overlap; area: the overlap; location: a
 *     point inside it.</li>
 * <li>{@link Kind#MISMATCHED_EDGE}: border segments that do not match a neighbour's exactly
 *     (JTS {@link CoverageValidator}), e.g. a vertex on one side of a border that the other
 *     side lacks, leaving out those inside or running into an overlap (they are the overlap's
 *     doing); location: those segments; units: the unit whose segments they are first, then
 *     the neighbours within 1 cm of them.</li>
 * <li>{@link Kind#GAP}: a hole in the union of the units at most the gap width wide (metres, the
 *     diameter of its largest inscribed circle); area: the hole; location: a point inside it;
 *     units: those that border it. This is JTS {@code CoverageGapFinder}'s method, with the width
 *     measured in metres rather than in degrees (which are shorter east–west than north–south).
 *     Like it, gaps open to the outside (between units along the outer boundary) are not found.
 *     With a parent ({@link #setParent}), holes of the parent are not gaps.</li>
 * </ul>
 * An empty result means the units form a valid coverage with no gap up to the gap width. On a
 * valid coverage only the fast checks run: validity, {@link CoverageValidator}, and the holes
 * found among the segments that only one unit has (the boundary of the union, without computing
 * the union); overlaps are computed only for units the validator flags, and the union (an
 * OverlayNG union) only when edges do not match.
 */
public final class CoverageValidate {
    /** Within this distance (degrees, about 1 cm) a neighbour counts as involved in a mismatched edge. */
    private static final double NEIGHBOUR_DISTANCE = 1e-7;

    public enum Kind { INVALID_POLYGON, OVERLAP, MISMATCHED_EDGE, GAP }

    /**
     * One problem: its kind, the indexes of the units involved, a location to draw (a Point, or
     * the lines of a mismatched edge), the area involved as a MultiPolygon (empty for
     * INVALID_POLYGON and MISMATCHED_EDGE), its size in m², and a sentence in English.
     */
    public record Problem(Kind kind, List<Integer> units, Geometry location, Geometry area, double areaM2, String detail) {
        public Problem {
            units = List.copyOf(units);
        }
    }

    /** The problems in order of kind, then of the first unit involved. */
    public record Result(List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
        public boolean isValid() { return problems.isEmpty(); }
        public List<Problem> of(Kind kind) { return problems.stream().filter(p -> p.kind() == kind).toList(); }
    }

    private final List<? extends Geometry> units;
    private double gapWidthM = CoverageClean.DEFAULT_GAP_WIDTH_M;
    private Geometry parent;

    /** @param units Polygons or MultiPolygons in lon/lat; empty ones are ignored */
    public CoverageValidate(List<? extends Geometry> units) {
        Inputs.checkPolygonal(units);
        this.units = List.copyOf(units);
    }

    /** Validates with the default gap width, {@link CoverageClean#DEFAULT_GAP_WIDTH_M}. */
    public static Result validate(List<? extends Geometry> units) {
        return new CoverageValidate(units).validate();
    }

    /** Gaps up to this width (metres) are reported; 0 reports none. */
    public CoverageValidate setGapWidth(double metres) {
        this.gapWidthM = Inputs.checkGapWidth(metres);
        return this;
    }

    /**
     * The unit the coverage divides (a street for its communities): a hole of the coverage that
     * is a hole of the parent too (an enclave of another parent) is not a gap.
     */
    public CoverageValidate setParent(Geometry parent) {
        Inputs.checkPolygonal(0, parent);
        this.parent = parent;
        return this;
    }

    public Result validate() {
        int n = units.size();
        List<Problem> problems = new ArrayList<>();
        Geometry[] usable = new Geometry[n];
        for (int i = 0; i < n; i++) {
            Geometry g = units.get(i);
            TopologyValidationError err = g.isEmpty() ? null : new IsValidOp(g).getValidationError();
            if (err != null) {
                problems.add(new Problem(Kind.INVALID_POLYGON, List.of(i), Polygons.WGS84.createPoint(err.getCoordinate()),
                        empty(), 0, err.getMessage()));
                g = Polygons.toMultiPolygon(GeometryFixer.fix(g));
            }
            usable[i] = g;
        }
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < n; i++) if (!usable[i].isEmpty()) present.add(i);
        STRtree index = new STRtree();
        for (int i : present) index.insert(usable[i].getEnvelopeInternal(), i);

        Geometry[] invalidLines = new Geometry[n];
        Geometry[] bad = CoverageValidator.validate(present.stream().map(i -> usable[i]).toArray(Geometry[]::new));
        for (int k = 0; k < bad.length; k++) invalidLines[present.get(k)] = bad[k];

        List<List<Geometry>> overlapsOf = new ArrayList<>();
        for (int i = 0; i < n; i++) overlapsOf.add(new ArrayList<>());
        problems.addAll(overlaps(usable, invalidLines, index, overlapsOf));
        problems.addAll(mismatchedEdges(usable, invalidLines, index, overlapsOf));
        boolean edgesMatch = java.util.Arrays.stream(bad).allMatch(java.util.Objects::isNull);
        if (gapWidthM > 0) problems.addAll(gaps(usable, present, index, edgesMatch));
        problems.sort(Comparator.comparing(Problem::kind).thenComparing(p -> p.units().isEmpty() ? -1 : p.units().get(0)));
        return new Result(problems);
    }

    /** Pairs with a flagged unit whose intersection has area: an overlap must show as an invalid edge of one of them. */
    private static List<Problem> overlaps(Geometry[] usable, Geometry[] invalidLines, STRtree index, List<List<Geometry>> overlapsOf) {
        List<Problem> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < usable.length; i++) {
            if (invalidLines[i] == null) continue;
            @SuppressWarnings("unchecked")
            List<Integer> near = index.query(invalidLines[i].getEnvelopeInternal());
            for (int j : near.stream().sorted().toList()) {
                if (j == i || !seen.add(Math.min(i, j) * (long) usable.length + Math.max(i, j))) continue;
                MultiPolygon common = Polygons.toMultiPolygon(OverlayNGRobust.overlay(usable[i], usable[j], OverlayNG.INTERSECTION));
                if (common.isEmpty()) continue;
                overlapsOf.get(i).add(common);
                overlapsOf.get(j).add(common);
                double m2 = EqualAreaMeasure.areaM2(common);
                out.add(new Problem(Kind.OVERLAP, List.of(Math.min(i, j), Math.max(i, j)), common.getInteriorPoint(), common, m2,
                        String.format("units %d and %d overlap by %.0f m²", Math.min(i, j), Math.max(i, j), m2)));
            }
        }
        return out;
    }

    private static List<Problem> mismatchedEdges(Geometry[] usable, Geometry[] invalidLines, STRtree index, List<List<Geometry>> overlapsOf) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < usable.length; i++) {
            Geometry lines = invalidLines[i];
            if (lines == null) continue;
            if (!overlapsOf.get(i).isEmpty()) {
                lines = awayFrom(lines, OverlayNGRobust.union(overlapsOf.get(i)));
                if (lines.isEmpty()) continue;
            }
            Set<Integer> involved = new LinkedHashSet<>(List.of(i));
            @SuppressWarnings("unchecked")
            List<Integer> near = index.query(lines.getEnvelopeInternal());
            for (int j : near.stream().sorted().toList()) {
                if (j != i && usable[j].isWithinDistance(lines, NEIGHBOUR_DISTANCE)) involved.add(j);
            }
            out.add(new Problem(Kind.MISMATCHED_EDGE, new ArrayList<>(involved), lines, empty(), 0,
                    String.format("%.0f m of the border of unit %d do not match a neighbour's vertices", LocalMetres.lengthM(lines), i)));
        }
        return out;
    }

    /**
     * The parts of flagged lines that have nothing to do with an overlap: segments inside an
     * overlap, or running into one (they lack the vertex where the other unit's border leaves
     * theirs), are that overlap's doing and go away with it.
     */
    private static Geometry awayFrom(Geometry lines, Geometry overlapArea) {
        Geometry rest = OverlayNGRobust.overlay(lines, overlapArea, OverlayNG.DIFFERENCE);
        List<Geometry> kept = new ArrayList<>();
        for (int k = 0; k < rest.getNumGeometries(); k++) {
            Geometry part = rest.getGeometryN(k);
            if (!part.isEmpty() && !overlapArea.isWithinDistance(part, NEIGHBOUR_DISTANCE)) kept.add(part);
        }
        return Polygons.WGS84.buildGeometry(kept);
    }

    /** The holes of the units' union (as CoverageGapFinder finds them) up to the gap width, parent holes left out. */
    private List<Problem> gaps(Geometry[] usable, List<Integer> present, STRtree index, boolean edgesMatch) {
        List<Problem> out = new ArrayList<>();
        if (present.isEmpty()) return out;
        List<Geometry> parts = present.stream().map(i -> usable[i]).toList();
        Map<LineSegment, Integer> unitOfBoundary = new HashMap<>();
        List<Polygon> holes = edgesMatch ? holesOfCoverage(parts, present, index, usable, unitOfBoundary) : holesOfUnion(parts);
        IndexedPointInAreaLocator inParent = parent == null ? null : new IndexedPointInAreaLocator(parent);
        for (Polygon hole : holes) {
            if (inParent != null && inParent.locate(hole.getInteriorPoint().getCoordinate()) == Location.EXTERIOR) continue;
            double m2 = EqualAreaMeasure.areaM2(hole);
            if (LocalMetres.widthUpperBoundM(m2) > gapWidthM && LocalMetres.widthM(hole, Math.max(0.01, gapWidthM / 100)) > gapWidthM) continue;
            List<Integer> around = edgesMatch ? unitsAlong(hole, unitOfBoundary) : unitsTouching(hole, usable, index);
            out.add(new Problem(Kind.GAP, around, hole.getInteriorPoint(), Polygons.toMultiPolygon(hole), m2,
                    String.format("a gap of %.0f m² between units %s", m2, around)));
        }
        return out;
    }

    /**
     * On an edge-matched coverage the union's boundary is the segments only one unit has: its
     * faces that no unit covers are the holes. Much cheaper than the union itself.
     */
    private static List<Polygon> holesOfCoverage(List<Geometry> parts, List<Integer> present, STRtree index, Geometry[] usable,
                                                 Map<LineSegment, Integer> unitOfBoundary) {
        Polygonizer polygonizer = new Polygonizer();
        for (SharedEdges.Segment s : SharedEdges.unshared(parts)) {
            unitOfBoundary.put(SharedEdges.key(s.p(), s.q()), present.get(s.item()));
            polygonizer.add(Polygons.WGS84.createLineString(new Coordinate[] {s.p(), s.q()}));
        }
        Map<Integer, IndexedPointInAreaLocator> locators = new HashMap<>();
        List<Polygon> holes = new ArrayList<>();
        @SuppressWarnings("unchecked")
        java.util.Collection<Polygon> faces = polygonizer.getPolygons();
        for (Polygon face : faces) {
            Coordinate c = face.getInteriorPoint().getCoordinate();
            @SuppressWarnings("unchecked")
            List<Integer> near = index.query(new Envelope(c));
            boolean covered = near.stream().anyMatch(i -> locators.computeIfAbsent(i, k -> new IndexedPointInAreaLocator(usable[k])).locate(c) != Location.EXTERIOR);
            if (!covered) holes.add(face);
        }
        return holes;
    }

    private static List<Polygon> holesOfUnion(List<Geometry> parts) {
        List<Polygon> holes = new ArrayList<>();
        for (Polygon p : Polygons.polygonsOf(OverlayNGRobust.union(parts))) {
            for (int h = 0; h < p.getNumInteriorRing(); h++) holes.add(Polygons.WGS84.createPolygon(p.getInteriorRingN(h).getCoordinates()));
        }
        return holes;
    }

    private static List<Integer> unitsAlong(Polygon hole, Map<LineSegment, Integer> unitOfBoundary) {
        java.util.TreeSet<Integer> around = new java.util.TreeSet<>();
        for (int r = -1; r < hole.getNumInteriorRing(); r++) {
            Coordinate[] ring = (r < 0 ? hole.getExteriorRing() : hole.getInteriorRingN(r)).getCoordinates();
            for (int k = 1; k < ring.length; k++) {
                Integer u = unitOfBoundary.get(SharedEdges.key(ring[k - 1], ring[k]));
                if (u != null) around.add(u);
            }
        }
        return new ArrayList<>(around);
    }

    private static List<Integer> unitsTouching(Polygon hole, Geometry[] usable, STRtree index) {
        @SuppressWarnings("unchecked")
        List<Integer> near = index.query(hole.getEnvelopeInternal());
        return near.stream().sorted().filter(j -> usable[j].intersects(hole)).toList();
    }

    private static MultiPolygon empty() {
        return Polygons.WGS84.createMultiPolygon();
    }
}
