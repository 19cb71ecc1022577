package gridmap.data.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;
import gridmap.data.audit.Actor;
import gridmap.data.demo.DemoLoader;

/**
 * The KPIs from the monthly summary against the scan of the cases (the statement before the
 * summary): the same rows for every dimension, scope and period, with the changes not folded,
 * folded, and folded in part, on cases walked through the workflow's transitions by plain updates
 * (the trigger sees every write, whoever makes it). Years no other test uses: 2002 (by hand) and
 * 2003 (random).
 */
class KpiSummaryTest {
    static DataSource ds;
    static KpiRepository kpis;
    static KpiSummary summary;
    /** Cells of two districts: {cell, community, district} */
    static long[] cellA, cellB;
    /** Active grid workers, the first for the hand-built cases. */
    static List<Long> workers;
    static long worker;

    @BeforeAll
    static void load() throws SQLException {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
        new DemoLoader(ds).load(false);
        remove();
        kpis = new KpiRepository(ds);
        summary = new KpiSummary(ds);
        workflow = new CaseWorkflow(ds, new ReferenceData(ds), CLOCK, null);
        admin = new CaseAction.Caller(Sql.count(ds, "SELECT min(id) FROM app_user WHERE role = 'admin'"), "admin", CaseScope.ALL);
        workers = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM app_user WHERE role = 'grid_worker' AND active ORDER BY id LIMIT 5"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) workers.add(rs.getLong(1));
        }
        worker = workers.get(0);
        List<long[]> cells = cells();
        cellA = cells.get(0);
        cellB = cells.stream().filter(c -> c[2] != cellA[2]).findFirst().orElseThrow();
    }

    @AfterAll
    static void remove() throws SQLException {
        Sql.exec(ds, "DELETE FROM cases WHERE code LIKE 'TLKS%' AND merged_into_id IS NOT NULL");
        Sql.exec(ds, "DELETE FROM cases WHERE code LIKE 'TLKS%'");
    }

    /** Current cells with their community and district. */
    static List<long[]> cells() throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.community_id, k.parent_id FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id
                WHERE g.valid_to IS NULL ORDER BY g.id"""); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        }
        return out;
    }

    static OffsetDateTime at(String localDateTime) { return OffsetDateTime.parse(localDateTime + "+08:00"); }

    static long insert(String code, long[] cell, String category, OffsetDateTime reported) throws SQLException {
        return Sql.count(ds, """
                INSERT INTO cases (code, category_code, status, source, geom, cell_id, community_id, district_id, reported_at, updated_at)
                SELECT ?, ?, 'reported', 'patrol', ST_PointOnSurface(g.geom), g.id, ?, ?, ?, now() FROM grid_cell g WHERE g.id = ?
                RETURNING id""", code, category, cell[1], cell[2], reported, cell[0]);
    }

    /** The workflow's clock, set by the tests: transitions happen in 2002 and 2003. */
    static final class SetClock extends Clock {
        Instant now = Instant.EPOCH;
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    static final SetClock CLOCK = new SetClock();
    static CaseWorkflow workflow;
    static CaseAction.Caller admin;

    /** One transition through the workflow (its checks, history and audit rows), at {@code t}; false when it refused. */
    static boolean step(long id, CaseAction a, OffsetDateTime t, Long worker, Long original) throws SQLException {
        CLOCK.now = t.toInstant();
        CaseWorkflow.Result r = workflow.apply(id, admin, Actor.system("KpiSummaryTest"),
                new CaseWorkflow.Request(a, "test", a == CaseAction.DISPATCH ? worker : null, null, original, null, List.of()));
        return r instanceof CaseWorkflow.Result.Done;
    }

    static void step(long id, CaseAction a, String t) throws SQLException { assertThat(step(id, a, at(t), worker, null)).isTrue(); }

    /** Moves a case to another cell (its community and district with it), as a correction of its location would. */
    static void move(long id, long[] cell) throws SQLException {
        Sql.one(ds, "UPDATE cases SET cell_id = ?, community_id = ?, district_id = ? WHERE id = ? RETURNING id", cell[0], cell[1], cell[2], id);
    }

    static String describe(List<KpiRepository.Row> rows) {
        return rows.stream().map(r -> r.total() + "|" + r.key() + "|" + r.label() + "|" + Arrays.toString(r.counts()) + "|"
                + Arrays.toString(r.rates()) + "|" + Arrays.toString(r.hours()) + "|" + r.byStatusJson()).sorted().collect(Collectors.joining("\n"));
    }

    static KpiRepository.Row row(List<KpiRepository.Row> rows, long key) throws SQLException {
        String code = Sql.text(ds, "SELECT code FROM grid_cell WHERE id = ?", key);
        return rows.stream().filter(r -> code.equals(r.key())).findFirst().orElseThrow();
    }

    static long count(KpiRepository.Row r, String name) { return r.counts()[KpiRepository.COUNTS.indexOf(name)]; }

    /** Every dimension, each scope, each period: the summary's rows equal the scan's. */
    static void sameAsScan(List<CaseScope> scopes, List<LocalDate[]> periods) throws SQLException {
        for (KpiRepository.By by : KpiRepository.By.values()) {
            for (CaseScope scope : scopes) {
                for (LocalDate[] p : periods) {
                    assertThat(describe(kpis.rows(by, p[0], p[1], scope)))
                            .as("%s, %s, %s to %s", by, scope, p[0], p[1])
                            .isEqualTo(describe(kpis.scannedRows(by, p[0], p[1], scope)));
                }
            }
        }
    }

    static LocalDate[] period(String from, String to) { return new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)}; }

    @Test
    void aHandBuiltMonthWithEveryKindOfChange() throws SQLException {
        // reworked once, closed on time
        long h1 = insert("TLKS_H1", cellA, "0102", at("2002-03-05T09:00"));
        step(h1, CaseAction.REGISTER, "2002-03-05T10:00");
        step(h1, CaseAction.DISPATCH, "2002-03-05T11:00");
        step(h1, CaseAction.START, "2002-03-05T12:00");
        step(h1, CaseAction.HANDLE, "2002-03-05T13:00");
        step(h1, CaseAction.FAIL_VERIFICATION, "2002-03-05T14:00");
        step(h1, CaseAction.START, "2002-03-05T14:30");
        step(h1, CaseAction.HANDLE, "2002-03-05T15:00");
        step(h1, CaseAction.VERIFY, "2002-03-05T16:00");              // closure deadline: 8 working hours after the dispatch
        // due in March, parked
        long h2 = insert("TLKS_H2", cellA, "0102", at("2002-03-10T09:00"));
        step(h2, CaseAction.REGISTER, "2002-03-10T10:00");
        step(h2, CaseAction.DISPATCH, "2002-03-10T11:00");
        step(h2, CaseAction.PARK, "2002-03-11T09:00");
        // a duplicate merged into h2 (open)
        long h3 = insert("TLKS_H3", cellA, "0102", at("2002-03-12T09:00"));
        assertThat(step(h3, CaseAction.MERGE, at("2002-03-12T10:00"), null, h2)).isTrue();
        // rejected, then reopened: registered again
        long h4 = insert("TLKS_H4", cellA, "0102", at("2002-03-20T09:00"));
        step(h4, CaseAction.REJECT, "2002-03-20T10:00");
        step(h4, CaseAction.REOPEN, "2002-03-21T10:00");
        // the last minute of March (Beijing time), then moved to a cell of another district
        long h5 = insert("TLKS_H5", cellA, "0102", at("2002-03-31T23:59"));
        move(h5, cellB);
        // the first minute of April
        insert("TLKS_H6", cellA, "0102", at("2002-04-01T00:00"));
        // reported, then deleted
        long h7 = insert("TLKS_H7", cellA, "0102", at("2002-03-06T09:00"));
        Sql.one(ds, "DELETE FROM cases WHERE id = ? RETURNING id", h7);
        // closed late, reopened, closed as not fixable
        long h8 = insert("TLKS_H8", cellA, "0102", at("2002-03-02T09:00"));
        step(h8, CaseAction.REGISTER, "2002-03-02T10:00");
        step(h8, CaseAction.DISPATCH, "2002-03-02T11:00");
        step(h8, CaseAction.START, "2002-03-03T09:00");
        step(h8, CaseAction.HANDLE, "2002-03-05T09:00");
        step(h8, CaseAction.VERIFY, "2002-03-05T10:00");
        step(h8, CaseAction.REOPEN, "2002-03-06T10:00");
        step(h8, CaseAction.CLOSE_NOT_FIXED, "2002-03-07T10:00");

        List<CaseScope> scopes = List.of(CaseScope.ALL, new CaseScope.District(cellA[2]), new CaseScope.District(cellB[2]),
                new CaseScope.WorkerCells(worker), CaseScope.NONE);
        List<LocalDate[]> periods = List.of(period("2002-03-01", "2002-03-31"), period("2002-03-06", "2002-04-01"),
                period("2002-03-31", "2002-03-31"), period("2002-02-15", "2002-04-30"), period("2002-03-02", "2002-03-30"),
                period("2002-02-27", "2002-03-29"));
        for (int round = 0; round < 2; round++) { // the changes not folded, then folded
            List<KpiRepository.Row> march = kpis.rows(KpiRepository.By.CELL, LocalDate.of(2002, 3, 1), LocalDate.of(2002, 3, 31), CaseScope.ALL);
            KpiRepository.Row a = row(march, cellA[0]), b = row(march, cellB[0]);
            assertThat(count(a, "reported")).isEqualTo(5);                  // h1, h2, h3, h4, h8
            assertThat(count(a, "merged")).isEqualTo(1);
            assertThat(count(a, "rejected")).isZero();                      // reopened
            assertThat(count(a, "closed_fixed")).isEqualTo(1);
            assertThat(count(a, "closed_not_fixed")).isEqualTo(1);
            assertThat(count(a, "reworked")).isEqualTo(1);
            assertThat(count(a, "handled")).isEqualTo(2);
            assertThat(count(a, "due")).isEqualTo(3);                       // h1, h2, h8
            assertThat(count(a, "due_parked")).isEqualTo(1);
            assertThat(count(a, "closed_on_time")).isEqualTo(1);            // h8 is no longer closed (fixed)
            assertThat(count(a, "overdue_now")).isEqualTo(1);               // h4, registered since 2002
            assertThat(a.hours()[0]).isEqualTo(7.0);                        // h1, h2, h8 an hour, h4 25 hours (at its reopening)
            assertThat(count(b, "reported")).isEqualTo(1);                  // h5, moved
            assertThat(march.stream().filter(KpiRepository.Row::total).findFirst().orElseThrow().counts()[0]).isEqualTo(6);
            sameAsScan(scopes, periods);
            summary.fold();
        }
        assertThat(summary.pending()).isZero();
        // a change after the fold: counted from the changes, on top of the summary
        step(h4, CaseAction.CLOSE_NOT_FIXED, "2002-03-22T10:00");
        assertThat(count(row(kpis.rows(KpiRepository.By.CELL, LocalDate.of(2002, 3, 1), LocalDate.of(2002, 3, 31), CaseScope.ALL), cellA[0]),
                "closed_not_fixed")).isEqualTo(2);
        sameAsScan(scopes, periods);
    }

    @Test
    void randomCasesWalkedThroughTheWorkflow() throws SQLException {
        Random rnd = new Random(20031);
        List<long[]> cells = cells();
        List<String> categories = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT code FROM case_category ORDER BY code LIMIT 6");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) categories.add(rs.getString(1));
        }
        List<long[]> few = new ArrayList<>(cells.subList(0, 3));
        few.add(cellB);
        int n = 400;
        long[] ids = new long[n];
        OffsetDateTime[] clock = new OffsetDateTime[n];
        CaseStatus[] status = new CaseStatus[n];
        for (int i = 0; i < n; i++) {
            // whole seconds: the scan sums durations in seconds as doubles, exact for whole seconds as the summary's microseconds are
            clock[i] = OffsetDateTime.of(2003, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).plusSeconds(rnd.nextInt(365 * 86400));
            ids[i] = insert("TLKS_R" + i, few.get(rnd.nextInt(few.size())), categories.get(rnd.nextInt(categories.size())), clock[i]);
            status[i] = CaseStatus.REPORTED;
        }
        List<CaseScope> scopes = List.of(CaseScope.ALL, new CaseScope.District(cellA[2]), new CaseScope.District(cellB[2]),
                new CaseScope.WorkerCells(workers.get(0)));
        List<LocalDate[]> periods = List.of(period("2003-01-01", "2003-12-31"), period("2002-12-15", "2003-12-14"),
                period("2003-02-14", "2003-07-09"), period("2003-03-03", "2003-03-20"), period("2003-05-02", "2003-05-30"),
                period("2003-08-31", "2003-08-31"), period("2003-06-20", "2004-02-10"), period("2002-11-29", "2003-11-28"),
                period("2003-03-04", "2003-10-27"));
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 3 * n; k++) walk(rnd, ids, clock, status, cells, categories);
            for (int d = 0; d < 10 * round; d++) { // deleted cases (not merge targets); no further steps for them
                int i = rnd.nextInt(n);
                if (Sql.one(ds, "DELETE FROM cases WHERE id = ? AND NOT EXISTS (SELECT 1 FROM cases d WHERE d.merged_into_id = cases.id)"
                        + " RETURNING id", ids[i]) != null) status[i] = CaseStatus.MERGED;
            }
            sameAsScan(scopes, periods); // round 0: nothing folded; later: folded, then more changes on top
            summary.fold();
            assertThat(Sql.count(ds, "SELECT count(*) FROM case_kpi_month WHERE n_rep = 0 AND n_due = 0")).as("empty rows deleted").isZero();
        }
        sameAsScan(scopes, periods);
        // the walk went through the workflow: many steps, every state reached
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_event e JOIN cases t ON t.id = e.case_id WHERE t.code LIKE 'TLKS_R%'"))
                .isGreaterThan(2L * n);
        assertThat(Sql.count(ds, "SELECT count(DISTINCT status) FROM cases WHERE code LIKE 'TLKS_R%'")).isEqualTo(CaseStatus.values().length);
    }

    /** Folds run all the time while cases change (changes committed during a fold wait for the next): nothing lost or counted twice. */
    @Test
    void foldsWhileCasesChange() throws Exception {
        Random rnd = new Random(20041);
        List<long[]> cells = cells();
        List<String> categories = List.of(Sql.text(ds, "SELECT min(code) FROM case_category"), Sql.text(ds, "SELECT max(code) FROM case_category"));
        List<long[]> few = new ArrayList<>(cells.subList(0, 3));
        few.add(cellB);
        int n = 150;
        long[] ids = new long[n];
        OffsetDateTime[] clock = new OffsetDateTime[n];
        CaseStatus[] status = new CaseStatus[n];
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong folded = new java.util.concurrent.atomic.AtomicLong(), folds = new java.util.concurrent.atomic.AtomicLong();
        Thread folder = new Thread(() -> {
            while (!stop.get()) {
                try {
                    folded.addAndGet(summary.fold());
                    folds.incrementAndGet();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        folder.start();
        try {
            for (int i = 0; i < n; i++) {
                clock[i] = OffsetDateTime.of(2004, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).plusSeconds(rnd.nextInt(365 * 86400));
                ids[i] = insert("TLKS_C" + i, few.get(rnd.nextInt(few.size())), categories.get(rnd.nextInt(2)), clock[i]);
                status[i] = CaseStatus.REPORTED;
            }
            for (int k = 0; k < 4 * n; k++) walk(rnd, ids, clock, status, few, categories);
        } finally {
            stop.set(true);
            folder.join();
        }
        assertThat(folds.get()).as("folds ran during the writes").isGreaterThan(2);
        assertThat(folded.get()).as("and took changes").isPositive();
        List<CaseScope> scopes = List.of(CaseScope.ALL, new CaseScope.District(cellA[2]), new CaseScope.District(cellB[2]));
        List<LocalDate[]> periods = List.of(period("2004-01-01", "2004-12-31"), period("2004-02-10", "2004-11-20"), period("2004-06-01", "2004-06-30"));
        sameAsScan(scopes, periods);
        summary.fold();
        sameAsScan(scopes, periods);
    }

    /** One random legal transition of a random case, or a move to another cell or category. */
    static void walk(Random rnd, long[] ids, OffsetDateTime[] clock, CaseStatus[] status, List<long[]> cells, List<String> categories)
            throws SQLException {
        int i = rnd.nextInt(ids.length);
        clock[i] = clock[i].plusSeconds(rnd.nextInt(3 * 86400));
        if (rnd.nextInt(20) == 0) {
            if (rnd.nextBoolean()) move(ids[i], cells.get(rnd.nextInt(4)));
            else Sql.one(ds, "UPDATE cases SET category_code = ? WHERE id = ? RETURNING id", categories.get(rnd.nextInt(categories.size())), ids[i]);
            return;
        }
        List<CaseAction> allowed = Arrays.stream(CaseAction.values()).filter(a -> a.from.contains(status[i])).toList();
        if (allowed.isEmpty()) return;
        CaseAction a = allowed.get(rnd.nextInt(allowed.size()));
        Long original = null;
        if (a == CaseAction.MERGE) {
            int j = rnd.nextInt(ids.length);
            if (j == i || status[j] == CaseStatus.MERGED) return;
            original = ids[j];
        }
        if (step(ids[i], a, clock[i], workers.get(rnd.nextInt(workers.size())), original)) status[i] = a.to;
    }

    @Test
    void theDimensionsMatchTheirCheck() throws SQLException {
        String check = Sql.text(ds, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'case_kpi_month_dimension_check'");
        List<String> inDb = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("'([a-z_]+)'").matcher(check);
        while (m.find()) inDb.add(m.group(1));
        assertThat(inDb).containsExactlyInAnyOrderElementsOf(Arrays.stream(KpiRepository.By.values()).map(KpiRepository.By::dimension).toList());
    }

    @Test
    void truncatingTheCasesEmptiesTheSummary() throws SQLException {
        var cfg = TestDb.get().config(); // only the owner may truncate
        try (Connection c = java.sql.DriverManager.getConnection(cfg.url(), cfg.migrationUser(), cfg.migrationPassword());
             var st = c.createStatement()) {
            st.execute("SET search_path TO gridmap, public");
            c.setAutoCommit(false);
            try {
                st.execute("INSERT INTO case_kpi_change SELECT * FROM case_kpi_change LIMIT 1");
                st.execute("TRUNCATE cases CASCADE");
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM case_kpi_month) + (SELECT count(*) FROM case_kpi_change)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            } finally {
                c.rollback(); // the other tests' cases stay
            }
        }
    }
}
