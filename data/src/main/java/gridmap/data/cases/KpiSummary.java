package gridmap.data.cases;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gridmap.data.Tx;

/**
 * The monthly KPI summary (case_kpi_month, V36): a trigger writes every change of a case that
 * moves a KPI as signed rows into case_kpi_change, insert-only, so reports never wait for each
 * other; {@link #fold()} moves them into the summary, per month, status and dimension. Whether
 * folded or not, {@link KpiRepository} counts the same: a request reads the summary and the rows
 * not folded yet in one snapshot, and a fold deletes the rows it adds in the same transaction. So
 * folding only keeps requests fast; the server folds every few seconds ({@link #every}).
 */
public final class KpiSummary implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KpiSummary.class);
    /** Which dimension a row of GROUPING SETS ((), (community), (cell), (worker), (category)) belongs to. */
    private static final String DIMENSION = "CASE GROUPING(t.community_id, t.cell_id, t.assignee_id, t.category_code)"
            + " WHEN 15 THEN 'district' WHEN 7 THEN 'community' WHEN 11 THEN 'cell' WHEN 13 THEN 'worker' ELSE 'category' END";
    private static final String GROUPS = "GROUP BY 1, t.status, t.district_id,"
            + " GROUPING SETS ((), (t.community_id), (t.cell_id), (t.assignee_id), (t.category_code))";
    private static final String KEYS = "dimension, month, status, district_id, community_id, cell_id, assignee_id, category_code";
    private static final String FOLD = foldStatement();

    private final DataSource ds;
    private ScheduledExecutorService timer;

    public KpiSummary(DataSource ds) { this.ds = ds; }

    /**
     * One statement: takes the changes, sums their facts per month of report (reported facts) and
     * per month of closure deadline (due facts), once per dimension, and adds them to the summary.
     */
    private static String foldStatement() {
        String month = "date_trunc('month', t.%s AT TIME ZONE '" + WorkingCalendar.ZONE.getId() + "')::date";
        String pass = "SELECT " + month + " AS month, " + DIMENSION + " AS dimension, t.status, t.district_id, t.community_id,"
                + " t.cell_id, t.assignee_id, t.category_code,\n    %s\n  FROM d t %s" + GROUPS;
        List<String> summed = KpiFacts.SUMMED;
        return "WITH d AS (DELETE FROM case_kpi_change RETURNING *),\nf AS (\n  "
                + pass.formatted("reported_at", KpiFacts.signed("t.sign", "true", "false"), "")
                + "\n  UNION ALL\n  " + pass.formatted("close_due_at", KpiFacts.signed("t.sign", "false", "true"), "WHERE t.close_due_at IS NOT NULL ")
                + "),\nm AS (INSERT INTO case_kpi_month AS m (" + KEYS + ", " + String.join(", ", summed) + ")\n  SELECT " + KEYS + ", "
                + String.join(", ", summed.stream().map(n -> "coalesce(sum(" + n + "), 0)").toList()) + " FROM f GROUP BY " + KEYS
                + "\n  ON CONFLICT ON CONSTRAINT case_kpi_month_key DO UPDATE SET "
                + String.join(", ", summed.stream().map(n -> n + " = m." + n + " + EXCLUDED." + n).toList()) + "\n  RETURNING 1)\n"
                + "SELECT (SELECT count(*) FROM d), (SELECT count(*) FROM m)";
    }

    /**
     * Folds the changes written so far into the summary and returns how many change rows it took.
     * One fold at a time: when another server is folding, returns 0 at once.
     */
    public long fold() throws SQLException {
        return Tx.run(ds, c -> {
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext('case_kpi_fold'))")) {
                    rs.next();
                    if (!rs.getBoolean(1)) return 0L;
                }
                long n;
                try (ResultSet rs = st.executeQuery(FOLD)) {
                    rs.next();
                    n = rs.getLong(1);
                }
                // rows whose cases have all moved on (e.g. a month's 'reported' once its cases were registered)
                if (n > 0) st.executeUpdate("DELETE FROM case_kpi_month WHERE n_rep = 0 AND n_due = 0");
                return n;
            }
        });
    }

    /** Folds now and then every {@code period} on a daemon thread, until {@link #close()}; a failed fold is tried again next time. */
    public synchronized KpiSummary every(Duration period) {
        if (timer != null) throw new IllegalStateException("already folding");
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kpi-fold");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                fold();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("KPI summary not folded (requests still count the changes): {}", e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** How many changes wait to be folded (for tests and the benchmark). */
    public long pending() throws SQLException {
        try (var c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM case_kpi_change");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override public synchronized void close() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }
}
