package gridmap.geo.coverage;

import java.util.List;

import org.locationtech.jts.geom.Coordinate;
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

    static void checkPolygonal(int i, Geometry g) {
        if (g == null) throw new IllegalArgumentException("input " + i + " is null");
        boolean polygonal = g instanceof Polygon || g instanceof MultiPolygon
                || (g.isEmpty() && g.getClass() == GeometryCollection.class);
        if (!polygonal) throw new IllegalArgumentException("input " + i + " is a " + g.getGeometryType() + ", not a Polygon or MultiPolygon");
        checkLonLat("input " + i, g);
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
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) throw new IllegalArgumentException(what + " has a coordinate that is not a finite number");
            if (Math.abs(c.x) > 180 || Math.abs(c.y) > 90) throw new IllegalArgumentException(what + " has a coordinate outside lon/lat range: " + c);
        }
    }
}
