package gridmap.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * The Anhui districts as other tools write them — by ogr2ogr as a shapefile with GBK attributes
 * in CGCS2000 / 3-degree Gauss–Krüger zone 39 (EPSG:4527), as a GeoPackage, as KML and as
 * GeoJSONSeq — each import to the same units as the GeoJSON: same codes and names, geometries
 * within 1 cm.
 */
class FormatsImportTest {
    static DataSource ds;
    static Path dir;
    static Map<String, ImportFixtures.StoredUnit> fromGeoJson;

    @BeforeAll
    static void importGeoJson() throws Exception {
        dir = Files.createTempDirectory("formats");
        fromGeoJson = importDistricts(ImportFixtures.DISTRICTS, ImportOptions.of(ImportTarget.UNITS), null);
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    /** An empty database with the cities, then the districts from file; returns the stored districts. */
    static Map<String, ImportFixtures.StoredUnit> importDistricts(Path file, ImportOptions o, ImportReport[] out) throws Exception {
        ds = ImportFixtures.emptyDatabase();
        ImportFixtures.run(ds, ImportFixtures.citiesFile(dir), ImportOptions.of(ImportTarget.UNITS).withLevel("city"));
        ImportReport r = ImportFixtures.run(ds, file, o);
        if (out != null) out[0] = r;
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.counts.inserted).isEqualTo(105);
        return ImportFixtures.currentUnits(ds, "district");
    }

    /** Same codes, names and parents; every geometry within 1 cm of the GeoJSON import's (PostGIS measures the Hausdorff distance on the ellipsoid's metres). */
    static void assertSameUnits(Map<String, ImportFixtures.StoredUnit> got) throws Exception {
        assertThat(got.keySet()).isEqualTo(fromGeoJson.keySet());
        WKBWriter w = new WKBWriter(2);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT ST_HausdorffDistance(ST_Transform(ST_GeomFromWKB(?, 4326), 4527), ST_Transform(ST_GeomFromWKB(?, 4326), 4527))""")) {
            for (var e : got.entrySet()) {
                ImportFixtures.StoredUnit a = fromGeoJson.get(e.getKey()), b = e.getValue();
                assertThat(b.name()).isEqualTo(a.name());
                assertThat(b.parentCode()).isEqualTo(a.parentCode());
                Geometry ga = a.geom().norm(), gb = b.geom().norm();
                if (ga.equalsExact(gb, 1e-8)) continue;
                ps.setBytes(1, w.write(ga));
                ps.setBytes(2, w.write(gb));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getDouble(1)).as("district " + e.getKey() + " (m)").isLessThan(0.01);
                }
            }
        }
    }

    @Test
    void gbkShapefileInGaussKrugerZone39() throws Exception {
        Path shpDir = Files.createDirectories(dir.resolve("shp"));
        ImportFixtures.gdal("ogr2ogr", "-f", "ESRI Shapefile", shpDir.resolve("anhui.shp").toString(), ImportFixtures.DISTRICTS.toString(),
                "-t_srs", "EPSG:4527", "-lco", "ENCODING=GBK");
        assertThat(Files.readString(shpDir.resolve("anhui.cpg"))).contains("GBK");
        byte[] dbf = Files.readAllBytes(shpDir.resolve("anhui.dbf"));
        assertThat(new String(dbf, Charset.forName("GBK"))).contains("铜官区"); // the attributes really are GBK
        Path zip = ImportFixtures.zip(dir.resolve("anhui-4527.zip"), ImportFixtures.siblings(shpDir, "anhui"));
        ImportReport[] r = new ImportReport[1];
        assertSameUnits(importDistricts(zip, ImportOptions.of(ImportTarget.UNITS), r));
        assertThat(r[0].source.format).isEqualTo("ESRI Shapefile (zipped)");
        assertThat(r[0].source.crsEpsg).isEqualTo(4527);
        assertThat(r[0].source.crsFrom).isEqualTo("file");
        assertThat(r[0].source.crsRoundTripM).isLessThan(0.01);
        assertThat(r[0].source.encodingFrom).isEqualTo(".cpg");
        assertThat(r[0].repairs).hasSize(62);
    }

    @Test
    void gbkShapefileWithoutCpgIsDetectedByTrying() throws Exception {
        Path shpDir = Files.createDirectories(dir.resolve("nocpg"));
        ImportFixtures.gdal("ogr2ogr", "-f", "ESRI Shapefile", shpDir.resolve("anhui.shp").toString(), ImportFixtures.DISTRICTS.toString(),
                "-t_srs", "EPSG:4527", "-lco", "ENCODING=GBK");
        Files.delete(shpDir.resolve("anhui.cpg"));
        Path zip = ImportFixtures.zip(dir.resolve("anhui-nocpg.zip"), ImportFixtures.siblings(shpDir, "anhui"));
        ImportReport[] r = new ImportReport[1];
        assertSameUnits(importDistricts(zip, ImportOptions.of(ImportTarget.UNITS), r));
        assertThat(r[0].source.encoding).isEqualTo("GB18030");
        assertThat(r[0].source.encodingFrom).isEqualTo("detected");
    }

    @Test
    void geoPackage() throws Exception {
        Path gpkg = dir.resolve("anhui.gpkg");
        ImportFixtures.gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), ImportFixtures.DISTRICTS.toString());
        ImportReport[] r = new ImportReport[1];
        assertSameUnits(importDistricts(gpkg, ImportOptions.of(ImportTarget.UNITS), r));
        assertThat(r[0].source.format).isEqualTo("GeoPackage");
    }

    @Test
    void kml() throws Exception {
        Path kml = dir.resolve("anhui.kml");
        ImportFixtures.gdal("ogr2ogr", "-f", "KML", kml.toString(), ImportFixtures.DISTRICTS.toString());
        ImportReport[] r = new ImportReport[1];
        assertSameUnits(importDistricts(kml, ImportOptions.of(ImportTarget.UNITS), r));
        assertThat(r[0].mapping).containsEntry("name", "Name").containsEntry("code", "adcode");
    }

    @Test
    void geoJsonSeq() throws Exception {
        Path seq = dir.resolve("anhui.geojsonl");
        ImportFixtures.gdal("ogr2ogr", "-f", "GeoJSONSeq", seq.toString(), ImportFixtures.DISTRICTS.toString());
        ImportReport[] r = new ImportReport[1];
        assertSameUnits(importDistricts(seq, ImportOptions.of(ImportTarget.UNITS), r));
        assertThat(r[0].source.format).isEqualTo("GeoJSONSeq");
    }
}
