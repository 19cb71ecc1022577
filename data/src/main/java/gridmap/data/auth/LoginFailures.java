package gridmap.data.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

/** Failed logins in a sliding window, per account and per client address, shared by all servers. */
public final class LoginFailures {
    private final DataSource ds;
    private final Duration window;

    public LoginFailures(DataSource ds, Duration window) {
        this.ds = ds;
        this.window = window;
    }

    public Duration window() { return window; }

    public enum Verdict { ACCEPTED, REJECTED, LIMITED }

    /** The password check, run while the attempt holds its locks. */
    @FunctionalInterface
    public interface Check {
        boolean passes() throws SQLException;
    }

    /**
     * One sign-in attempt, counted so that parallel guesses cannot slip under the limit: the
     * attempt is written down first (as a failure, until it proves otherwise) and only then are
     * the failures counted, own row included. Of n attempts racing, the k-th to be written sees
     * at least k rows, so at most the limit ever reach the password check. No lock is held while
     * the password is checked, so a burst cannot tie up the connection pool.
     */
    public Verdict attempt(String username, String address, int maxPerUser, int maxPerAddress, Check check) throws SQLException {
        long reservation;
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (username, address) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, username);
                ps.setString(2, address);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); reservation = rs.getLong(1); }
            }
            if (count(c, "username", username) > maxPerUser || count(c, "address", address) > maxPerAddress) {
                delete(c, "id = ?", reservation); // a refused attempt does not lengthen the lock-out
                return Verdict.LIMITED;
            }
        }
        boolean ok;
        try {
            ok = check.passes();
        } catch (SQLException | RuntimeException e) {
            try (Connection c = ds.getConnection()) { delete(c, "id = ?", reservation); }
            throw e;
        }
        try (Connection c = ds.getConnection()) {
            if (ok) {
                delete(c, "username = ?", username); // a success forgives the account's failures (not the address's)
                return Verdict.ACCEPTED;
            }
            // the reservation stays as the failure's record; failures older than a day count for nothing
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE at < now() - interval '1 day'")) {
                ps.executeUpdate();
            }
            return Verdict.REJECTED;
        }
    }

    private static void delete(Connection c, String where, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE " + where)) {
            ps.setObject(1, arg);
            ps.executeUpdate();
        }
    }

    private int count(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM login_failure WHERE " + column + " = ? AND at > now() - make_interval(secs => ?)")) {
            ps.setString(1, value);
            ps.setDouble(2, window.toSeconds());
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
    }
}
