package gridmap.data.auth;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.Tx;

import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * API tokens for machine clients: {@code gm_<publicId>_<secret>}. Only the secret's SHA-256 is
 * stored; the plaintext is shown once, at creation. Revoking keeps the row (and its history).
 */
public final class TokenRepository {
    public static final List<String> SCOPES = List.of("map:read", "cases:read", "cases:create");
    private static final String COLUMNS = "id, public_id, name, scopes, created_by, created_at, expires_at, revoked_at, last_used_at";
    private static final String T_COLUMNS = COLUMNS.replaceAll("(^|, )", "$1t.");

    private final DataSource ds;

    public TokenRepository(DataSource ds) { this.ds = ds; }

    public record Created(ApiToken token, String plaintext) {}

    public Created create(Actor actor, String name, List<String> scopes, Integer expiresInDays) throws SQLException {
        String publicId = Secrets.random(9).replace('-', 'x').replace('_', 'y');
        String secret = Secrets.random(32);
        long created = Tx.run(ds, c -> {
            AdminGuard.requireActiveAdmin(c, actor);
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO api_token (public_id, name, secret_sha256, scopes, created_by, expires_at)
                    VALUES (?, ?, ?, ?, ?, CASE WHEN ?::int IS NULL THEN NULL ELSE now() + make_interval(days => ?::int) END)
                    RETURNING id""")) {
                ps.setString(1, publicId);
                ps.setString(2, name);
                ps.setBytes(3, Secrets.sha256(secret));
                ps.setArray(4, c.createArrayOf("text", scopes.toArray()));
                ps.setLong(5, actor.userId());
                ps.setObject(6, expiresInDays);
                ps.setObject(7, expiresInDays);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
            }
            AuditLog.write(c, actor, "token.create", "api_token", id, null, AuditLog.snapshot(c, "api_token", "id", id));
            return id;
        });
        return new Created(byId(created).orElseThrow(), "gm_" + publicId + "_" + secret);
    }

    public Optional<ApiToken> byId(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_token WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? Optional.of(read(rs)) : Optional.empty(); }
        }
    }

    public List<ApiToken> list() throws SQLException {
        List<ApiToken> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_token ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(read(rs));
        }
        return out;
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        Array a = rs.getArray(4);
        return new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), Arrays.asList((String[]) a.getArray()), rs.getLong(5),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class));
    }

    /** The live token this plaintext names, or empty; the secret is compared in constant time. */
    public Optional<ApiToken> resolve(String plaintext) throws SQLException {
        if (plaintext == null || !plaintext.startsWith("gm_") || plaintext.length() > 200) return Optional.empty();
        int sep = plaintext.indexOf('_', 3);
        if (sep < 0) return Optional.empty();
        String publicId = plaintext.substring(3, sep), secret = plaintext.substring(sep + 1);
        try (Connection c = ds.getConnection()) {
            ApiToken t;
            byte[] hash;
            // a token acts for the admin who made it: it stops working when that account is disabled or demoted
            try (PreparedStatement ps = c.prepareStatement("SELECT " + T_COLUMNS + ", t.secret_sha256"
                    + " FROM api_token t JOIN app_user u ON u.id = t.created_by AND u.active AND u.role = 'admin'"
                    + " WHERE t.public_id = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())")) {
                ps.setString(1, publicId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    t = read(rs);
                    hash = rs.getBytes(10);
                }
            }
            if (!Secrets.matches(secret, hash)) return Optional.empty();
            if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(OffsetDateTime.now().minusMinutes(1))) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used_at = now() WHERE id = ?")) {
                    ps.setLong(1, t.id());
                    ps.executeUpdate();
                }
            }
            return Optional.of(t);
        }
    }

    /** Revokes a token; true when it was live. Audited. */
    public boolean revoke(Actor actor, long id) throws SQLException {
        return Tx.run(ds, c -> {
            AdminGuard.requireActiveAdmin(c, actor);
            String before = AuditLog.snapshot(c, "api_token", "id", id);
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, id);
                n = ps.executeUpdate();
            }
            if (n == 0) { c.rollback(); return false; }
            AuditLog.write(c, actor, "token.revoke", "api_token", id, before, AuditLog.snapshot(c, "api_token", "id", id));
            return true;
        });
    }
}
