package gridmap.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Repairs polygonal geometry as published (self-intersections, ring self-intersections) with
 * JTS {@link GeometryFixer}, and says what it found and what the repair cost in area, so an
 * import can report every change it made rather than silently altering a boundary.
 */
public final class GeometryRepair {
    private GeometryRepair() {}

    /** What was wrong (null when valid), where, and the area before/after in square metres. */
    public record Result(MultiPolygon geometry, String problem, Coordinate location,
                         double areaBeforeM2, double areaAfterM2) {
        public boolean repaired() { return problem != null; }
    }

    /** Returns a valid MultiPolygon; a geometry that is already valid is returned unchanged. */
    public static Result repair(Geometry g) {
        TopologyValidationError err = new IsValidOp(g).getValidationError();
        double before = EqualAreaMeasure.areaM2(g);
        if (err == null) {
            MultiPolygon mp = Polygons.toMultiPolygon(g);
            return new Result(mp, null, null, before, before);
        }
        Geometry fixed = GeometryFixer.fix(g);
        MultiPolygon mp = Polygons.toMultiPolygon(Polygons.polygonalPart(fixed));
        if (!mp.isValid() || mp.isEmpty()) {
            throw new IllegalArgumentException("geometry cannot be repaired: " + err.getMessage());
        }
        return new Result(mp, err.getMessage(), err.getCoordinate(), before, EqualAreaMeasure.areaM2(mp));
    }

    /** JTS's reason and location for an invalid geometry, or null when it is valid. */
    public static TopologyValidationError validationError(Geometry g) {
        return new IsValidOp(g).getValidationError();
    }
}
