package gridmap.data.io;

import static gridmap.data.io.ImportFixtures.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import gridmap.geo.metrics.TransverseMercator;

/**
 * Coordinate systems: a known point carried into CGCS2000 / 3-degree Gauss–Krüger zone 39
 * (EPSG:4527) and back agrees to 1 cm, GDAL and PostGIS agree with an independent Gauss–Krüger
 * formula, every supported family passes the same check, and a GeoJSON in EPSG:4527 imports to
 * lon/lat whether the file names its CRS or --crs does.
 */
class CrsTest {
    static DataSource ds;
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("crs");
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    @Test
    void aKnownPointInZone39RoundTripsToACentimetre() throws Exception {
        double lon = 117.5, lat = 31.5; // in Tongling
        double[] gk = Gdal.transform(new double[][] {{lon, lat}}, 4326, 4527)[0];
        // zone 39: central meridian 117°E, scale 1, false easting 39 500 000 m (zone number in front)
        Coordinate independent = new TransverseMercator(117, 1).project(lon, lat);
        assertThat(gk[0]).isCloseTo(39_500_000 + independent.x, within(0.01));
        assertThat(gk[1]).isCloseTo(independent.y, within(0.01));
        try (Connection c = ds.getConnection()) {
            CrsCheck.Result r = CrsCheck.check(c, 4527, lon, lat);
            assertThat(r.roundTripM()).isLessThan(0.01);
            assertThat(r.enginesApartM()).isLessThan(0.01);
            assertThat(r.ok()).isTrue();
        }
        double[] back = Gdal.transform(new double[][] {gk}, 4527, 4326)[0];
        assertThat(back[0]).isCloseTo(lon, within(1e-9));
        assertThat(back[1]).isCloseTo(lat, within(1e-9));
    }

    @Test
    void everySupportedFamilyPassesTheCheck() throws Exception {
        // a point half a degree east of each system's central meridian, at 35°N
        Map<Integer, Double> centralMeridian = Map.of(4490, 116.0, 4491, 75.0, 4501, 135.0, 4502, 75.0, 4513, 75.0, 4533, 135.0,
                4534, 75.0, 4554, 135.0, 3857, 116.0, 32650, 117.0);
        try (Connection c = ds.getConnection()) {
            for (var e : centralMeridian.entrySet()) {
                assertThat(SupportedCrs.isSupported(e.getKey())).isTrue();
                CrsCheck.Result r = CrsCheck.check(c, e.getKey(), e.getValue() + 0.5, 35);
                assertThat(r.ok()).as("EPSG:" + e.getKey() + " " + r).isTrue();
            }
        }
        assertThat(SupportedCrs.isSupported(27700)).isFalse();
        assertThat(SupportedCrs.parse("urn:ogc:def:crs:EPSG::4527")).isEqualTo(4527);
        assertThat(SupportedCrs.parse("OGC:CRS84")).isEqualTo(4326);
        assertThat(SupportedCrs.parse("epsg:4490")).isEqualTo(4490);
    }

    @Test
    void aGeoJsonInGaussKrugerImportsToLonLat() throws Exception {
        Path city = ImportFixtures.geoJson(dir, "city.geojson", f(ImportFixtures.box(117, 30.5, 118, 31.5), "code", "340700", "name", "铜陵市"));
        Path gk = dir.resolve("city-4527.geojson");
        ImportFixtures.gdal("ogr2ogr", "-f", "GeoJSON", gk.toString(), city.toString(), "-t_srs", "EPSG:4527", "-lco", "COORDINATE_PRECISION=4");
        assertThat(Files.readString(gk)).contains("EPSG::4527");
        ImportReport r = ImportFixtures.run(ds, gk, ImportOptions.of(ImportTarget.UNITS).withDryRun(true));
        assertThat(r.source.crsEpsg).isEqualTo(4527);
        assertThat(r.source.crsFrom).isEqualTo("file");
        assertThat(r.source.crsRoundTripM).isLessThan(0.01);
        assertThat(r.counts.inserted).isEqualTo(1);

        // the same coordinates without the crs member: refused, then imported with --crs
        Path bare = Files.writeString(dir.resolve("bare.geojson"), Files.readString(gk).replaceAll("\"crs\": \\{[^}]*\\}[^}]*\\},", ""));
        assertThat(Files.readString(bare)).doesNotContain("\"crs\"");
        ImportException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class,
                () -> ImportFixtures.run(ds, bare, ImportOptions.of(ImportTarget.UNITS)));
        assertThat(e.getMessage()).contains("--crs");
        ImportReport withOption = ImportFixtures.run(ds, bare, ImportOptions.of(ImportTarget.UNITS).withCrs(4527));
        assertThat(withOption.source.crsFrom).isEqualTo("option");
        ImportFixtures.StoredUnit u = ImportFixtures.currentUnits(ds, "city").get("340700");
        org.locationtech.jts.geom.Envelope env = u.geom().getEnvelopeInternal();
        assertThat(env.getMinX()).isCloseTo(117, within(1e-6)); // 1e-4 m in the file is about 1e-9°
        assertThat(env.getMaxY()).isCloseTo(31.5, within(1e-6));
    }
}
