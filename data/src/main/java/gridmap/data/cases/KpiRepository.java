package gridmap.data.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Csv;
import gridmap.data.SqlText;
import gridmap.data.Tx;

/**
 * The evaluation step (综合评价): KPIs per district, community, grid cell, worker or category for
 * a period, in one pass over the cases in scope.
 * <ul>
 * <li>on-time closure rate 按期结案率 = cases closed (fixed) by their closure deadline / (cases
 *   whose closure deadline falls in the period − those of them parked);</li>
 * <li>closure rate 结案率 = cases closed (fixed or not fixable) / (reported in the period −
 *   rejected − merged duplicates);</li>
 * <li>rework rate 返工率 = cases that failed a verification at least once / cases handled;</li>
 * <li>average hours per step (register, dispatch, handle, verify), counts by status, overdue now.</li>
 * </ul>
 * "Reported in the period" counts by report date; the on-time rate by closure deadline, the
 * deadline set at the first dispatch (a failed verification does not move it).
 */
public final class KpiRepository {
    public enum By {
        DISTRICT("district_id", "admin_unit", "code", "name"),
        COMMUNITY("community_id", "admin_unit", "code", "name"),
        CELL("cell_id", "grid_cell", "code", "coalesce(l.name, l.code)"),
        WORKER("assignee_id", "app_user", "username", "display_name"),
        CATEGORY("category_code", "case_category", "code", "name");

        final String column, table, keyColumn, labelExpression;

        By(String column, String table, String keyColumn, String labelExpression) {
            this.column = column;
            this.table = table;
            this.keyColumn = keyColumn;
            this.labelExpression = labelExpression.contains("(") ? labelExpression : "l." + labelExpression;
        }

        /** The name of the dimension in the monthly summary (case_kpi_month.dimension). */
        String dimension() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public static final List<String> COUNTS = List.of("reported", "rejected", "merged", "closed", "closed_fixed", "closed_not_fixed",
            "handled", "reworked", "due", "due_parked", "closed_on_time", "overdue_now");
    public static final List<String> RATES = List.of("on_time_rate", "closure_rate", "rework_rate");
    public static final List<String> HOURS = List.of("avg_hours_register", "avg_hours_dispatch", "avg_hours_handle", "avg_hours_verify");

    private final DataSource ds;

    public KpiRepository(DataSource ds) { this.ds = ds; }

    /**
     * Two passes. The cases of the period are grouped by the dimension and the status only, with
     * filtered counts of the few yes/no facts the KPIs need and sums of the step durations (the CTE
     * {@code s}: {@link #scan}, or {@link #summed} from the monthly summary). The KPIs and the total
     * row are then summed from those groups.
     */
    private static SqlText query(By by, LocalDate from, LocalDate to, CaseScope scope) {
        return query(by, from, to, scope, summarised(scope));
    }

    /**
     * The whole city and a district read the summary (it keeps the district of each row); a grid
     * worker's cells scan their few thousand cases through the cell index (the summary per cell
     * has no rows per cell and category, worker or community, which would fold nothing).
     */
    private static boolean summarised(CaseScope scope) { return scope instanceof CaseScope.All || scope instanceof CaseScope.District; }

    /** The statement, from the summary or by scanning the cases (the reference the tests compare with). */
    static SqlText query(By by, LocalDate from, LocalDate to, CaseScope scope, boolean summary) {
        return totals(by, summary ? summed(by, from, to, scope) : scan(by, from, to, scope));
    }

