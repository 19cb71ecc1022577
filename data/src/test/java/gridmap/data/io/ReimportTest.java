package gridmap.data.io;

import static gridmap.data.io.ImportFixtures.box;
import static gridmap.data.io.ImportFixtures.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;
import gridmap.data.map.Layer;
import gridmap.data.map.LayerQuery;
import gridmap.data.map.LayerRepository;

/**
 * Re-importing units whose geometry changed, as a committed plan would: old versions closed on
 * the effective date, new versions from it, lineage rows by area and a redraw change event with
 * its legal reference; the unchanged unit left alone; children, accounts and counts follow the
 * code; the layer as of a date before shows the old map and after it the new one.
 */
class ReimportTest {
    static DataSource ds;
    static Path dir;
    static ImportReport second;
    static final LocalDate START = LocalDate.of(2020, 1, 1), REFORM = LocalDate.of(2024, 1, 1);
    static final String NEW_705 = "POLYGON ((117 30.5, 117.6 30.5, 117.6 31, 117.5 31, 117.5 31.5, 117 31.5, 117 30.5))";
    static long old705, old706, street, dispatcher;

    @BeforeAll
    static void importTwice() throws Exception {
        ds = ImportFixtures.emptyDatabase();
        dir = Files.createTempDirectory("reimport");
        ImportOptions units = ImportOptions.of(ImportTarget.UNITS).withEffectiveDate(START);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "city.geojson", f(box(117, 30.5, 118, 31.5), "code", "340700", "name", "铜陵市")), units);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "v1.geojson",
                f(box(117, 30.5, 117.5, 31.5), "code", "340705", "name", "铜官山区", "population", 100),
                f(box(117.5, 30.5, 118, 31), "code", "340706", "name", "铜陵县", "population", 50),
                f(box(117.5, 31, 118, 31.5), "code", "340711", "name", "郊区", "population", 30)), units);
        ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "street.geojson", f(box(117, 30.5, 117.5, 31.5), "code", "340705001", "name", "长江路街道")), units);
        old705 = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705'");
        old706 = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340706'");
        street = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705001'");
        Sql.exec(ds, "INSERT INTO app_user (username, display_name, role, district_id) VALUES ('reimport-dispatcher', 'd', 'dispatcher', " + old705 + ")");
        dispatcher = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'reimport-dispatcher'");

        // the border between 340705 and 340706 moves east in the south, and 340705 gets today's name
        second = ImportFixtures.run(ds, ImportFixtures.geoJson(dir, "v2.geojson",
                f(NEW_705, "code", "340705", "name", "铜官区"),
                f(box(117.6, 30.5, 118, 31), "code", "340706", "name", "铜陵县"),
                f(box(117.5, 31, 118, 31.5), "code", "340711", "name", "郊区", "population", 30)),
                new ImportOptions(ImportTarget.UNITS, null, null, null, null, null, null, REFORM, false, "铜政〔2024〕1号"));
    }

    @AfterAll
    static void emptyAgain() throws Exception {
        ImportFixtures.emptyDatabase();
        ImportFixtures.deleteTree(dir);
    }

    @Test
    void changedUnitsGetNewVersionsAndTheOneWhoseShapeStaysIsNotVersioned() throws Exception {
        assertThat(second.outcome).isEqualTo(ImportReport.Outcome.COMMITTED);
        assertThat(second.counts.redrawn).isEqualTo(2);
        // 340711 keeps its shape but now shares the vertex where the new border of 340705 meets it: corrected in place
        assertThat(second.counts.renoded).isEqualTo(1);
        assertThat(second.counts.unchanged).isZero();
        assertThat(Sql.count(ds, "SELECT ST_NPoints(geom) FROM admin_unit WHERE code = '340711'")).isEqualTo(6);
        assertThat(second.counts.inserted).isZero();
        assertThat(Sql.one(ds, "SELECT valid_to FROM admin_unit WHERE id = ?", old705).toString()).isEqualTo("2024-01-01");
        assertThat(Sql.one(ds, "SELECT valid_from FROM admin_unit WHERE code = '340705' AND valid_to IS NULL").toString()).isEqualTo("2024-01-01");
        assertThat(Sql.one(ds, "SELECT name FROM admin_unit WHERE code = '340705' AND valid_to IS NULL")).isEqualTo("铜官区");
        // not in the second file: the population stays what it was
        assertThat(Sql.count(ds, "SELECT population FROM admin_unit WHERE code = '340705' AND valid_to IS NULL")).isEqualTo(100);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE code = '340711'")).isEqualTo(1);
        assertThat(Sql.count(ds, "SELECT count(*) FROM admin_unit WHERE level = 'district'")).isEqualTo(5);
    }

    @Test
    void aRedrawChangeEventWithLineageByArea() throws Exception {
        assertThat(second.changeEventId).isNotNull();
        assertThat(Sql.one(ds, "SELECT change_type || ' ' || effective_date || ' ' || legal_ref FROM change_event WHERE id = ?", second.changeEventId))
                .isEqualTo("redraw 2024-01-01 铜政〔2024〕1号");
        Map<String, Double> share = new HashMap<>();
        try (var c = ds.getConnection(); var ps = c.prepareStatement("""
                SELECT o.code || '>' || n.code, l.area_share FROM unit_lineage l JOIN admin_unit o ON o.id = l.predecessor_id
                JOIN admin_unit n ON n.id = l.successor_id WHERE l.change_event_id = ?""")) {
            ps.setLong(1, second.changeEventId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) share.put(rs.getString(1), rs.getDouble(2));
            }
        }
        assertThat(share).containsOnlyKeys("340705>340705", "340706>340705", "340706>340706");
        // the new 340705 is 0.55 square degrees: 0.5 of the old 340705 and 0.05 from 340706 (areas on the ellipsoid)
        assertThat(share.get("340705>340705")).isCloseTo(0.5 / 0.55, within(0.01));
        assertThat(share.get("340706>340705")).isCloseTo(0.05 / 0.55, within(0.01));
        // geodesic areas of the pieces add up to the whole to the effect of the extra vertices on long edges
        assertThat(share.get("340705>340705") + share.get("340706>340705")).isCloseTo(1.0, within(1e-3));
        assertThat(share.get("340706>340706")).isCloseTo(1.0, within(1e-3));
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'import.units' AND entity_id = ?", "change_event:" + second.changeEventId)).isEqualTo(1);
    }

    @Test
    void whatPointedToTheOldVersionFollowsTheCode() throws Exception {
        long new705 = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705' AND valid_to IS NULL");
        assertThat(new705).isNotEqualTo(old705);
        assertThat(Sql.count(ds, "SELECT parent_id FROM admin_unit WHERE id = ?", street)).isEqualTo(new705);
        assertThat(Sql.count(ds, "SELECT district_id FROM app_user WHERE id = ?", dispatcher)).isEqualTo(new705);
    }

    @Test
    void theLayerAsOfADateShowsTheMapOfThatDate() throws Exception {
        Map<String, Double> before = areas(LocalDate.of(2023, 6, 1)), after = areas(LocalDate.of(2024, 6, 1)), now = areas(null);
        assertThat(before.keySet()).containsExactlyInAnyOrder("340705", "340706", "340711");
        assertThat(after).isEqualTo(now);
        assertThat(after.get("340705") / before.get("340705")).isCloseTo(1.1, within(0.01));
        assertThat(after.get("340706") / before.get("340706")).isCloseTo(0.8, within(0.01));
        assertThat(after.get("340711")).isEqualTo(before.get("340711"));
        assertThat(areas(LocalDate.of(2019, 6, 1))).isEmpty();
    }

    static Map<String, Double> areas(LocalDate asOf) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerRepository(ds).write(new LayerQuery(Layer.DISTRICTS, null, 100, asOf), out);
        Map<String, Double> m = new HashMap<>();
        for (JsonNode f : ImportFixtures.JSON.readTree(out.toByteArray()).get("features")) m.put(f.at("/properties/code").asText(), f.at("/properties/area_km2").asDouble());
        return m;
    }

    @Test
    void theSameFileAgainIsUnchangedAndAnEffectiveDateBeforeTheCurrentVersionIsRefused() throws Exception {
        String fingerprint = ImportFixtures.fingerprint(ds);
        ImportReport again = ImportFixtures.run(ds, dir.resolve("v2.geojson"), ImportOptions.of(ImportTarget.UNITS).withEffectiveDate(LocalDate.of(2025, 1, 1)).withDryRun(true));
        assertThat(again.counts.unchanged).isEqualTo(3);
        ImportException e = org.assertj.core.api.Assertions.catchThrowableOfType(ImportException.class, () ->
                ImportFixtures.run(ds, dir.resolve("v1.geojson"), ImportOptions.of(ImportTarget.UNITS).withEffectiveDate(LocalDate.of(2023, 1, 1))));
        assertThat(e.status).isEqualTo(422);
        assertThat(e.report.errors.get(0).message()).contains("not after the start of the current version (2024-01-01)");
        assertThat(ImportFixtures.fingerprint(ds)).isEqualTo(fingerprint);
    }
}
