package gridmap.geo.coverage;

import java.util.List;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;

import gridmap.geo.Polygons;

/**
 * The union of polygons that share exact edges (faces of one {@link FaceGraph}, or units of a
 * clean coverage): JTS {@link CoverageUnion}, which only drops the shared edges and moves no
 * vertex; and, when that fails, an OverlayNG union at the grid of the pieces.
 *
 * <p>Why the fallback: JTS 1.20.0's CoverageUnion returns an invalid polygon when holes of the
 * result touch each other or the shell at a vertex, and throws on some inputs that are not
 * quite a coverage. OverlayNG with the pieces' own fixed precision builds a valid result from
 * the same noded edges; since the pieces already lie on that grid, snap-rounding leaves their
 * vertices where they are.
 */
final class ExactUnion {
    /** geometry: valid, normalised; overlay: whether the OverlayNG fallback produced it. */
    record Outcome(MultiPolygon geometry, boolean overlay) {}

    private ExactUnion() {}

    static Outcome union(List<? extends Geometry> pieces, PrecisionModel grid) {
        List<? extends Geometry> parts = pieces.stream().filter(g -> !g.isEmpty()).toList();
        if (parts.isEmpty()) return new Outcome(Polygons.WGS84.createMultiPolygon(), false);
        if (parts.size() == 1 && parts.get(0).isValid()) {
            return new Outcome(Polygons.toMultiPolygon(parts.get(0).norm()), false);
        }
        try {
            Geometry u = CoverageUnion.union(parts.toArray(Geometry[]::new));
            if (u != null && u.isValid()) return new Outcome(Polygons.toMultiPolygon(u.norm()), false);
        } catch (TopologyException notACoverage) {
            // handled below, by the overlay
        }
        Geometry u = UnaryUnionNG.union(Polygons.WGS84.buildGeometry(parts), grid);
        return new Outcome(Polygons.toMultiPolygon(u.norm()), true);
    }
}
