package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every server's live-update listeners that cases were created or moved (PostgreSQL
 * NOTIFY), after the writes have committed. Not inside the writes' own transactions: a
 * transaction that has sent NOTIFY takes a database-wide lock at commit, which would make every
 * report of the city wait for the previous one's disk flush. One thread sends what has queued
 * up in one short transaction, so notifications cost one commit per batch, not per case.
 * Best effort: a server that stops between a commit and its notification loses that one
 * live update (the data itself is committed; clients also reload on reconnect).
 */
public final class CaseNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseNotifier.class);
    static final int MAX_BATCH = 500;

    private record Change(long caseId, String change) {}

    private final DataSource ds;
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread thread;
    private volatile boolean running = true;

    public CaseNotifier(DataSource ds) {
        this.ds = ds;
        this.thread = new Thread(this::run, "case-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a committed change; never blocks the writer (a full queue drops the live update). */
    public void changed(long caseId, String change) {
        if (!queue.offer(new Change(caseId, change))) LOG.warn("live-update queue full; case {} not announced", caseId);
    }

    private void run() {
        List<Change> batch = new ArrayList<>();
        while (running) {
            try {
                Change first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                send(batch);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("live updates for {} cases not sent: {}", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Change> batch) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT pg_notify(?, json_build_object('id', t.id, 'code', t.code, 'change', x.change, 'status', t.status,
                  'district_id', t.district_id, 'cell_id', t.cell_id, 'cell_worker_id', g.worker_id, 'assignee_id', t.assignee_id)::text)
                FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS x(id, change, n)
                JOIN cases t ON t.id = x.id LEFT JOIN grid_cell g ON g.id = t.cell_id ORDER BY x.n""")) {
            c.setAutoCommit(false);
            ps.setString(1, CaseHistory.CHANNEL);
            ps.setArray(2, c.createArrayOf("bigint", batch.stream().map(Change::caseId).toArray()));
            ps.setArray(3, c.createArrayOf("text", batch.stream().map(Change::change).toArray()));
            ps.executeQuery().close();
            c.commit();
        }
    }

    @Override public void close() {
        running = false;
        thread.interrupt();
    }
}