    /**
     * The cases of the period, scanned: grouped by two plain columns, PostgreSQL estimates the
     * groups from their statistics and aggregates in parallel (grouped by the yes/no expressions
     * too, it expected hundreds of thousands of groups and aggregated a year of cases in one
     * process, twice as slow). Durations are summed as double precision ({@code date_part}):
     * {@code extract} returns numeric, whose sums took a quarter of the time. A year of the whole
     * city takes 0.6–0.8 s this way (a parallel scan of a million wide rows); a grid worker's cells
     * are a few thousand cases, read through the cell index in milliseconds.
     */
    private static SqlText scan(By by, LocalDate from, LocalDate to, CaseScope scope) {
        OffsetDateTime a = CaseFilter.startOf(from), b = CaseFilter.startOf(to.plusDays(1));
        return new SqlText("""
                WITH p AS (SELECT ?::timestamptz AS a, ?::timestamptz AS b), s AS (
                  SELECT t.%1$s AS k, t.status,
                    %2$s
                  FROM cases t CROSS JOIN p WHERE ((%3$s) OR (%4$s)) AND\s""".formatted(by.column, KpiFacts.scanned(REP, DUE), REP, DUE), a, b)
                .add(scope.condition()).add(" GROUP BY 1, 2)");
    }

    /**
     * The period from the monthly summary ({@link KpiSummary}): its whole months, the changes not
     * folded into them yet, the edge days from the cases (added, or subtracted from a whole month:
     * {@link KpiPeriod}), and the cases overdue now, counted from the open cases (the time of the
     * request decides, so no summary can hold it; they are few and indexed). Groups whose cases
     * all left (e.g. moved to another cell) sum to nothing and are dropped, as the scan would
     * not find them. A year of the whole city reads some 60,000 summary rows per cell, a few
     * days of cases and the overdue ones, where the scan reads a million cases.
     */
    private static SqlText summed(By by, LocalDate from, LocalDate to, CaseScope scope) {
        KpiPeriod period = KpiPeriod.of(from, to);
        List<SqlText> parts = new ArrayList<>();
        String monthFacts = String.join(", ", KpiFacts.NAMES.stream().map(n -> (n.equals("n_overdue") ? "NULL::bigint" : "t." + n) + " AS " + n).toList());
        if (period.hasMonths()) {
            parts.add(new SqlText("SELECT t.%s AS k, t.status, %s FROM case_kpi_month t WHERE t.dimension = ? AND t.month >= ? AND t.month < ? AND "
                    .formatted(by.column, monthFacts), by.dimension(), period.monthsFrom(), period.monthsUntil()).add(scope.condition()));
            parts.add(signed(by, "case_kpi_change", "t.sign", period.monthsFrom(), period.monthsUntil(), scope));
        }
        for (KpiPeriod.Days d : period.days()) parts.add(signed(by, "cases", Integer.toString(d.sign()), d.from(), d.until(), scope));
        List<String> overdue = new ArrayList<>();
        for (String n : KpiFacts.NAMES) overdue.add((n.equals("n_overdue") ? "count(*)" : "NULL::bigint") + " AS " + n);
        parts.add(new SqlText("SELECT t.%s AS k, t.status, %s FROM cases t WHERE t.status IN (%s) AND t.due_at < now()"
                .formatted(by.column, String.join(", ", overdue), CaseStatus.inProgressSqlList())
                + " AND t.reported_at >= ? AND t.reported_at < ? AND ", CaseFilter.startOf(from), CaseFilter.startOf(to.plusDays(1)))
                .add(scope.condition()).add(" GROUP BY 1, 2"));
        SqlText s = new SqlText("WITH s AS (\n  SELECT k, status, " + String.join(", ", KpiFacts.NAMES.stream()
                .map(n -> n.matches("s\\d") ? "sum(" + n + ")::double precision / 1e6 AS " + n : "sum(" + n + ") AS " + n).toList())
                + "\n  FROM (");
        for (int i = 0; i < parts.size(); i++) s.add(i == 0 ? "\n    " : "\n    UNION ALL ").add(parts.get(i));
        return s.add(") u\n  GROUP BY k, status HAVING coalesce(sum(n_rep), 0) <> 0 OR coalesce(sum(n_due), 0) <> 0)");
    }

