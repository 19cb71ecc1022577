package gridmap.data.preferences;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Reads and replaces a person's own {@link Preferences}. A change is audited in the same
 * transaction; it does not bump the account's version, so an administrator editing the account
 * at the same time is not sent a spurious conflict.
 */
public final class PreferenceRepository {
    private final DataSource ds;

    public PreferenceRepository(DataSource ds) { this.ds = ds; }

    public Preferences of(long userId) throws SQLException {
        try (var c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT coalesce((preferences ->> 'care_mode')::boolean, false) FROM app_user WHERE id = ? AND active")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new NoSuchElementException("no active user with id " + userId);
                return new Preferences(rs.getBoolean(1));
            }
        }
    }

    /** Replaces the preferences of an active account, with an audit row "user.preferences". */
    public Preferences replace(Actor actor, long userId, Preferences p) throws SQLException {
        return Tx.run(ds, c -> {
            String before;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT preferences::text FROM app_user WHERE id = ? AND active FOR NO KEY UPDATE")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new NoSuchElementException("no active user with id " + userId);
                    before = rs.getString(1);
                }
            }
            String after;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE app_user SET preferences = jsonb_build_object('care_mode', ?) WHERE id = ? RETURNING preferences::text")) {
                ps.setBoolean(1, p.careMode());
                ps.setLong(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    after = rs.getString(1);
                }
            }
            AuditLog.write(c, actor, "user.preferences", "app_user", userId, before, after);
            return p;
        });
    }
}
