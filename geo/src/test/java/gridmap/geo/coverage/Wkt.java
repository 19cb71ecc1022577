package gridmap.geo.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

import gridmap.geo.Polygons;

/** The one helper for coverage tests: geometries in as WKT, results compared with WKT. */
final class Wkt {
    private static final WKTReader READER = new WKTReader(Polygons.WGS84);

    private Wkt() {}

    static Geometry read(String wkt) {
        try {
            return READER.read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad WKT in a test: " + wkt, e);
        }
    }

    static List<Geometry> list(String... wkts) {
        return Arrays.stream(wkts).map(Wkt::read).toList();
    }

    /** Same shape and the same vertices (order-independent: both sides normalised), to 1e-9°. */
    static void assertWkt(Geometry actual, String expectedWkt) {
        Geometry expected = read(expectedWkt).norm();
        Geometry a = actual.norm();
        // a Polygon expected and a one-part MultiPolygon produced mean the same here
        if (a.getNumGeometries() == 1 && expected.getNumGeometries() == 1) {
            a = a.getGeometryN(0);
            expected = expected.getGeometryN(0);
        }
        assertThat(a.equalsExact(expected, 1e-9)).as("expected %s%n but was %s", expected, new WKTWriter().write(a)).isTrue();
    }

    static void assertWkts(List<? extends Geometry> actual, String... expectedWkts) {
        assertThat(actual).hasSize(expectedWkts.length);
        for (int i = 0; i < expectedWkts.length; i++) assertWkt(actual.get(i), expectedWkts[i]);
    }

    /** Every non-empty piece valid, and together no invalid edge in JTS's CoverageValidator. */
    static void assertValidCoverage(List<? extends Geometry> pieces) {
        Geometry[] nonEmpty = pieces.stream().filter(g -> !g.isEmpty()).toArray(Geometry[]::new);
        for (Geometry g : nonEmpty) assertThat(g.isValid()).as("valid: %s", g).isTrue();
        Geometry[] bad = CoverageValidator.validate(nonEmpty);
        for (int i = 0; i < bad.length; i++) assertThat(bad[i]).as("invalid edges of piece %d", i).isNull();
    }
}
