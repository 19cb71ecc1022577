package gridmap.geo.coverage;

import java.util.List;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import gridmap.geo.Polygons;

/**
 * The union of polygons that share exact edges (faces of one {@link FaceGraph}, or units of a
 * clean coverage): JTS {@link CoverageUnion}, which only drops the shared edges and moves no
 * vertex; and, when its result is not valid or it throws, an OverlayNG union.
 *
 * <p>Why the fallback: JTS 1.20.0's CoverageUnion returns an invalid polygon when holes of the
 * result touch each other at a vertex (it traces them as one self-touching ring), and throws on
 * some inputs that are not quite a coverage. OverlayNG builds a valid result from the same
 * edges: at the pieces' own fixed grid when they lie on one (snap-rounding then leaves their
 * vertices where they are), otherwise with {@link OverlayNGRobust}'s floating precision.
 */
final class ExactUnion {
    /** geometry: valid (checked); overlay: whether the OverlayNG fallback produced it, and why. */
    record Outcome(MultiPolygon geometry, boolean overlay, String reason) {}

    private ExactUnion() {}

    /** @param grid the grid all pieces lie on, or null when they lie on none */
    static Outcome union(List<? extends Geometry> pieces, PrecisionModel grid) {
        List<? extends Geometry> parts = pieces.stream().filter(g -> !g.isEmpty()).toList();
        if (parts.isEmpty()) return new Outcome(Polygons.WGS84.createMultiPolygon(), false, null);
        if (parts.size() == 1 && parts.get(0).isValid()) {
            return new Outcome(asMultiPolygon(parts.get(0)), false, null);
        }
        String reason;
        try {
            Geometry u = CoverageUnion.union(parts.toArray(Geometry[]::new));
            TopologyValidationError err = new IsValidOp(u).getValidationError();
            if (err == null) return new Outcome(asMultiPolygon(u), false, null);
            reason = "CoverageUnion returned an invalid polygon: " + err;
        } catch (TopologyException notACoverage) {
            reason = "CoverageUnion failed: " + notACoverage.getMessage();
        }
        Geometry all = Polygons.WGS84.buildGeometry(parts);
        Geometry u;
        try {
            u = grid == null ? OverlayNGRobust.union(all) : UnaryUnionNG.union(all, grid);
        } catch (TopologyException e) {
            throw new IllegalArgumentException("the pieces cannot be merged, they are not valid polygons (" + e.getMessage() + "): clean them first", e);
        }
        if (!u.isValid()) throw new IllegalStateException("the overlay union is not valid either (" + reason + ")");
        return new Outcome(asMultiPolygon(u), true, reason);
    }

    /** g as a MultiPolygon of the shared factory, copied only when it is not one already. */
    private static MultiPolygon asMultiPolygon(Geometry g) {
        if (g.getFactory() == Polygons.WGS84) {
            if (g instanceof MultiPolygon mp) return mp;
            if (g instanceof Polygon p) return Polygons.WGS84.createMultiPolygon(new Polygon[] {p});
        }
        return Polygons.toMultiPolygon(g);
    }
}
