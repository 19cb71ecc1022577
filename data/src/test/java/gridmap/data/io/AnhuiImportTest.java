package gridmap.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.data.Sql;
import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.GeometryRepair;
import gridmap.geo.Polygons;
import gridmap.geo.io.GeometryScreen;

/**
 * The shared Anhui districts, as published (62 of 105 polygons invalid, 3 cities' districts not a
 * coverage after repair), imported as units under their cities: every repair and the cleaning are
 * reported, every city's stored districts form a valid coverage, and their union matches the
 * independent city outline to 0.1%.
 */
class AnhuiImportTest {
    static DataSource ds;
    static ImportReport cities, districts;
    static Path dir;

    @BeforeAll
    static void importAnhui() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("anhui");
        cities = ImportFixtures.run(ds, ImportFixtures.citiesFile(dir), ImportOptions.of(ImportTarget.UNITS).withLevel("city"));
        districts = ImportFixtures.run(ds, ImportFixtures.DISTRICTS, ImportOptions.of(ImportTarget.UNITS));
        Files.writeString(Path.of("target/anhui-report.json"), districts.toJson());
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    @Test
    void everyDistrictIsImportedUnderItsCity() throws Exception {
        assertThat(cities.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(districts.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(districts.counts.inserted).isEqualTo(105);
        assertThat(districts.errors).isEmpty();
        assertThat(districts.mapping).containsEntry("code", "adcode").containsEntry("name", "name");
        Map<String, ImportFixtures.StoredUnit> stored = ImportFixtures.currentUnits(ds, "district");
        assertThat(stored).hasSize(105);
        assertThat(stored.get("340705").name()).isEqualTo("铜官区");
        assertThat(stored.get("340705").parentCode()).isEqualTo("340700");
        String audit = (String) Sql.one(ds, "SELECT after::text FROM audit_log WHERE action = 'import.units' AND after->>'file' = 'anhui-districts.geojson'"
                + " ORDER BY id LIMIT 1");
        assertThat(audit).contains(districts.source.sha256).contains("\"inserted\": 105").contains("\"repaired\": 62");
    }

    @Test
    void reportNamesEveryInvalidPolygonWithReasonLocationAndAreas() throws Exception {
        long invalidAsPublished = 0;
        try (GeoJsonFeatureReader r = new GeoJsonFeatureReader(Files.newInputStream(ImportFixtures.DISTRICTS))) {
            for (SourceFeature f; (f = r.next()) != null; ) if (GeometryRepair.validationError(f.geometry()) != null) invalidAsPublished++;
        }
        assertThat(invalidAsPublished).isEqualTo(62);
        assertThat(districts.repairs).hasSize(62);
        assertThat(districts.counts.repaired).isEqualTo(62);
        for (ImportReport.Repair rep : districts.repairs) {
            assertThat(rep.code()).matches("34\\d{4}");
            assertThat(rep.reason()).isNotBlank();
            assertThat(rep.location()).hasSize(2);
            assertThat(rep.areaBeforeM2()).isPositive();
            assertThat(rep.areaAfterM2()).isPositive();
        }
    }

    @Test
    void reportShowsTheCleaningOfTheCitiesThatNeededIt() throws Exception {
        assertThat(districts.cleaning).isNotNull();
        assertThat(districts.cleaning.groups).isEqualTo(16);
        // as published, the districts of 3 cities are not a coverage even after repair: all of them were cleaned
        Map<String, List<Geometry>> repaired = new java.util.TreeMap<>();
        try (GeoJsonFeatureReader r = new GeoJsonFeatureReader(Files.newInputStream(ImportFixtures.DISTRICTS))) {
            for (SourceFeature f; (f = r.next()) != null; ) {
                repaired.computeIfAbsent((String) f.properties().get("city_adcode"), k -> new java.util.ArrayList<>()).add(GeometryRepair.repair(f.geometry()).geometry());
            }
        }
        List<String> notACoverage = repaired.entrySet().stream()
                .filter(e -> java.util.Arrays.stream(CoverageValidator.validate(e.getValue().toArray(Geometry[]::new))).anyMatch(java.util.Objects::nonNull))
                .map(Map.Entry::getKey).toList();
        assertThat(notACoverage).hasSize(3);
        assertThat(districts.cleaning.changed.stream().map(ImportReport.Group::parent).toList()).containsAll(notACoverage);
        for (ImportReport.Group g : districts.cleaning.changed) {
            assertThat(g.parent()).matches("34\\d{2}00");
            for (ImportReport.Moved m : g.units()) {
                assertThat(m.movedInM2() + m.movedOutM2()).isPositive();
                assertThat(m.movedIn() != null || m.movedOut() != null).isTrue();
            }
        }
        assertThat(districts.cleaning.changed.stream().mapToInt(g -> g.units().size()).sum()).isPositive();
        assertThat(districts.cleaning.groups - districts.cleaning.groupsCleanAlready).isEqualTo(districts.cleaning.changed.size());
    }

    @Test
    void everyCitysStoredDistrictsAreAValidCoverage() throws Exception {
        Map<String, List<ImportFixtures.StoredUnit>> byCity = ImportFixtures.currentUnits(ds, "district").values().stream()
                .collect(Collectors.groupingBy(ImportFixtures.StoredUnit::parentCode));
        assertThat(byCity).hasSize(16);
        for (var e : byCity.entrySet()) {
            Geometry[] geoms = ImportFixtures.geoms(e.getValue()).toArray(Geometry[]::new);
            for (Geometry g : geoms) assertThat(g.isValid()).as(e.getKey()).isTrue();
            assertThat(CoverageValidator.validate(geoms)).as("city " + e.getKey()).containsOnlyNulls();
        }
    }

    @Test
    void eachCitysDistrictsMatchItsOutlineToAThousandth() throws Exception {
        Map<String, List<ImportFixtures.StoredUnit>> byCity = ImportFixtures.currentUnits(ds, "district").values().stream()
                .collect(Collectors.groupingBy(ImportFixtures.StoredUnit::parentCode));
        Map<String, String> nameByCode = ImportFixtures.currentUnits(ds, "city").values().stream()
                .collect(Collectors.toMap(ImportFixtures.StoredUnit::code, ImportFixtures.StoredUnit::name));
        Map<String, Geometry> outlines = new java.util.HashMap<>();
        try (GeoJsonFeatureReader r = new GeoJsonFeatureReader(Files.newInputStream(ImportFixtures.OUTLINES))) {
            for (SourceFeature f; (f = r.next()) != null; ) outlines.put(f.properties().get("city") + "市", GeometryRepair.repair(f.geometry()).geometry());
        }
        for (var e : byCity.entrySet()) {
            Geometry union = OverlayNGRobust.union(ImportFixtures.geoms(e.getValue()));
            Geometry outline = outlines.get(nameByCode.get(e.getKey()));
            assertThat(GeometryScreen.problem(outline, GeometryScreen.Kind.POLYGONAL)).isNull();
            double diff = EqualAreaMeasure.areaM2(OverlayNGRobust.overlay(union, outline, OverlayNG.SYMDIFFERENCE));
            assertThat(diff / EqualAreaMeasure.areaM2(outline)).as("city " + e.getKey()).isLessThan(0.001);
        }
        assertThat(Polygons.WGS84.getSRID()).isEqualTo(4326);
    }

    @Test
    void aSecondImportOfTheSameFileChangesNothing() throws Exception {
        long rows = Sql.count(ds, "SELECT count(*) FROM admin_unit");
        ImportReport again = ImportFixtures.run(ds, ImportFixtures.DISTRICTS, ImportOptions.of(ImportTarget.UNITS));
        assertThat(again.counts.unchanged).isEqualTo(105);
        assertThat(again.counts.redrawn + again.counts.inserted + again.counts.updated).isZero();
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit")).isEqualTo(rows);
    }
}
