package gridmap.data.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Csv;
import gridmap.data.SqlText;

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
    }

    public static final List<String> COUNTS = List.of("reported", "rejected", "merged", "closed", "closed_fixed", "closed_not_fixed",
            "handled", "reworked", "due", "due_parked", "closed_on_time", "overdue_now");
    public static final List<String> RATES = List.of("on_time_rate", "closure_rate", "rework_rate");
    public static final List<String> HOURS = List.of("avg_hours_register", "avg_hours_dispatch", "avg_hours_handle", "avg_hours_verify");

    private final DataSource ds;

    public KpiRepository(DataSource ds) { this.ds = ds; }

    /**
     * Two passes. The cases of the period are grouped by the dimension and the status only, with
     * filtered counts of the few yes/no facts the KPIs need and sums of the step durations: grouped
     * by two plain columns, PostgreSQL estimates the groups from their statistics and aggregates
     * in parallel (grouped by the yes/no expressions too, it expected hundreds of thousands of
     * groups and aggregated a year of cases in one process, twice as slow). The KPIs and the total
     * row are then summed from those groups. Durations are summed as double precision ({@code
     * date_part}): {@code extract} returns numeric, whose sums took a quarter of the time.
     */
    private static SqlText query(By by, LocalDate from, LocalDate to, CaseScope scope) {
        OffsetDateTime a = CaseFilter.startOf(from), b = CaseFilter.startOf(to.plusDays(1));
        String rep = "t.reported_at >= p.a AND t.reported_at < p.b", due = "t.close_due_at >= p.a AND t.close_due_at < p.b";
        SqlText byStatus = new SqlText("""
                WITH p AS (SELECT ?::timestamptz AS a, ?::timestamptz AS b), s AS (
                  SELECT t.%1$s AS k, t.status,
                    count(*) FILTER (WHERE %2$s) AS n_rep, count(*) FILTER (WHERE %3$s) AS n_due,
                    count(*) FILTER (WHERE %3$s AND t.closed_at <= t.close_due_at) AS n_on_time,
                    count(*) FILTER (WHERE %2$s AND t.handled_at IS NOT NULL) AS n_handled,
                    count(*) FILTER (WHERE %2$s AND t.rework_count > 0) AS n_reworked,
                    count(*) FILTER (WHERE %2$s AND t.due_at < now()) AS n_overdue,
                    sum(date_part('epoch', t.registered_at - t.reported_at)) FILTER (WHERE %2$s) AS s1,
                    count(t.registered_at - t.reported_at) FILTER (WHERE %2$s) AS c1,
                    sum(date_part('epoch', t.dispatched_at - t.registered_at)) FILTER (WHERE %2$s) AS s2,
                    count(t.dispatched_at - t.registered_at) FILTER (WHERE %2$s) AS c2,
                    sum(date_part('epoch', t.handled_at - t.dispatched_at)) FILTER (WHERE %2$s) AS s3,
                    count(t.handled_at - t.dispatched_at) FILTER (WHERE %2$s) AS c3,
                    sum(date_part('epoch', t.closed_at - t.handled_at)) FILTER (WHERE %2$s) AS s4,
                    count(t.closed_at - t.handled_at) FILTER (WHERE %2$s) AS c4
                  FROM cases t CROSS JOIN p WHERE ((%2$s) OR (%3$s)) AND\s""".formatted(by.column, rep, due), a, b)
                .add(scope.condition()).add(" GROUP BY 1, 2)");
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
        List<Row> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = query(by, from, to, scope).prepare(c); ResultSet rs = ps.executeQuery()) {
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
