package gridmap.data.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;
import gridmap.data.demo.DemoLoader;

/** KPIs and hotspots on hand-built cases in periods no other test uses (March 2099, 2098), with answers worked out by hand. */
class KpiAndHotspotTest {
    static DataSource ds;
    static long cell;

    /** Also after: cases reported in 2098 and 2099 are the newest of all, first in every later test's lists. */
    @AfterAll
    static void removeFutureCases() throws SQLException {
        Sql.exec(ds, "DELETE FROM cases WHERE reported_at >= '2098-01-01'"); // history rows go with them
    }

    @BeforeAll
    static void load() throws SQLException {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
        new DemoLoader(ds).load(false);
        removeFutureCases();
        cell = Sql.count(ds, "SELECT min(id) FROM grid_cell");
        // code, status, reported (March 2099, days), closed day, closure deadline day, rework, handled
        add("K1", "closed", 2, 4, 5, 0, true);              // on time
        add("K2", "closed", 3, 8, 6, 0, true);              // late
        add("K3", "parked", 4, null, 7, 0, false);          // due, but parked: out of the denominator
        add("K4", "in_progress", 5, null, 8, 0, false);     // due, not closed
        add("K5", "rejected", 6, 6, null, 0, false);        // not accepted
        add("K6", "closed", 7, 9, 10, 1, true);             // reworked once, still on time
    }

    static void add(String code, String status, int reported, Integer closed, Integer closeDue, int rework, boolean handled) throws SQLException {
        Sql.exec(ds, ("INSERT INTO cases (code, category_code, status, source, geom, cell_id, community_id, district_id, reported_at, registered_at,"
                + " dispatched_at, handled_at, closed_at, close_due_at, rework_count, updated_at)"
                + " SELECT 'TLKPI%s', '0102', '%s', 'patrol', ST_PointOnSurface(g.geom), g.id, g.community_id, s.parent_id,"
                + " timestamptz '2099-03-%02d 09:00+08', timestamptz '2099-03-%02d 10:00+08', %s, %s, %s, %s, %d, now()"
                + " FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id WHERE g.id = %d").formatted(
                code, status, reported, reported,
                status.equals("rejected") ? "NULL" : "timestamptz '2099-03-%02d 11:00+08'".formatted(reported),
                handled ? "timestamptz '2099-03-%02d 09:00+08'".formatted(closed) : "NULL",
                closed == null ? "NULL" : "timestamptz '2099-03-%02d 12:00+08'".formatted(closed),
                closeDue == null ? "NULL" : "timestamptz '2099-03-%02d 18:00+08'".formatted(closeDue), rework, cell));
    }

    @Test
    void kpisOfAHandBuiltMonth() throws SQLException {
        List<KpiRepository.Row> rows = new KpiRepository(ds).rows(KpiRepository.By.CATEGORY, LocalDate.of(2099, 3, 1), LocalDate.of(2099, 3, 31), CaseScope.ALL);
        KpiRepository.Row r = rows.stream().filter(x -> "0102".equals(x.key())).findFirst().orElseThrow();
        long[] k = r.counts();
        assertThat(k[KpiRepository.COUNTS.indexOf("reported")]).isEqualTo(6);
        assertThat(k[KpiRepository.COUNTS.indexOf("due")]).isEqualTo(5);
        assertThat(k[KpiRepository.COUNTS.indexOf("due_parked")]).isEqualTo(1);
        assertThat(k[KpiRepository.COUNTS.indexOf("closed_on_time")]).isEqualTo(2);
        // 按期结案率 = 2 on time / (5 due − 1 parked); 结案率 = 3 closed / (6 − 1 rejected); 返工率 = 1 / 3 handled
        assertThat(r.rates()[0]).isEqualTo(0.5);
        assertThat(r.rates()[1]).isEqualTo(0.6);
        assertThat(r.rates()[2]).isCloseTo(1 / 3.0, within(1e-4));
        assertThat(r.hours()[0]).as("register: an hour each").isEqualTo(1.0);
        assertThat(r.hours()[1]).as("dispatch: an hour each").isEqualTo(1.0);
        // the total row equals the only category of the month
        KpiRepository.Row total = rows.stream().filter(KpiRepository.Row::total).findFirst().orElseThrow();
        assertThat(total.counts()).isEqualTo(k);
        assertThat(r.byStatusJson().replace(" ", "")).contains("\"closed\":3", "\"parked\":1", "\"in_progress\":1", "\"rejected\":1",
                "\"reported\":0");
        // a scope that does not reach the cell sees nothing
        long otherDistrict = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340722'");
        assertThat(new KpiRepository(ds).rows(KpiRepository.By.CATEGORY, LocalDate.of(2099, 3, 1), LocalDate.of(2099, 3, 31),
                new CaseScope.District(otherDistrict))).allMatch(x -> x.counts()[0] == 0);
    }

