package gridmap.data.io;

import static gridmap.data.io.ImportFixtures.box;
import static gridmap.data.io.ImportFixtures.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Sql;

/**
 * The watershed targets against the watershed schema: HydroBASINS attributes stored as published,
 * basins refused when they do not form a drainage network (nothing written), and water projects
 * with dates, spending, a river chief on record and a status history that an import extends.
 */
class WaterImportTest {
    static DataSource ds;
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("water");
        ImportFixtures.cityAndDistrict(ds, dir);
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    @Test
    void hydroBasinsAttributesAreStoredAndLinked() throws Exception {
        Path file = ImportFixtures.geoJson(dir, "basins.geojson",
                f(box(117.0, 30.5, 117.2, 31.0), "HYBAS_ID", 4120000010L, "NEXT_DOWN", 4120000020L, "MAIN_BAS", 4120000030L, "PFAF_ID", "1",
                        "SUB_AREA", 420.5, "UP_AREA", 420.5, "DIST_MAIN", 40.0, "ENDO", 0),
                f(box(117.2, 30.5, 117.4, 31.0), "HYBAS_ID", 4120000020L, "NEXT_DOWN", 4120000030L, "MAIN_BAS", 4120000030L, "PFAF_ID", "2",
                        "SUB_AREA", 421.0, "UP_AREA", 841.5, "DIST_MAIN", 20.0, "ENDO", 0),
                f(box(117.4, 30.5, 117.6, 31.0), "HYBAS_ID", 4120000030L, "NEXT_DOWN", 0, "MAIN_BAS", 4120000030L, "PFAF_ID", "3",
                        "SUB_AREA", 419.9, "UP_AREA", 1261.4, "DIST_MAIN", 0.0, "ENDO", 0));
        ImportReport r = ImportFixtures.run(ds, file, ImportOptions.of(ImportTarget.BASINS));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.mapping).containsEntry("main_basin", "MAIN_BAS").containsEntry("dist_main", "DIST_MAIN").containsEntry("endo", "ENDO");
        assertThat(Sql.text(ds, """
                SELECT b.hybas_id || ' ' || b.sub_area_km2 || ' ' || b.up_area_km2 || ' ' || b.dist_main_km || ' ' || d.code || ' ' || m.code
                FROM river_basin b JOIN river_basin d ON d.id = b.next_down_id JOIN river_basin m ON m.id = b.main_basin_id
                WHERE b.code = '4120000010'""")).isEqualTo("4120000010 420.5 420.5 40 4120000020 4120000030");

        // the same file again changes nothing
        ImportReport again = ImportFixtures.run(ds, file, ImportOptions.of(ImportTarget.BASINS));
        assertThat(again.counts.unchanged).isEqualTo(3);
        assertThat(again.counts.updated).isZero();

