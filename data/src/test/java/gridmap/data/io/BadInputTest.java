package gridmap.data.io;

import static gridmap.data.io.ImportFixtures.box;
import static gridmap.data.io.ImportFixtures.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad input the issue lists, each refused with a clear status and message, nothing written:
 * broken, truncated and hostile zips, shapefiles without their parts, no features, unknown CRSs,
 * projected coordinates without a CRS, wrong geometry types, duplicate codes, missing parents,
 * coordinates out of range or NaN, malformed rings, bad codes, the wrong format behind a name,
 * and a second import of a target while one runs.
 */
class BadInputTest {
    static DataSource ds;
    static Path dir;
    String before;

    @BeforeAll
    static void aCity() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("bad-input");
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "city.geojson", f(box(117, 30.5, 118, 31.5), "code", "340700", "name", "铜陵市")),
                ImportOptions.of(ImportTarget.UNITS));
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    @BeforeEach
    void remember() throws Exception { before = ImportFixtures.fingerprint(ds); }

    @AfterEach
    void nothingWritten() throws Exception { assertThat(ImportFixtures.fingerprint(ds)).isEqualTo(before); }

    static ImportException refused(Path file, ImportOptions o) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ImportFixtures.run(ds, file, o));
        assertThat(t).isInstanceOf(ImportException.class);
        return (ImportException) t;
    }

    static ImportOptions units() { return ImportOptions.of(ImportTarget.UNITS); }

    static Path write(String name, byte[] bytes) throws Exception { return Files.write(dir.resolve(name), bytes); }

    static Path write(String name, String text) throws Exception { return Files.writeString(dir.resolve(name), text); }

    static Path zipOf(String name, String... entriesAndContents) throws Exception {
        Path p = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(entriesAndContents[i]));
                z.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return p;
    }

    /** A real shapefile of two districts, written by ogr2ogr; returns its folder. */
    static Path shapefile(String folder) throws Exception {
        Path gj = ImportFixtures.geoJson(dir, folder + ".geojson", f(box(117, 30.5, 117.5, 31.5), "code", "340705", "name", "铜官区"),
                f(box(117.5, 30.5, 118, 31.5), "code", "340706", "name", "义安区"));
        Path d = Files.createDirectories(dir.resolve(folder));
        ImportFixtures.gdal("ogr2ogr", "-f", "ESRI Shapefile", d.resolve("d.shp").toString(), gj.toString());
        return d;
    }

    @Test
    void aCorruptZip() throws Exception {
        byte[] junk = new byte[4000];
        new java.util.Random(1).nextBytes(junk);
        junk[0] = 'P'; junk[1] = 'K'; junk[2] = 3; junk[3] = 4;
        ImportException e = refused(write("broken.zip", junk), units());
        assertThat(e.status).isEqualTo(422);
        assertThat(e.getMessage()).contains("corrupt or truncated");
    }

    @Test
    void aTruncatedZip() throws Exception {
        Path d = shapefile("trunc");
        Path zip = ImportFixtures.zip(dir.resolve("whole.zip"), ImportFixtures.siblings(d, "d"));
        byte[] b = Files.readAllBytes(zip);
        ImportException e = refused(write("truncated.zip", java.util.Arrays.copyOf(b, b.length / 2)), units());
        assertThat(e.status).isEqualTo(422);
        assertThat(e.getMessage()).contains("corrupt or truncated");
    }

    @Test
    void aShapefileWithoutItsShxOrDbf() throws Exception {
        Path d = shapefile("parts");
        for (String missing : List.of("shx", "dbf")) {
            List<Path> files = ImportFixtures.siblings(d, "d").stream().filter(p -> !p.toString().endsWith("." + missing)).toList();
            ImportException e = refused(ImportFixtures.zip(dir.resolve("no-" + missing + ".zip"), files), units());
            assertThat(e.status).isEqualTo(422);
            assertThat(e.getMessage()).contains("without its ." + missing);
        }
        ImportException e = refused(ImportFixtures.zip(dir.resolve("no-shp.zip"), ImportFixtures.siblings(d, "d").stream()
                .filter(p -> !p.toString().endsWith(".shp")).toList()), units());
        assertThat(e.getMessage()).contains("no .shp");
    }

    @Test
    void aZipBombIsRefusedBeforeItFillsTheDisk() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("d.shp"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) z.write(zeros); // 300 MB that pack into about 300 KB
            z.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(2_000_000);
        ImportException e = refused(bomb, units());
        assertThat(e.status).isEqualTo(413);
        assertThat(e.getMessage()).contains("zip bomb");
    }

    @Test
    void aZipThatUnpacksBeyondTheTotalLimitIsRefused() throws Exception {
        Path zip = zipOf("big.zip", "a.csv", "x".repeat(10_000), "b.csv", "y".repeat(10_000));
        Path out = Files.createDirectories(dir.resolve("big-out"));
        assertThatThrownBy(() -> SafeZip.extract(zip, out, new SafeZip.Limits(15_000, 1000, 10)))
                .isInstanceOf(ImportException.class).hasMessageContaining("unpacks to more than");
    }

    @Test
    void zipEntriesThatClimbOutOrAreAbsolute() throws Exception {
        for (String name : List.of("../evil.geojson", "a/../../evil.geojson", "/etc/evil.geojson", "C:\\evil.geojson")) {
            ImportException e = refused(zipOf("evil.zip", name, "{}"), units());
            assertThat(e.status).as(name).isEqualTo(422);
            assertThat(e.getMessage()).as(name).containsAnyOf("climbs out", "absolute path");
        }
        assertThat(Files.exists(dir.getParent().resolve("evil.geojson"))).isFalse();
    }

    @Test
    void aFileWithZeroFeatures() throws Exception {
        assertThat(refused(write("empty.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}"), units()).getMessage()).contains("no features");
        assertThat(refused(write("nothing.geojson", ""), units()).getMessage()).contains("empty");
        Path gpkg = dir.resolve("empty.gpkg");
        ImportFixtures.gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), write("e.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}").toString());
        assertThat(refused(gpkg, units()).getMessage()).contains("no");
    }

    @Test
    void anUnknownOrUnsupportedCoordinateSystem() throws Exception {
        String fc = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"%s\"}},\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"code\":\"340705\",\"name\":\"x\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
        ImportException e = refused(write("british.geojson", fc.formatted("urn:ogc:def:crs:EPSG::27700")), units());
        assertThat(e.status).isEqualTo(422);
        assertThat(e.getMessage()).contains("EPSG:27700 is not a supported").contains("EPSG:4490");
        assertThat(refused(write("odd.geojson", fc.formatted("my local grid")), units()).getMessage()).contains("--crs");
        assertThat(refused(write("any.geojson", fc.formatted("urn:ogc:def:crs:OGC:1.3:CRS84")), units().withCrs(2000)).getMessage()).contains("EPSG:2000");
        // a shapefile whose .prj is a projection gridmap does not take
        Path d = shapefile("bng");
        Path bng = Files.createDirectories(dir.resolve("bng27700"));
        ImportFixtures.gdal("ogr2ogr", "-f", "ESRI Shapefile", bng.resolve("d.shp").toString(), d.resolve("d.shp").toString(), "-t_srs", "EPSG:27700");
        assertThat(refused(ImportFixtures.zip(dir.resolve("bng.zip"), ImportFixtures.siblings(bng, "d")), units()).getMessage()).contains("EPSG:27700");
    }

    @Test
    void projectedCoordinatesWithoutACoordinateSystemAskForOne() throws Exception {
        String wkt = box(39_547_000, 3_486_000, 39_548_000, 3_487_000);
        ImportException e = refused(ImportFixtures.geoJson(dir, "gk.geojson", f(wkt, "code", "340705", "name", "铜官区")), units());
        assertThat(e.status).isEqualTo(422);
        assertThat(e.getMessage()).contains("not longitude/latitude").contains("--crs");
    }

    @Test
    void aGeometryTypeTheTargetCannotHold() throws Exception {
        ImportException e = refused(ImportFixtures.geoJson(dir, "line.geojson", f("LINESTRING (117.1 30.6, 117.2 30.7)", "code", "340705", "name", "x")), units());
        assertThat(e.status).isEqualTo(422);
        assertThat(e.report.errors.get(0).message()).contains("LineString where a Polygon or MultiPolygon is needed");
        assertThat(refused(ImportFixtures.geoJson(dir, "poly-case.geojson", f(box(117.1, 30.6, 117.2, 30.7), "code", "C1", "category_code", "0101",
                "status", "closed", "reported_at", "2024-01-01T08:00:00+08:00")), ImportOptions.of(ImportTarget.CASES)).report.errors.get(0).message())
                .contains("where a Point is needed");
    }

    @Test
    void duplicateCodes() throws Exception {
        ImportException e = refused(ImportFixtures.geoJson(dir, "dup.geojson", f(box(117, 30.5, 117.5, 31.5), "code", "340705", "name", "a"),
                f(box(117.5, 30.5, 118, 31.5), "code", "340705", "name", "b")), units());
        assertThat(e.report.errors.get(0).message()).contains("340705 appears 2 times (features 1, 2)");
    }

    @Test
    void aMissingParent() throws Exception {
        ImportException e = refused(ImportFixtures.geoJson(dir, "orphan.geojson", f(box(120, 30.5, 120.5, 31.5), "code", "340805", "name", "无主区")), units());
        assertThat(e.report.errors.get(0).message()).contains("missing parent").contains("340800").contains("none contains");
        ImportException c = refused(ImportFixtures.geoJson(dir, "orphan-cell.geojson", f(box(117.1, 30.6, 117.2, 30.7), "code", "340705001001001")),
                ImportOptions.of(ImportTarget.CELLS));
        assertThat(c.report.errors.get(0).message()).contains("no current community");
    }

    @Test
    void coordinatesOutOfRangeOrNaN() throws Exception {
        ImportException e = refused(ImportFixtures.geoJson(dir, "far.geojson", f(box(117, 30.5, 117.5, 31.5), "code", "340705", "name", "a"),
                f(box(179.5, 89.5, 181, 91), "code", "340706", "name", "b")), units());
        assertThat(e.report.errors.get(0).message()).contains("outside longitude");
        assertThat(e.report.errors.get(0).feature()).isEqualTo(2);
        String nan = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"340705\",\"name\":\"x\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117,30.5],[NaN,30.5],[117.5,31],[117,30.5]]]}}]}";
        assertThat(refused(write("nan.geojson", nan), units()).report.errors.get(0).message()).contains("not a finite number");
    }

    @Test
    void malformedRingsAndBadCodes() throws Exception {
        String three = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"340705\",\"name\":\"x\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117,30.5],[117.5,30.5],[117,30.5]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"340706\",\"name\":\"y\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117,30.5],[117.5,30.5],[117.5,31],[117.1,31]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"34070X\",\"name\":\"z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[117,30.5],[117.5,30.5],[117.5,31],[117,30.5]]]}}]}";
        ImportException e = refused(write("rings.geojson", three), units());
        assertThat(e.report.counts.errors).isEqualTo(3);
        assertThat(e.report.errors.get(0).message()).contains("3 positions (at least 4 needed)");
        assertThat(e.report.errors.get(1).message()).contains("not closed");
        assertThat(e.report.errors.get(2).message()).contains("not a unit code");
        ImportException cell = refused(ImportFixtures.geoJson(dir, "cell-code.geojson", f(box(117.1, 30.6, 117.2, 30.7), "code", "34070500100")),
                ImportOptions.of(ImportTarget.CELLS));
        assertThat(cell.report.errors.get(0).message()).contains("15 digits");
    }

    @Test
    void theWrongFormatBehindAMisleadingName() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        assertThat(refused(write("map.geojson", png), units()).status).isEqualTo(415);
        ImportException zipAsJson = refused(Files.copy(zipOf("x.zip", "a.geojson", "{}"), dir.resolve("x.geojson")), units());
        assertThat(zipAsJson.status).isEqualTo(415);
        assertThat(zipAsJson.getMessage()).contains("named .geojson but its content is zip");
        ImportException jsonAsCsv = refused(write("data.csv", "{\"type\":\"FeatureCollection\",\"features\":[]}"), units());
        assertThat(jsonAsCsv.getMessage()).contains("named .csv but its content is GeoJSON");
        assertThat(refused(write("notes.txt", "hello world"), units()).status).isEqualTo(415);
        assertThat(refused(write("broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"), units()).getMessage())
                .contains("not valid GeoJSON at line 1");
    }

    @Test
    void aSecondImportOfATargetWhileOneRunsIs409() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            // what a running import of units holds (another server, or the command line)
            st.execute("SELECT pg_advisory_xact_lock(hashtext('gridmap.import'), " + ImportTarget.UNITS.ordinal() + ")");
            ImportException e = refused(ImportFixtures.geoJson(dir, "ok.geojson", f(box(117, 30.5, 117.5, 31.5), "code", "340705", "name", "a")), units());
            assertThat(e.status).isEqualTo(409);
            assertThat(e.getMessage()).contains("an import of units is running");
            c.rollback();
        }
    }

    @Test
    void aRequiredFieldTheFileDoesNotHave() throws Exception {
        ImportException e = refused(ImportFixtures.geoJson(dir, "nocode.geojson", f(box(117, 30.5, 117.5, 31.5), "名称", "铜官区")), units());
        assertThat(e.getMessage()).contains("no field for code").contains("--map code=");
        assertThat(refused(ImportFixtures.geoJson(dir, "mapped.geojson", f(box(117, 30.5, 117.5, 31.5), "DM", "340705", "MC", "铜官区")),
                units().withMapping(java.util.Map.of("code", "XZQDM"))).status).isEqualTo(400);
    }

}
