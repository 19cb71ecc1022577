package gridmap.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Sql;

/**
 * Spreadsheets: a CSV with longitude/latitude columns under Chinese names, saved in GBK as
 * Chinese spreadsheet programs do, and a CSV with a WKT column; a CSV with neither is refused
 * with a message that says what is needed.
 */
class CsvImportTest {
    static DataSource ds;
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("csv");
        ImportFixtures.cityAndDistrict(ds, dir);
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    @Test
    void gbkSpreadsheetWithLongitudeLatitudeColumns() throws Exception {
        String csv = "工程编码,工程名称,类型,状态,责任单位,经度,纬度\r\nP-1,长江闸,sluice,planned,铜官区水利局,117.5,31.0\r\nP-2,南湖泵站,pumping_station,completed,铜官区水利局,117.6,31.1\r\n";
        Path f = Files.write(dir.resolve("工程.csv"), csv.getBytes(Charset.forName("GBK")));
        ImportReport r = ImportFixtures.run(ds, f, ImportOptions.of(ImportTarget.PROJECTS));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.source.format).isEqualTo("CSV");
        assertThat(r.source.encodingFrom).isEqualTo("detected");
        assertThat(r.mapping).containsEntry("code", "工程编码").containsEntry("name", "工程名称").containsEntry("responsible_unit", "责任单位");
        assertThat(Sql.one(ds, "SELECT name || ' ' || ST_AsText(geom) || ' ' || (SELECT code FROM admin_unit WHERE id = district_id) FROM water_project WHERE code = 'P-1'"))
                .isEqualTo("长江闸 POINT(117.5 31) 340705");
    }

    @Test
    void aWktColumnWithABom() throws Exception {
        String csv = "\uFEFFcode,name,project_type,status,responsible_unit,wkt\nP-3,堤防,dike,approved,\"铜陵市水利局, 二处\",\"LINESTRING (117.1 30.6, 117.2 30.7)\"\n";
        ImportReport r = ImportFixtures.run(ds, Files.writeString(dir.resolve("dike.csv"), csv), ImportOptions.of(ImportTarget.PROJECTS));
        assertThat(r.counts.inserted).isEqualTo(1);
        assertThat(Sql.one(ds, "SELECT responsible_unit || ' ' || GeometryType(geom) FROM water_project WHERE code = 'P-3'")).isEqualTo("铜陵市水利局, 二处 LINESTRING");
    }

    @Test
    void aCsvWithoutGeometryColumnsIsRefused() throws Exception {
        ImportException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, () ->
                ImportFixtures.run(ds, Files.writeString(dir.resolve("plain.csv"), "code,name\nP-9,x\n"), ImportOptions.of(ImportTarget.PROJECTS)));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.getMessage()).contains("WKT column").contains("longitude/latitude");
    }
}
