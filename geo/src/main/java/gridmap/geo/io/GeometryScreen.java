package gridmap.geo.io;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;

/**
 * The first look at a geometry read from a file, before any repair: is it of a kind the target
 * can hold, non-empty, and made of finite longitude/latitude coordinates? Topological validity
 * (self-intersections…) is not judged here; {@link gridmap.geo.GeometryRepair} handles it.
 */
public final class GeometryScreen {
    /** What a target can hold. */
    public enum Kind {
        POLYGONAL("Polygon or MultiPolygon"), POINT("Point"), ANY("any geometry");

        public final String description;

        Kind(String description) { this.description = description; }
    }

    private GeometryScreen() {}

    /** The first problem found, as a sentence naming where it is, or null when the geometry passes. */
    public static String problem(Geometry g, Kind kind) {
        if (g == null) return "no geometry";
        if (g.isEmpty()) return "empty geometry";
        switch (kind) {
            case POLYGONAL -> {
                if (!(g instanceof Polygonal)) return g.getGeometryType() + " where a " + kind.description + " is needed";
            }
            case POINT -> {
                if (!(g instanceof Point)) {
                    return g.getGeometryType() + " where a " + kind.description + " is needed"
                            + (g instanceof Puntal ? " (one point per feature)" : "");
                }
            }
            case ANY -> { }
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) return "coordinate is not a finite number (" + c.x + ", " + c.y + ")";
            if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                return String.format("coordinate (%s, %s) is outside longitude -180..180 / latitude -90..90", c.x, c.y);
            }
        }
        return null;
    }

    /**
     * The geometry as the target holds it: a MultiPoint of one point (as shapefiles and some
     * exports write single points) becomes that Point; anything else is returned as it is.
     */
    public static Geometry normalise(Geometry g, Kind kind) {
        if (kind == Kind.POINT && g instanceof org.locationtech.jts.geom.MultiPoint mp && mp.getNumGeometries() == 1) {
            Point p = (Point) mp.getGeometryN(0);
            p.setSRID(g.getSRID());
            return p;
        }
        return g;
    }

    /**
     * Whether an extent could be longitude/latitude. Projected coordinates (metres) are almost
     * always far outside it: a Gauss–Krüger easting is in the millions.
     */
    public static boolean couldBeLonLat(Envelope e) {
        return e.isNull() || (e.getMinX() >= -180 && e.getMaxX() <= 180 && e.getMinY() >= -90 && e.getMaxY() <= 90);
    }
}
