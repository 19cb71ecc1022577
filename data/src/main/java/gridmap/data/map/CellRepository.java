package gridmap.data.map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.NoSuchElementException;

import javax.sql.DataSource;

import gridmap.data.Tx;

import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;
import gridmap.data.auth.AdminGuard;
import gridmap.data.StaleVersionException;

/** Writes to grid cells: assigning the grid worker (audited, optimistic locking). */
public final class CellRepository {
    private final DataSource ds;

    public CellRepository(DataSource ds) { this.ds = ds; }

    /** Sets (or clears, with null) the worker of a current cell. Throws NoSuchElementException, StaleVersionException. */
    public void assignWorker(Actor actor, long cellId, Long workerId, int expectedVersion) throws SQLException {
        Tx.run(ds, c -> {
            AdminGuard.requireActiveAdmin(c, actor);
            if (workerId != null) { // checked here, in the transaction, not only at the door
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM app_user WHERE id = ? AND role = 'grid_worker' AND active FOR KEY SHARE")) {
                    ps.setLong(1, workerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw new gridmap.data.UnprocessableException("user " + workerId + " is not an active grid worker");
                    }
                }
            }
            int version;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM grid_cell WHERE id = ? AND valid_to IS NULL FOR NO KEY UPDATE")) {
                ps.setLong(1, cellId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new NoSuchElementException("no current grid cell with id " + cellId);
                    version = rs.getInt(1);
                }
            }
            if (version != expectedVersion) throw new StaleVersionException("grid cell " + cellId, expectedVersion, version);
            String before = AuditLog.snapshot(c, "grid_cell", "id", cellId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE grid_cell SET worker_id = ?, version = version + 1 WHERE id = ?")) {
                if (workerId == null) ps.setNull(1, Types.BIGINT); else ps.setLong(1, workerId);
                ps.setLong(2, cellId);
                ps.executeUpdate();
            }
            AuditLog.write(c, actor, "cell.assign_worker", "grid_cell", cellId, before, AuditLog.snapshot(c, "grid_cell", "id", cellId));
            return null;
        });
    }
}
