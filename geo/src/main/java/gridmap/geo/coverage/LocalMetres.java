package gridmap.geo.coverage;

import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Lengths and widths in metres of lon/lat geometry, by a local equirectangular approximation
 * (x = R·cos φ₀·Δλ, y = R·Δφ on a sphere of the Earth's mean radius). Over the few kilometres
 * that a border between two neighbours or a sliver spans this agrees with a geodesic length to
 * about 0.5 % (the sphere against the ellipsoid), which is plenty for choosing the longest
 * border or for comparing a width with a tolerance. Reported areas use
 * {@link gridmap.geo.EqualAreaMeasure}, not this class.
 */
public final class LocalMetres {
    /** Mean radius of the WGS 84 ellipsoid, in metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double M_PER_DEG = EARTH_RADIUS_M * Math.PI / 180;

    private LocalMetres() {}

    /** Distance between two lon/lat points, measured at their mean latitude. */
    public static double distanceM(Coordinate a, Coordinate b) {
        double k = Math.cos(Math.toRadians((a.y + b.y) / 2));
        double dx = (b.x - a.x) * k, dy = b.y - a.y;
        return Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
    }

    /** Total length of the linework of g (for a polygon: its rings), each segment measured on its own. */
    public static double lengthM(Geometry g) {
        double sum = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof LineString line) {
                sum += lengthM(line.getCoordinateSequence());
            } else if (part instanceof Polygon p) {
                sum += lengthM(p.getExteriorRing().getCoordinateSequence());
                for (int h = 0; h < p.getNumInteriorRing(); h++) sum += lengthM(p.getInteriorRingN(h).getCoordinateSequence());
            } else if (part != g) {
                sum += lengthM(part);
            }
        }
        return sum;
    }

    private static double lengthM(CoordinateSequence s) {
        double sum = 0;
        for (int i = 1; i < s.size(); i++) sum += distanceM(s.getCoordinate(i - 1), s.getCoordinate(i));
        return sum;
    }

    /**
     * The width of a polygonal area in metres: the diameter of its largest inscribed circle
     * (JTS {@link MaximumInscribedCircle}), computed in a plane about the area's own centre and
     * accurate to {@code toleranceM}. A sliver 80 m wide and 10 km long is 80 m wide.
     */
    public static double widthM(Geometry polygonal, double toleranceM) {
        if (polygonal.isEmpty()) return 0;
        Geometry local = toLocalPlane(polygonal);
        return 2 * new MaximumInscribedCircle(local, toleranceM).getRadiusLine().getLength();
    }

    /**
     * An upper bound of {@link #widthM} that costs almost nothing: no disc of diameter d fits
     * into an area smaller than π·d²/4.
     */
    static double widthUpperBoundM(double areaM2) {
        return 2 * Math.sqrt(areaM2 / Math.PI);
    }

    /** A copy of g in metres, x east and y north of the centre of its envelope. */
    static Geometry toLocalPlane(Geometry g) {
        double lon0 = g.getEnvelopeInternal().centre().x, lat0 = g.getEnvelopeInternal().centre().y;
        double kx = Math.cos(Math.toRadians(lat0)) * M_PER_DEG;
        Geometry local = g.copy();
        local.apply(new CoordinateSequenceFilter() {
            @Override public void filter(CoordinateSequence s, int i) {
                s.setOrdinate(i, 0, (s.getX(i) - lon0) * kx);
                s.setOrdinate(i, 1, (s.getY(i) - lat0) * M_PER_DEG);
            }
            @Override public boolean isDone() { return false; }
            @Override public boolean isGeometryChanged() { return true; }
        });
        return local;
    }
}
