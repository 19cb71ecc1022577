package gridmap.geo.coverage;

import java.util.List;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.valid.IsValidOp;

import gridmap.geo.EqualAreaMeasure;

/**
 * Merges units of a coverage (see the package invariant) into one: JTS {@link CoverageUnion},
 * which is exact and fast because it only drops the edges the units share. When CoverageUnion
 * fails (JTS 1.20.0 returns an invalid polygon when holes of the result touch at a vertex, and
 * throws on some inputs that are not quite a coverage) an OverlayNG union is used instead, and
 * the result says so.
 *
 * <p>Guarantees of {@link #merge()}, checked before it returns: the merged geometry is a valid
 * MultiPolygon ({@link IsValidOp}), and its area equals the sum of the units' areas (planar, to
 * a relative 1e-9: a coverage union loses no area and adds none). Units that overlap fail that
 * check and are refused with {@link IllegalArgumentException}: clean them first
 * ({@link CoverageClean}). The units themselves are not validated (that would cost more than the
 * union): what is guaranteed is the result. Whether the units touch along an edge is not this
 * class's business: ask {@link Contiguity} first when a merge of units that do not touch should
 * be refused.
 */
public final class CoverageMerge {
    private static final double AREA_TOLERANCE = 1e-9;

    private final List<? extends Geometry> units;

    /**
     * merged: valid, normalised; overlayFallback: whether CoverageUnion's result was replaced by
     * an OverlayNG union, and why (fallbackReason, else null).
     */
    public record Result(MultiPolygon merged, boolean overlayFallback, String fallbackReason) {
        /** The merged area in m² (equal-area, computed on each call). */
        public double areaM2() { return EqualAreaMeasure.areaM2(merged); }
    }

    /** @param units Polygons or MultiPolygons of one coverage, lon/lat; empty ones are ignored */
    public CoverageMerge(List<? extends Geometry> units) {
        Inputs.checkPolygonalTypes(units);
        this.units = List.copyOf(units);
    }

    public static Result merge(List<? extends Geometry> units) {
        return new CoverageMerge(units).merge();
    }

    public Result merge() {
        ExactUnion.Outcome u = ExactUnion.union(units, null);
        double parts = 0;
        for (Geometry g : units) parts += g.getArea();
        double lost = parts - u.geometry().getArea();
        if (Math.abs(lost) > AREA_TOLERANCE * parts) {
            throw new IllegalArgumentException(String.format("the units are not a coverage: their union differs from the sum of their areas by %.3g%% (they overlap, or one is not a valid polygon): clean them first",
                    100 * lost / parts));
        }
        return new Result(u.geometry(), u.overlay(), u.reason());
    }
}