        // a file with fewer fields (codes only) keeps the published figures and links on record
        Path lean = ImportFixtures.geoJson(dir, "basins-lean.geojson",
                f(box(117.0, 30.5, 117.2, 31.0), "HYBAS_ID", 4120000010L, "PFAF_ID", "1"),
                f(box(117.2, 30.5, 117.4, 31.0), "HYBAS_ID", 4120000020L, "PFAF_ID", "2"),
                f(box(117.4, 30.5, 117.6, 31.0), "HYBAS_ID", 4120000030L, "PFAF_ID", "3"));
        assertThat(ImportFixtures.run(ds, lean, ImportOptions.of(ImportTarget.BASINS)).counts.unchanged).isEqualTo(3);
        assertThat(Sql.text(ds, """
                SELECT b.sub_area_km2 || ' ' || b.up_area_km2 || ' ' || d.code || ' ' || m.code
                FROM river_basin b JOIN river_basin d ON d.id = b.next_down_id JOIN river_basin m ON m.id = b.main_basin_id
                WHERE b.code = '4120000010'""")).isEqualTo("420.5 420.5 4120000020 4120000030");
    }

    @Test
    void basinsThatFormACycleAreRefusedAndNothingIsWritten() throws Exception {
        String before = ImportFixtures.fingerprint(ds);
        Path file = ImportFixtures.geoJson(dir, "cycle.geojson",
                f(box(117.0, 31.0, 117.2, 31.4), "HYBAS_ID", 4120000110L, "NEXT_DOWN", 4120000120L, "PFAF_ID", "5"),
                f(box(117.2, 31.0, 117.4, 31.4), "HYBAS_ID", 4120000120L, "NEXT_DOWN", 4120000110L, "PFAF_ID", "6"));
        ImportException e = catchThrowableOfType(ImportException.class, () -> ImportFixtures.run(ds, file, ImportOptions.of(ImportTarget.BASINS)));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.report.errors).extracting(i -> i.message()).anyMatch(m -> m.contains("cycle"));
        assertThat(ImportFixtures.fingerprint(ds)).isEqualTo(before);
    }

    @Test
    void projectsKeepDatesSpendingChiefAndStatusHistory() throws Exception {
        Sql.exec(ds, "INSERT INTO river_chief (name, level, position) VALUES ('王河长', 'county', '铜官区副区长')");
        String csv = "工程编码,工程名称,类型,状态,责任单位,投资万元,已完成投资,开工年份,完工日期,河长,wkt\n"
                + "P-10,灌渠一期,irrigation_canal,approved,铜官区水利局,1200,300,2021,2023/06/30,王河长,\"LINESTRING (117.1 30.6, 117.2 30.7)\"\n"
                + "P-11,南闸,sluice,planned,铜官区水利局,80,0,2024-03-01,,李无名,POINT (117.3 30.8)\n";
        ImportReport r = ImportFixtures.run(ds, Files.writeString(dir.resolve("projects.csv"), csv), ImportOptions.of(ImportTarget.PROJECTS));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.warnings).extracting(i -> i.message()).anyMatch(m -> m.contains("李无名"));
        assertThat(Sql.text(ds, """
                SELECT p.start_date || ' ' || p.end_date || ' ' || p.spent_wan_yuan || ' ' || c.name
                FROM water_project p JOIN river_chief c ON c.id = p.river_chief_id WHERE p.code = 'P-10'"""))
                .isEqualTo("2021-01-01 2023-06-30 300.00 王河长");
        assertThat(Sql.one(ds, "SELECT river_chief_id FROM water_project WHERE code = 'P-11'")).isNull();
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project_status s JOIN water_project p ON p.id = s.project_id WHERE p.code IN ('P-10', 'P-11')"))
                .isEqualTo(2);

        // a register that moves P-10 on: one more history row, none for the unchanged P-11
        String moved = csv.replace("irrigation_canal,approved", "irrigation_canal,under_construction");
        ImportFixtures.run(ds, Files.writeString(dir.resolve("projects-2.csv"), moved), ImportOptions.of(ImportTarget.PROJECTS));
        assertThat(Sql.text(ds, """
                SELECT string_agg(s.status, ',' ORDER BY s.id) FROM water_project_status s JOIN water_project p ON p.id = s.project_id
                WHERE p.code = 'P-10'""")).isEqualTo("approved,under_construction");
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project_status s JOIN water_project p ON p.id = s.project_id WHERE p.code = 'P-11'"))
                .isEqualTo(1);

        // a register without chiefs, dates or spending keeps those on record; what it has, it changes
        String lean = "工程编码,工程名称,类型,状态,责任单位,wkt\n"
                + "P-10,灌渠一期（改）,irrigation_canal,under_construction,铜官区水利局,\"LINESTRING (117.1 30.6, 117.2 30.7)\"\n";
        ImportFixtures.run(ds, Files.writeString(dir.resolve("projects-lean.csv"), lean), ImportOptions.of(ImportTarget.PROJECTS));
        assertThat(Sql.text(ds, """
                SELECT p.name || ' ' || p.start_date || ' ' || p.end_date || ' ' || p.spent_wan_yuan || ' ' || c.name
                FROM water_project p JOIN river_chief c ON c.id = p.river_chief_id WHERE p.code = 'P-10'"""))
                .isEqualTo("灌渠一期（改） 2021-01-01 2023-06-30 300.00 王河长");
    }

    @Test
    void aProjectEndingBeforeItStartsIsRefused() throws Exception {
        String before = ImportFixtures.fingerprint(ds);
        String csv = "code,name,project_type,status,responsible_unit,start_date,end_date,wkt\n"
                + "P-20,堤,dike,planned,水利局,2024-05-01,2023-01-01,POINT (117.3 30.8)\n";
        ImportException e = catchThrowableOfType(ImportException.class, () ->
                ImportFixtures.run(ds, Files.writeString(dir.resolve("backwards.csv"), csv), ImportOptions.of(ImportTarget.PROJECTS)));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.getMessage()).contains("end_date 2023-01-01 is before start_date 2024-05-01");
        assertThat(ImportFixtures.fingerprint(ds)).isEqualTo(before);
    }

    @Test
    void riverReachesComeWithTheirRiversAndLinks() throws Exception {
        Path file = ImportFixtures.geoJson(dir, "reaches.geojson",
                f("LINESTRING (117.05 30.9, 117.15 30.8)", "HYRIV_ID", "R-1", "NEXT_DOWN", "R-2", "MAIN_RIV", "顺安河", "river_name", "顺安河"),
                f("LINESTRING (117.15 30.8, 117.25 30.7)", "HYRIV_ID", "R-2", "NEXT_DOWN", "R-3", "MAIN_RIV", "顺安河", "river_name", "顺安河"),
                f("MULTILINESTRING ((117.25 30.7, 117.5 30.6))", "HYRIV_ID", "R-3", "NEXT_DOWN", 0, "MAIN_RIV", "长江"));
        ImportReport r = ImportFixtures.run(ds, file, ImportOptions.of(ImportTarget.RIVERS));
        assertThat(r.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(r.counts.inserted).isEqualTo(3);
        assertThat(Sql.text(ds, """
                SELECT string_agg(r.code || '>' || coalesce(d.code, '-') || ' ' || v.name, ', ' ORDER BY r.code)
                FROM river_reach r LEFT JOIN river_reach d ON d.id = r.next_down_id JOIN river v ON v.id = r.river_id
                WHERE r.code LIKE 'R-%'""")).isEqualTo("R-1>R-2 顺安河, R-2>R-3 顺安河, R-3>- 长江");
        assertThat(ImportFixtures.run(ds, file, ImportOptions.of(ImportTarget.RIVERS)).counts.unchanged).isEqualTo(3);
        // without a NEXT_DOWN field the links stay
        Path unlinked = ImportFixtures.geoJson(dir, "reaches-unlinked.geojson",
                f("LINESTRING (117.05 30.9, 117.15 30.8)", "HYRIV_ID", "R-1", "MAIN_RIV", "顺安河", "river_name", "顺安河"));
        assertThat(ImportFixtures.run(ds, unlinked, ImportOptions.of(ImportTarget.RIVERS)).counts.unchanged).isEqualTo(1);
        assertThat(Sql.text(ds, "SELECT d.code FROM river_reach r JOIN river_reach d ON d.id = r.next_down_id WHERE r.code = 'R-1'")).isEqualTo("R-2");

        // a reach that sends the water back up is refused, and the stored network stays as it was
        String before = ImportFixtures.fingerprint(ds) + Sql.text(ds, "SELECT string_agg(coalesce(next_down_id::text, '-'), ',' ORDER BY id) FROM river_reach");
        Path loop = ImportFixtures.geoJson(dir, "loop.geojson",
                f("LINESTRING (117.25 30.7, 117.5 30.6)", "HYRIV_ID", "R-3", "NEXT_DOWN", "R-1", "MAIN_RIV", "长江"));
        ImportException e = catchThrowableOfType(ImportException.class, () -> ImportFixtures.run(ds, loop, ImportOptions.of(ImportTarget.RIVERS)));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.report.errors).extracting(i -> i.message()).anyMatch(m -> m.contains("cycle"));
        assertThat(ImportFixtures.fingerprint(ds) + Sql.text(ds, "SELECT string_agg(coalesce(next_down_id::text, '-'), ',' ORDER BY id) FROM river_reach"))
                .isEqualTo(before);
    }

    @Test
    void aPolygonIsNoReach() throws Exception {
        Path file = ImportFixtures.geoJson(dir, "not-a-line.geojson", f(box(117.0, 30.6, 117.1, 30.7), "HYRIV_ID", "R-9", "MAIN_RIV", "x"));
        ImportException e = catchThrowableOfType(ImportException.class, () -> ImportFixtures.run(ds, file, ImportOptions.of(ImportTarget.RIVERS)));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.report.errors.get(0).message()).contains("Polygon where a LineString");
    }
}
