package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;

/**
 * Splits one unit of a coverage (see the package invariant) by a drawn line: the unit's
 * boundary and the line are noded together by snap-rounding to the coverage's grid and
 * polygonized, and the faces inside the unit are the pieces. Parts of the line outside the
 * unit, or ending inside it, cut nothing and are ignored.
 *
 * <p>Where the line crosses the unit's boundary, a vertex on the grid is added to that boundary;
 * the neighbour on the other side of that border receives the same vertex, so the coverage
 * stays edge-matched. Both sides move by under one grid cell (about 1 mm) there, and nowhere
 * else.
 *
 * <p>Guarantees of {@link #split()}: at least two pieces, each a valid one-part MultiPolygon,
 * largest first (a part of the unit the line does not touch, such as an island, is a piece of
 * its own); pieces and neighbours, updated or not, pass {@link CoverageValidator}; the pieces'
 * area is the unit's, up to that snapping. A line that does not cut the unit in two is refused
 * with {@link IllegalArgumentException}. The coverage must lie on the grid (as CoverageClean's
 * results and the demo's partitions do).
 */
public final class CoverageSplit {
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
        FaceGraph graph = FaceGraph.of(List.of(target, line), pm);
        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(target);
        List<Polygon> faces = new ArrayList<>();
        for (Polygon face : graph.faces) {
            if (inside.locate(face.getInteriorPoint().getCoordinate()) == Location.INTERIOR) faces.add(face);
        }
        if (faces.size() < 2) {
            throw new IllegalArgumentException("the line does not cut unit " + unit + " in two: it must cross the unit from one side of its boundary to another");
        }
        faces.sort(Comparator.comparingDouble(Polygon::getArea).reversed()
                .thenComparingDouble(f -> f.getInteriorPoint().getX()));
        List<MultiPolygon> pieces = faces.stream().map(Polygons::toMultiPolygon).toList();

        Set<Coordinate> oldVertices = new HashSet<>(List.of(target.getCoordinates()));
        List<Coordinate> added = new ArrayList<>();
        for (Polygon face : faces) {
            for (Coordinate c : face.getCoordinates()) if (!oldVertices.contains(c) && !added.contains(c)) added.add(c);
        }
        Map<Integer, MultiPolygon> neighbours = new TreeMap<>();
        List<Geometry> around = new ArrayList<>(pieces);
        for (int i = 0; i < coverage.size(); i++) {
            Geometry n = coverage.get(i);
            if (i == unit || n.isEmpty() || n.getEnvelopeInternal().distance(target.getEnvelopeInternal()) > gridSize) continue;
            MultiPolygon updated = VertexInsertion.insert(n, added, gridSize);
            if (updated != null) neighbours.put(i, updated);
            around.add(updated != null ? updated : n);
        }
        verify(target, pieces, around);
        return new Result(pieces, neighbours);
    }

    private void verify(Geometry target, List<MultiPolygon> pieces, List<Geometry> around) {
        for (MultiPolygon p : pieces) if (!p.isValid()) throw new IllegalStateException("split produced an invalid piece");
        for (Geometry g : around) if (!g.isValid()) throw new IllegalStateException("split made a neighbour invalid");
        Geometry[] bad = CoverageValidator.validate(around.toArray(Geometry[]::new));
        for (Geometry b : bad) {
            if (b != null) throw new IllegalArgumentException("the split does not leave an edge-matched coverage (is the coverage clean and on the grid?): " + b);
        }
        double before = EqualAreaMeasure.areaM2(target), after = pieces.stream().mapToDouble(EqualAreaMeasure::areaM2).sum();
        if (Math.abs(after - before) > 1e-6 * before + 1) throw new IllegalStateException("split changed the unit's area from " + before + " to " + after + " m²");
    }
}
