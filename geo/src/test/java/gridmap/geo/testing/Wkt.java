package gridmap.geo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

import gridmap.geo.Polygons;
import gridmap.geo.metrics.TransverseMercator;

/** The one way geo's tests read, write and compare geometry: WKT in, WKT out. */
public final class Wkt {
    private static final WKTReader READER = new WKTReader(Polygons.WGS84);

    private Wkt() {}

    public static Geometry read(String wkt) {
        try {
            return READER.read(wkt); // SRID 4326, the factory's
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad WKT in a test: " + wkt, e);
        }
    }

    public static List<Geometry> list(String... wkts) {
        return Arrays.stream(wkts).map(Wkt::read).toList();
    }

    /** Same shape and the same vertices (order-independent: both sides normalised), to 1e-9°. */
    public static void assertWkt(Geometry actual, String expectedWkt) {
        Geometry expected = read(expectedWkt).norm();
        Geometry a = actual.norm();
        // a Polygon expected and a one-part MultiPolygon produced mean the same here
        if (a.getNumGeometries() == 1 && expected.getNumGeometries() == 1) {
            a = a.getGeometryN(0);
            expected = expected.getGeometryN(0);
        }
        assertThat(a.equalsExact(expected, 1e-9)).as("expected %s%n but was %s", expected, new WKTWriter().write(a)).isTrue();
    }

    public static void assertWkts(List<? extends Geometry> actual, String... expectedWkts) {
        assertThat(actual).hasSize(expectedWkts.length);
        for (int i = 0; i < expectedWkts.length; i++) assertWkt(actual.get(i), expectedWkts[i]);
    }

    /** Every non-empty piece valid, and together no invalid edge in JTS's CoverageValidator. */
    public static void assertValidCoverage(List<? extends Geometry> pieces) {
        Geometry[] nonEmpty = pieces.stream().filter(g -> !g.isEmpty()).toArray(Geometry[]::new);
        for (Geometry g : nonEmpty) assertThat(g.isValid()).as("valid: %s", g).isTrue();
        Geometry[] bad = CoverageValidator.validate(nonEmpty);
        for (int i = 0; i < bad.length; i++) assertThat(bad[i]).as("invalid edges of piece %d", i).isNull();
    }

    /** Normalised WKT with every ordinate rounded to the given number of decimals, so equal shapes print equal. */
    public static String write(Geometry g, int decimals) {
        double scale = Math.pow(10, decimals);
        Geometry copy = g.norm();
        copy.apply(new CoordinateSequenceFilter() {
            @Override public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, Math.round(seq.getX(i) * scale) / scale);
                seq.setOrdinate(i, 1, Math.round(seq.getY(i) * scale) / scale);
            }
            @Override public boolean isDone() { return false; }
            @Override public boolean isGeometryChanged() { return true; }
        });
        return new WKTWriter().write(copy);
    }

    /**
     * A polygon given in local metres (x east, y north) about lon0/lat0, converted to lon/lat with
     * the WGS84 radii of curvature there (meridian M and prime vertical N): good to ~1e-4 over a
     * few km, independent of the {@link TransverseMercator} code the tests check.
     */
    public static Polygon localMetres(double lon0, double lat0, Coordinate... xy) {
        double a = TransverseMercator.A, f = TransverseMercator.F, e2 = f * (2 - f);
        double phi = Math.toRadians(lat0), s = Math.sin(phi);
        double w = Math.sqrt(1 - e2 * s * s);
        double m = a * (1 - e2) / (w * w * w);
        double n = a / w;
        Coordinate[] ll = new Coordinate[xy.length];
        for (int i = 0; i < xy.length; i++) {
            ll[i] = new Coordinate(lon0 + Math.toDegrees(xy[i].x / (n * Math.cos(phi))), lat0 + Math.toDegrees(xy[i].y / m));
        }
        return Polygons.WGS84.createPolygon(ll);
    }

    /** A regular polygon of the given vertex count and radius in metres centred at lon0/lat0. */
    public static Polygon localCircle(double lon0, double lat0, double radiusM, int vertices) {
        Coordinate[] xy = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            double t = 2 * Math.PI * i / vertices;
            xy[i] = new Coordinate(radiusM * Math.cos(t), radiusM * Math.sin(t));
        }
        xy[vertices] = xy[0];
        return localMetres(lon0, lat0, xy);
    }
}
