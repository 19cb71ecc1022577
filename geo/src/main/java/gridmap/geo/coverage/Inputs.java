package gridmap.geo.coverage;

import java.util.List;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/** Argument checks shared by the operations: what is not a lon/lat polygon is refused by index. */
final class Inputs {
    private Inputs() {}

    static void checkPolygonal(List<? extends Geometry> units) {
        for (int i = 0; i < units.size(); i++) checkPolygonal(i, units.get(i));
    }

    /**
     * The types and the lon/lat range (by envelope) only, for operations on the hot path whose
     * result is checked anyway: a NaN coordinate shows up there as an invalid result.
     */
    static void checkPolygonalTypes(List<? extends Geometry> units) {
        for (int i = 0; i < units.size(); i++) {
            Geometry g = units.get(i);
            checkType(i, g);
            Envelope e = g.getEnvelopeInternal();
            if (!e.isNull() && (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90)) {
                throw new IllegalArgumentException("input " + i + " has a coordinate outside lon/lat range");
            }
        }
    }

    static void checkPolygonal(int i, Geometry g) {
        checkType(i, g);
        checkLonLat("input " + i, g);
    }

    private static void checkType(int i, Geometry g) {
        if (g == null) throw new IllegalArgumentException("input " + i + " is null");
        boolean polygonal = g instanceof Polygon || g instanceof MultiPolygon
                || (g.isEmpty() && g.getClass() == GeometryCollection.class);
        if (!polygonal) throw new IllegalArgumentException("input " + i + " is a " + g.getGeometryType() + ", not a Polygon or MultiPolygon");
    }

    static double checkGapWidth(double metres) {
        if (!(metres >= 0) || Double.isInfinite(metres)) throw new IllegalArgumentException("gap width must be a finite number of metres ≥ 0");
        return metres;
    }

    static double checkGridSize(double degrees) {
        if (!(degrees > 0) || degrees > 1) throw new IllegalArgumentException("grid size must be > 0 and ≤ 1 degree");
        return degrees;
    }

    static void checkLonLat(String what, Geometry g) {
        // reads the coordinates in place: copying them (getCoordinates) costs more than a merge
        g.apply(new CoordinateSequenceFilter() {
            @Override public void filter(CoordinateSequence s, int i) {
                double x = s.getX(i), y = s.getY(i);
                if (!Double.isFinite(x) || !Double.isFinite(y)) throw new IllegalArgumentException(what + " has a coordinate that is not a finite number");
                if (Math.abs(x) > 180 || Math.abs(y) > 90) throw new IllegalArgumentException(what + " has a coordinate outside lon/lat range: " + s.getCoordinate(i));
            }
            @Override public boolean isDone() { return false; }
            @Override public boolean isGeometryChanged() { return false; }
        });
    }
}
