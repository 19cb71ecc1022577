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
     * Two passes: the cases of the period are first grouped by the dimension, status and the few
     * yes/no facts the KPIs need (a plain GROUP BY, which PostgreSQL runs in parallel), with sums
     * of the step durations; the KPIs and the total row are then computed from those groups. The
     * durations are summed as double precision ({@code date_part}): {@code extract} returns numeric,
     * whose sums over a year of cases took a quarter of the query's time.
     */
    private static SqlText query(By by, LocalDate from, LocalDate to, CaseScope scope) {
        OffsetDateTime a = CaseFilter.startOf(from), b = CaseFilter.startOf(to.plusDays(1));
        SqlText inner = new SqlText("""
                SELECT t.%s AS k, t.status,
                  (t.reported_at >= ? AND t.reported_at < ?) AS rep, coalesce(t.close_due_at >= ? AND t.close_due_at < ?, false) AS due,
                  coalesce(t.closed_at <= t.close_due_at, false) AS on_time, t.handled_at IS NOT NULL AS handled, t.rework_count > 0 AS reworked,
                  (t.status IN (%s) AND t.due_at < now()) AS overdue, count(*) AS n,
                  sum(date_part('epoch', t.registered_at - t.reported_at)) AS s1, count(t.registered_at - t.reported_at) AS c1,
                  sum(date_part('epoch', t.dispatched_at - t.registered_at)) AS s2, count(t.dispatched_at - t.registered_at) AS c2,
                  sum(date_part('epoch', t.handled_at - t.dispatched_at)) AS s3, count(t.handled_at - t.dispatched_at) AS c3,
                  sum(date_part('epoch', t.closed_at - t.handled_at)) AS s4, count(t.closed_at - t.handled_at) AS c4
                FROM cases t WHERE ((t.reported_at >= ? AND t.reported_at < ?) OR (t.close_due_at >= ? AND t.close_due_at < ?)) AND\s"""
                .formatted(by.column, CaseStatus.inProgressSqlList()), a, b, a, b, a, b, a, b)
                .add(scope.condition()).add(" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8");
        SqlText outer = new SqlText("""
                SELECT x.k, GROUPING(x.k) = 1 AS is_total,
                  coalesce(sum(n) FILTER (WHERE rep), 0) AS reported,
                  coalesce(sum(n) FILTER (WHERE rep AND status = 'rejected'), 0) AS rejected,
                  coalesce(sum(n) FILTER (WHERE rep AND status = 'merged'), 0) AS merged,
                  coalesce(sum(n) FILTER (WHERE rep AND status IN ('closed','closed_not_fixed')), 0) AS closed,
                  coalesce(sum(n) FILTER (WHERE rep AND status = 'closed'), 0) AS closed_fixed,
                  coalesce(sum(n) FILTER (WHERE rep AND status = 'closed_not_fixed'), 0) AS closed_not_fixed,
                  coalesce(sum(n) FILTER (WHERE rep AND handled), 0) AS handled,
                  coalesce(sum(n) FILTER (WHERE rep AND reworked), 0) AS reworked,
                  coalesce(sum(n) FILTER (WHERE due), 0) AS due,
                  coalesce(sum(n) FILTER (WHERE due AND status = 'parked'), 0) AS due_parked,
                  coalesce(sum(n) FILTER (WHERE due AND status = 'closed' AND on_time), 0) AS closed_on_time,
                  coalesce(sum(n) FILTER (WHERE rep AND overdue), 0) AS overdue_now,
                  sum(s1) FILTER (WHERE rep) / nullif(sum(c1) FILTER (WHERE rep), 0) / 3600 AS avg_hours_register,
                  sum(s2) FILTER (WHERE rep) / nullif(sum(c2) FILTER (WHERE rep), 0) / 3600 AS avg_hours_dispatch,
                  sum(s3) FILTER (WHERE rep) / nullif(sum(c3) FILTER (WHERE rep), 0) / 3600 AS avg_hours_handle,
                  sum(s4) FILTER (WHERE rep AND status = 'closed') / nullif(sum(c4) FILTER (WHERE rep AND status = 'closed'), 0) / 3600 AS avg_hours_verify,
                  %s AS by_status
                FROM (""".formatted(byStatus())).add(inner).add(") x GROUP BY GROUPING SETS ((x.k), ())");
        return new SqlText("SELECT s.is_total AS total, l." + by.keyColumn + " AS key, " + by.labelExpression
                + " AS label, s.* FROM (").add(outer)
                .add(") s LEFT JOIN " + by.table + " l ON l." + (by == By.CATEGORY ? "code" : "id") + " = s.k ORDER BY s.is_total, label");
    }

    private static String byStatus() {
        StringBuilder sb = new StringBuilder("json_build_object(");
        for (CaseStatus s : CaseStatus.values()) {
            if (sb.length() > 18) sb.append(", ");
            sb.append("'").append(s.db).append("', coalesce(sum(n) FILTER (WHERE rep AND status = '").append(s.db).append("'), 0)");
        }
        return sb.append(")").toString();
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
