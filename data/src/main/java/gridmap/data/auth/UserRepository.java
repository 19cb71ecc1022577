package gridmap.data.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.StaleVersionException;
import gridmap.data.Tx;

import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/** Accounts: look-up for login, and the admin's audited create/update. */
public final class UserRepository {
    public static final List<String> ROLES = List.of("admin", "planner", "watershed_planner", "dispatcher", "grid_worker", "viewer");
    private static final String COLUMNS = "id, username, display_name, role, active, district_id, password_hash IS NOT NULL, version";

    private final DataSource ds;

    public UserRepository(DataSource ds) { this.ds = ds; }

    static User read(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                (Long) rs.getObject(6), rs.getBoolean(7), rs.getInt(8));
    }

    public Optional<User> byId(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM app_user WHERE id = ?", id);
    }

    public Optional<User> byUsername(String username) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM app_user WHERE username = ?", username);
    }

    private Optional<User> one(String sql, Object arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** An active account and its stored hash, for the sign-in check only. */
    public record Login(User user, String passwordHash) {}

    public Optional<Login> forLogin(String username) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", password_hash FROM app_user WHERE username = ? AND active")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Login(read(rs), rs.getString(9))) : Optional.empty();
            }
        }
    }

    public List<User> list(String role, String q, int limit, int offset) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM app_user WHERE true");
        List<Object> args = new ArrayList<>();
        if (role != null) { sql.append(" AND role = ?"); args.add(role); }
        if (q != null) {
            sql.append(" AND (username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')");
            String like = gridmap.data.Like.contains(q);
            args.add(like);
            args.add(like);
        }
        sql.append(" ORDER BY id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        List<User> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
        }
        return out;
    }

    public record NewUser(String username, String displayName, String role, String password, Long districtId) {}

    /** Creates an account (password already checked by the caller) with its audit row. */
    public User create(Actor actor, NewUser u) throws SQLException {
        long created = Tx.run(ds, c -> {
            AdminGuard.requireActiveAdmin(c, actor);
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO app_user (username, display_name, role, password_hash, district_id, password_changed_at)
                    VALUES (?, ?, ?, ?, ?, now()) RETURNING id""")) {
                ps.setString(1, u.username());
                ps.setString(2, u.displayName());
                ps.setString(3, u.role());
                ps.setString(4, u.password() == null ? null : Passwords.hash(u.password()));
                if (u.districtId() == null) ps.setNull(5, Types.BIGINT); else ps.setLong(5, u.districtId());
                try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
            }
            AuditLog.write(c, actor, "user.create", "app_user", id, null, AuditLog.snapshot(c, "app_user", "id", id));
            return id;
        });
        return byId(created).orElseThrow();
    }

    /**
     * Changes to an account; null fields stay as they are. Only a dispatcher keeps a district. A new
     * password revokes the API tokens the account created unless keepTokens says otherwise: whoever
     * knew the old password may have made them.
     */
    public record Change(String displayName, String role, Boolean active, Long districtId, String password, boolean keepTokens) {
        public Change(String displayName, String role, Boolean active, Long districtId, String password) {
            this(displayName, role, active, districtId, password, false);
        }
    }

    public User update(Actor actor, long id, int expectedVersion, Change ch) throws SQLException {
        boolean changesAdmins = ch.role() != null || ch.active() != null;
        Tx.run(ds, c -> {
            if (changesAdmins) {
                // role and active changes are serialised, so two admins demoting each other at once
                // cannot both succeed and leave nobody to administer the system
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(3, 0)")) { ps.executeQuery().close(); }
            }
            AdminGuard.requireActiveAdmin(c, actor);
            int version;
            // NO KEY UPDATE: the audit row's key-share lock on the actor's own row must not wait on it
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM app_user WHERE id = ? FOR NO KEY UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new java.util.NoSuchElementException("no user with id " + id);
                    version = rs.getInt(1);
                }
            }
            if (version != expectedVersion) throw new StaleVersionException("user " + id, expectedVersion, version);
            String before = AuditLog.snapshot(c, "app_user", "id", id);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE app_user SET display_name = coalesce(?, display_name), role = coalesce(?, role),
                      active = coalesce(?, active),
                      district_id = CASE WHEN coalesce(?, role) = 'dispatcher' THEN coalesce(?, district_id) END,
                      password_hash = coalesce(?, password_hash),
                      password_changed_at = CASE WHEN ? THEN now() ELSE password_changed_at END,
                      version = version + 1
                    WHERE id = ?""")) {
                ps.setString(1, ch.displayName());
                ps.setString(2, ch.role());
                if (ch.active() == null) ps.setNull(3, Types.BOOLEAN); else ps.setBoolean(3, ch.active());
                ps.setString(4, ch.role());
                if (ch.districtId() == null) ps.setNull(5, Types.BIGINT); else ps.setLong(5, ch.districtId());
                ps.setString(6, ch.password() == null ? null : Passwords.hash(ch.password()));
                ps.setBoolean(7, ch.password() != null);
                ps.setLong(8, id);
                ps.executeUpdate();
            }
            if (Boolean.FALSE.equals(ch.active()) || ch.password() != null || ch.role() != null) {
                // a disabled account, a new password or a new role ends the sessions it had
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE user_session SET ended_at = now() WHERE user_id = ? AND ended_at IS NULL")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            if (ch.password() != null && !ch.keepTokens()) revokeTokensOf(c, actor, id, "the password of its creator was changed");
            if (changesAdmins) {
                // tokens act for the admin who made them: when that account stops being an active
                // admin they are revoked for good (not merely inert until a re-promotion)
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE api_token t SET revoked_at = now() FROM app_user u
                        WHERE u.id = t.created_by AND u.id = ? AND t.revoked_at IS NULL AND NOT (u.role = 'admin' AND u.active)
                        RETURNING t.id""")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            AuditLog.write(c, actor, "token.revoke", "api_token", rs.getLong(1), null,
                                    "{\"reason\":\"its admin was disabled or demoted\"}");
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM app_user WHERE role = 'admin' AND active");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) throw new gridmap.data.ConflictException("this change would leave no active administrator");
                }
            }
            String action = ch.password() != null && ch.displayName() == null && ch.role() == null && ch.active() == null
                    && ch.districtId() == null ? "user.password" : "user.update";
            AuditLog.write(c, actor, action, "app_user", id, before, AuditLog.snapshot(c, "app_user", "id", id));
            return null;
        });
        return byId(id).orElseThrow();
    }

    /** The outcome of changing one's own password. */
    public enum OwnPassword { CHANGED, WRONG_CURRENT }

    /**
     * A signed-in user changes their own password: the current one must be given. Every other
     * session of the account ends (the caller's own, keepSession, stays) and the API tokens the
     * account created are revoked unless keepTokens.
     */
    public OwnPassword changeOwnPassword(Actor actor, long id, String current, String next, String keepSession,
                                         boolean keepTokens) throws SQLException {
        return Tx.run(ds, c -> {
            String hash;
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE id = ? AND active FOR NO KEY UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new java.util.NoSuchElementException("no active user with id " + id);
                    hash = rs.getString(1);
                }
            }
            if (!Passwords.verify(current, hash)) return OwnPassword.WRONG_CURRENT;
            String before = AuditLog.snapshot(c, "app_user", "id", id);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE app_user SET password_hash = ?, password_changed_at = now(), version = version + 1 WHERE id = ?")) {
                ps.setString(1, Passwords.hash(next));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE user_session SET ended_at = now() WHERE user_id = ? AND ended_at IS NULL AND public_id IS DISTINCT FROM ?")) {
                ps.setLong(1, id);
                ps.setString(2, keepSession);
                ps.executeUpdate();
            }
            if (!keepTokens) revokeTokensOf(c, actor, id, "the password of its creator was changed");
            AuditLog.write(c, actor, "user.password", "app_user", id, before, AuditLog.snapshot(c, "app_user", "id", id));
            return OwnPassword.CHANGED;
        });
    }

    private static void revokeTokensOf(Connection c, Actor actor, long userId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_token SET revoked_at = now() WHERE created_by = ? AND revoked_at IS NULL RETURNING id")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // reason is one of this code's constants, never user input
                    AuditLog.write(c, actor, "token.revoke", "api_token", rs.getLong(1), null, "{\"reason\":\"" + reason + "\"}");
                }
            }
        }
    }

    /** Whether a current district with this id exists (for dispatcher assignment). */
    public boolean isCurrentDistrict(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM admin_unit WHERE id = ? AND level = 'district' AND valid_to IS NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }
}