    /** The signed facts of {@code rows} (cases, or changes) reported or due from one day until another. */
    private static SqlText signed(By by, String rows, String sign, LocalDate from, LocalDate until, CaseScope scope) {
        return new SqlText("SELECT t.%s AS k, t.status, %s FROM %s t CROSS JOIN (SELECT ?::timestamptz AS a, ?::timestamptz AS b) p WHERE ((%s) OR (%s)) AND "
                .formatted(by.column, KpiFacts.signed(sign, REP, DUE), rows, REP, DUE), CaseFilter.startOf(from), CaseFilter.startOf(until))
                .add(scope.condition()).add(" GROUP BY 1, 2");
    }

    /** Reported in the period, and due (closure deadline) in it: from {@code p.a} inclusive to {@code p.b} exclusive. */
    private static final String REP = "t.reported_at >= p.a AND t.reported_at < p.b", DUE = "t.close_due_at >= p.a AND t.close_due_at < p.b";

    /** The KPIs per group and the total row from the groups by key and status ({@code s}). */
    private static SqlText totals(By by, SqlText byStatus) {
        List<String[]> sums = new ArrayList<>(List.of(
                new String[] {"reported", "sum(n_rep)"},
                new String[] {"rejected", "sum(n_rep) FILTER (WHERE status = 'rejected')"},
                new String[] {"merged", "sum(n_rep) FILTER (WHERE status = 'merged')"},
                new String[] {"closed", "sum(n_rep) FILTER (WHERE status IN ('closed','closed_not_fixed'))"},
                new String[] {"closed_fixed", "sum(n_rep) FILTER (WHERE status = 'closed')"},
                new String[] {"closed_not_fixed", "sum(n_rep) FILTER (WHERE status = 'closed_not_fixed')"},
                new String[] {"handled", "sum(n_handled)"},
                new String[] {"reworked", "sum(n_reworked)"},
                new String[] {"due", "sum(n_due)"},
                new String[] {"due_parked", "sum(n_due) FILTER (WHERE status = 'parked')"},
                new String[] {"closed_on_time", "sum(n_on_time) FILTER (WHERE status = 'closed')"},
                new String[] {"overdue_now", "sum(n_overdue) FILTER (WHERE status IN (" + CaseStatus.inProgressSqlList() + "))"},
                new String[] {"s1", "sum(s1)"}, new String[] {"c1", "sum(c1)"}, new String[] {"s2", "sum(s2)"}, new String[] {"c2", "sum(c2)"},
                new String[] {"s3", "sum(s3)"}, new String[] {"c3", "sum(c3)"},
                new String[] {"s4", "sum(s4) FILTER (WHERE status = 'closed')"}, new String[] {"c4", "sum(c4) FILTER (WHERE status = 'closed')"}));
        for (CaseStatus st : CaseStatus.values()) sums.add(new String[] {"st_" + st.db, "sum(n_rep) FILTER (WHERE status = '" + st.db + "')"});
        String perGroup = String.join(", ", sums.stream().map(x -> x[1] + " AS " + x[0]).toList());
        String names = String.join(", ", sums.stream().map(x -> x[0]).toList());
        String totals = String.join(", ", sums.stream().map(x -> "sum(" + x[0] + ")").toList());
        StringBuilder statusJson = new StringBuilder("json_build_object(");
        for (CaseStatus st : CaseStatus.values()) {
            if (statusJson.length() > 18) statusJson.append(", ");
            statusJson.append("'").append(st.db).append("', coalesce(x.st_").append(st.db).append(", 0)");
        }
        return byStatus.add("""
                , g AS (SELECT k, %1$s FROM s GROUP BY k),
                x AS (SELECT false AS is_total, k, %2$s FROM g UNION ALL SELECT true, NULL, %3$s FROM g)
                SELECT x.is_total AS total, l.%4$s AS key, %5$s AS label, %6$s,
                  x.s1 / nullif(x.c1, 0) / 3600 AS avg_hours_register, x.s2 / nullif(x.c2, 0) / 3600 AS avg_hours_dispatch,
                  x.s3 / nullif(x.c3, 0) / 3600 AS avg_hours_handle, x.s4 / nullif(x.c4, 0) / 3600 AS avg_hours_verify,
                  %7$s) AS by_status
                FROM x LEFT JOIN %8$s l ON l.%9$s = x.k ORDER BY x.is_total, label""".formatted(perGroup, names, totals, by.keyColumn,
                by.labelExpression, String.join(", ", COUNTS.stream().map(c -> "coalesce(x." + c + ", 0) AS " + c).toList()), statusJson,
                by.table, by == By.CATEGORY ? "code" : "id"));
    }

