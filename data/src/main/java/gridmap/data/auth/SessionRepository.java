package gridmap.data.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.Tx;

import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Browser sessions in the database. The cookie value is {@code publicId.secret}: the public id
 * finds the row, the secret is checked against its stored SHA-256 in constant time. A session
 * ends after {@code idle} without use or {@code absolute} after login, whichever comes first.
 */
public final class SessionRepository {
    private final DataSource ds;
    private final Duration idle;
    private final Duration absolute;

    public SessionRepository(DataSource ds, Duration idle, Duration absolute) {
        this.ds = ds;
        this.idle = idle;
        this.absolute = absolute;
    }

    /** Starts a session and returns the cookie value; the login is audited. */
    public String start(Actor actor, long userId, String address) throws SQLException {
        String publicId = Secrets.random(12);
        String secret = Secrets.random(32);
        Tx.run(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO user_session (public_id, secret_sha256, user_id, expires_at, address)
                    VALUES (?, ?, ?, now() + make_interval(secs => ?), ?)""")) {
                ps.setString(1, publicId);
                ps.setBytes(2, Secrets.sha256(secret));
                ps.setLong(3, userId);
                ps.setDouble(4, Math.min(idle.toSeconds(), absolute.toSeconds()));
                ps.setString(5, address);
                ps.executeUpdate();
            }
            AuditLog.write(c, actor, "session.login", "app_user", userId, null,
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("address", address).toString());
            return null;
        });
        return publicId + "." + secret;
    }

    /**
     * The user of a live session, sliding its idle expiry; empty when unknown, wrong, ended,
     * expired or the account is disabled. One query finds session and user together: this runs
     * on every request.
     */
    public Optional<User> resolve(String cookie) throws SQLException {
        if (cookie == null) return Optional.empty();
        int dot = cookie.indexOf('.');
        if (dot <= 0 || dot == cookie.length() - 1 || cookie.length() > 200) return Optional.empty();
        String publicId = cookie.substring(0, dot), secret = cookie.substring(dot + 1);
        try (Connection c = ds.getConnection()) {
            byte[] hash;
            User user;
            boolean refresh;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT u.id, u.username, u.display_name, u.role, u.active, u.district_id, u.password_hash IS NOT NULL,
                      u.version, s.secret_sha256, s.last_seen_at < now() - interval '60 seconds'
                    FROM user_session s JOIN app_user u ON u.id = s.user_id
                    WHERE s.public_id = ? AND s.ended_at IS NULL AND s.expires_at > now() AND u.active""")) {
                ps.setString(1, publicId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    user = UserRepository.read(rs);
                    hash = rs.getBytes(9);
                    refresh = rs.getBoolean(10);
                }
            }
            if (!Secrets.matches(secret, hash)) return Optional.empty();
            if (refresh) { // slide the idle expiry at most once a minute, never past the absolute limit
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE user_session SET last_seen_at = now(),
                          expires_at = least(now() + make_interval(secs => ?), created_at + make_interval(secs => ?))
                        WHERE public_id = ?""")) {
                    ps.setDouble(1, idle.toSeconds());
                    ps.setDouble(2, absolute.toSeconds());
                    ps.setString(3, publicId);
                    ps.executeUpdate();
                }
            }
            return Optional.of(user);
        }
    }

    /**
     * Whether the session of this cookie is still live, without sliding its idle expiry: a
     * long-lived stream (live updates) checks with this, so an idle tab still times out.
     */
    public boolean isLive(String cookie) throws SQLException {
        if (cookie == null) return false;
        int dot = cookie.indexOf('.');
        if (dot <= 0 || dot == cookie.length() - 1 || cookie.length() > 200) return false;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.secret_sha256 FROM user_session s JOIN app_user u ON u.id = s.user_id
                WHERE s.public_id = ? AND s.ended_at IS NULL AND s.expires_at > now() AND u.active""")) {
            ps.setString(1, cookie.substring(0, dot));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && Secrets.matches(cookie.substring(dot + 1), rs.getBytes(1));
            }
        }
    }

    /** Ends the session of this cookie (logout); audited when it was live. */
    public void end(Actor actor, String cookie) throws SQLException {
        if (cookie == null || cookie.indexOf('.') <= 0) return;
        String publicId = cookie.substring(0, cookie.indexOf('.'));
        Tx.run(ds, c -> {
            Long userId = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE user_session SET ended_at = now() WHERE public_id = ? AND ended_at IS NULL RETURNING user_id, secret_sha256")) {
                ps.setString(1, publicId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && Secrets.matches(cookie.substring(cookie.indexOf('.') + 1), rs.getBytes(2))) userId = rs.getLong(1);
                }
            }
            if (userId == null) { c.rollback(); return null; } // not a live session of this cookie: change nothing
            AuditLog.write(c, actor, "session.logout", "app_user", userId, null, null);
            return null;
        });
    }
}
