package gridmap.data.cases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.DbConfig;

/**
 * Listens for case changes from every server (PostgreSQL LISTEN on its own connection, outside
 * the pool) and hands each to a consumer, which decides who may hear of it. Reconnects after a
 * lost connection. One per server.
 */
public final class CaseChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseChangeListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A change: ids and status only (never personal data), as {@link CaseNotifier} sends it. */
    public record Change(long id, String code, String change, String status, Long districtId, Long cellId, Long cellWorkerId,
                         Long assigneeId) {
        /** Whether a reader with this scope may see the case. */
        public boolean visibleTo(CaseScope scope) {
            if (cellId == null || districtId == null) return scope instanceof CaseScope.All;
            return scope.contains(new CaseRepository.Location(cellId, null, 0, districtId, cellWorkerId));
        }
    }

    private final DbConfig cfg;
    private final Consumer<Change> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public CaseChangeListener(DbConfig cfg, Consumer<Change> consumer) {
        this.cfg = cfg;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "case-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection c = DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password())) {
                connection = c;
                try (Statement st = c.createStatement()) { st.execute("LISTEN " + CaseHistory.CHANNEL); }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(1000);
                    if (ns == null) continue;
                    for (PGNotification n : ns) deliver(n.getParameter());
                }
            } catch (SQLException e) {
                if (!running) return;
                LOG.warn("case change listener lost its connection ({}); reconnecting", e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            JsonNode j = JSON.readTree(payload);
            consumer.accept(new Change(j.get("id").asLong(), j.get("code").asText(), j.get("change").asText(), j.get("status").asText(),
                    num(j, "district_id"), num(j, "cell_id"), num(j, "cell_worker_id"), num(j, "assignee_id")));
        } catch (Exception e) {
            LOG.warn("case change not delivered: {}", e.toString());
        }
    }

    private static Long num(JsonNode j, String f) { return j.hasNonNull(f) ? j.get(f).asLong() : null; }

    @Override public void close() {
        running = false;
        thread.interrupt();
        try {
            Connection c = connection;
            if (c != null) c.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
