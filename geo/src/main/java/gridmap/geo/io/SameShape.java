package gridmap.geo.io;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Whether two polygonal geometries have the same shape although their vertices differ: the
 * coverage cleaning adds, to a unit whose border a neighbour's vertex lies on, that vertex (on
 * the 1e-8° grid, so within half a grid step of the edge). Without such vertices — removed by a
 * Douglas–Peucker pass at the grid step — the two must agree vertex by vertex to the grid step.
 */
public final class SameShape {
    /** The cleaning grid, about 1 mm. */
    static final double TOLERANCE_DEG = 1e-8;

    private SameShape() {}

    public static boolean of(Geometry a, Geometry b) {
        Geometry sa = DouglasPeuckerSimplifier.simplify(a, TOLERANCE_DEG).norm();
        Geometry sb = DouglasPeuckerSimplifier.simplify(b, TOLERANCE_DEG).norm();
        return sa.equalsExact(sb, TOLERANCE_DEG);
    }
}