    @Test
    void csvHasABomAndOneRowPerGroup() throws SQLException {
        var out = new java.io.StringWriter();
        new KpiRepository(ds).writeCsv(KpiRepository.By.CATEGORY, LocalDate.of(2099, 3, 1), LocalDate.of(2099, 3, 31), CaseScope.ALL, out);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFcategory,name,reported");
        assertThat(lines).anyMatch(l -> l.startsWith("0102,暴露垃圾,6,")).anyMatch(l -> l.startsWith("total,合计,6,"));
    }

    @Test
    void aClusterOfCasesIsAHotspotWithEsdasZScore() throws Exception {
        long hot = Sql.count(ds, "SELECT id FROM grid_cell WHERE code = (SELECT min(code) FROM grid_cell WHERE code LIKE '340705%')");
        List<Long> neighbours = new java.util.ArrayList<>();
        try (var c = ds.getConnection(); var ps = c.prepareStatement(
                "SELECT b.id FROM grid_cell a JOIN grid_cell b ON b.id <> a.id AND ST_Intersects(a.geom, b.geom) WHERE a.id = ? AND b.valid_to IS NULL")) {
            ps.setLong(1, hot);
            try (var rs = ps.executeQuery()) { while (rs.next()) neighbours.add(rs.getLong(1)); }
        }
        put(hot, 30);
        for (long n : neighbours) put(n, 10);
        JsonNode fc = new ObjectMapper().readTree(new HotspotRepository(ds).hotspots("0102", LocalDate.of(2098, 1, 1), LocalDate.of(2098, 12, 31), CaseScope.ALL));
        JsonNode hotCell = null;
        int cells = 0;
        for (JsonNode f : fc.get("features")) {
            cells++;
            if (f.get("properties").get("cell_id").asLong() == hot) hotCell = f.get("properties");
        }
        assertThat(hotCell.get("count").asInt()).isEqualTo(30);
        assertThat(hotCell.get("confidence").asInt()).isEqualTo(3);
        // z by hand: n cells, total S = 30 + 10·k, the cell with its k neighbours holds all of it
        int n = cells, k = neighbours.size();
        double s = 30 + 10.0 * k, sumSq = 900 + 100.0 * k, mean = s / n, var = sumSq / n - mean * mean;
        double w = k + 1, gi = 1.0, e = w / n, v = w * (n - w) / (n - 1) / ((double) n * n) * var / (mean * mean);
        assertThat(hotCell.get("z").asDouble()).isCloseTo((gi - e) / Math.sqrt(v), within(1e-3));
        assertThat(fc.get("cases").asInt()).isEqualTo(30 + 10 * k);
        // a cell far away, with nothing, is no hotspot
        assertThat(fc.get("features")).anyMatch(f -> f.get("properties").get("count").asInt() == 0 && f.get("properties").get("confidence").asInt() <= 0);
    }

    static void put(long cellId, int count) throws SQLException {
        Sql.exec(ds, ("INSERT INTO cases (code, category_code, status, source, geom, cell_id, community_id, district_id, reported_at, updated_at)"
                + " SELECT 'TLHOT' || %d || '_' || i, '0102', 'reported', 'patrol', ST_PointOnSurface(g.geom), g.id, g.community_id, s.parent_id,"
                + " timestamptz '2098-06-01 09:00+08', now() FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id"
                + " JOIN admin_unit s ON s.id = k.parent_id, generate_series(1, %d) i WHERE g.id = %d").formatted(cellId, count, cellId));
    }
}