    public record Row(boolean total, String key, String label, long[] counts, Double[] rates, Double[] hours, String byStatusJson) {}

    public List<Row> rows(By by, LocalDate from, LocalDate to, CaseScope scope) throws SQLException {
        return rows(query(by, from, to, scope), summarised(scope));
    }

    /**
     * The same rows by scanning the period's cases, without the summary: the reference the tests
     * compare the summary with, and the benchmark's contender.
     */
    public List<Row> scannedRows(By by, LocalDate from, LocalDate to, CaseScope scope) throws SQLException {
        return rows(query(by, from, to, scope, false), false);
    }

    /**
     * The summary's statement runs in one process: it aggregates some tens of thousands of rows,
     * where parallel workers cost more than they gain (cell, a year: 140 ms serial, 160–260 ms with
     * two workers, on two cores) and would take the second core from the requests beside it.
     */
    private List<Row> rows(SqlText query, boolean serial) throws SQLException {
        return Tx.run(ds, c -> {
            if (serial) try (Statement st = c.createStatement()) { st.execute("SET LOCAL max_parallel_workers_per_gather = 0"); }
            return rows(c, query);
        });
    }

    private static List<Row> rows(Connection c, SqlText query) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = query.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] counts = new long[COUNTS.size()];
                for (int i = 0; i < counts.length; i++) counts[i] = rs.getLong(COUNTS.get(i));
                Double[] hours = new Double[HOURS.size()];
                for (int i = 0; i < hours.length; i++) {
                    double h = rs.getDouble(HOURS.get(i));
                    hours[i] = rs.wasNull() ? null : Math.round(h * 100) / 100.0;
                }
                out.add(new Row(rs.getBoolean("total"), rs.getString("key"), rs.getString("label"), counts, rates(counts), hours,
                        rs.getString("by_status")));
            }
        }
        return out;
    }

    /** on-time, closure and rework rates from the counts; null where the denominator is zero. */
    static Double[] rates(long[] k) {
        long reported = k[0], rejected = k[1], merged = k[2], closed = k[3], handled = k[6], reworked = k[7], due = k[8],
                dueParked = k[9], onTime = k[10];
        return new Double[] {ratio(onTime, due - dueParked), ratio(closed, reported - rejected - merged), ratio(reworked, handled)};
    }

    private static Double ratio(long a, long b) { return b <= 0 ? null : Math.round(10000.0 * a / b) / 10000.0; }

    public void writeCsv(By by, LocalDate from, LocalDate to, CaseScope scope, Writer out) throws SQLException {
        List<Row> rows = rows(by, from, to, scope);
        try {
            Csv.bom(out);
            List<String> head = new ArrayList<>(List.of(by.name().toLowerCase(), "name"));
            head.addAll(COUNTS);
            head.addAll(RATES);
            head.addAll(HOURS);
            Csv.row(out, head);
            for (Row r : rows) {
                List<String> v = new ArrayList<>();
                v.add(r.total() ? "total" : r.key());
                v.add(r.total() ? "合计" : r.label());
                for (long n : r.counts()) v.add(Long.toString(n));
                for (Double d : r.rates()) v.add(d == null ? "" : d.toString());
                for (Double d : r.hours()) v.add(d == null ? "" : d.toString());
                Csv.row(out, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
