package gridmap.data.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import gridmap.data.Tx;

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
     * One sign-in attempt. At the gate, under short advisory locks for the account and the
     * address (never held while the password is checked), the recent failures are counted and,
     * below both limits, the attempt is written down as a failure until it proves otherwise; so
     * parallel guesses cannot pass the gate more often than the limits allow, and an attempt
     * refused at the gate leaves no trace that could lock anyone else out. A success removes its
     * own row and forgives the account's earlier failures from the same address only, so a
     * victim signing in cannot reopen an attacker's budget elsewhere.
     */
    public Verdict attempt(String username, String address, int maxPerUser, int maxPerAddress, Check check) throws SQLException {
        Long reservation = Tx.run(ds, c -> {
            // account first, then address: a fixed order, so two gates cannot deadlock
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(1, hashtext(?)), pg_advisory_xact_lock(2, hashtext(?))")) {
                ps.setString(1, username);
                ps.setString(2, address);
                ps.executeQuery().close();
            }
            if (count(c, "username", username) >= maxPerUser || count(c, "address", address) >= maxPerAddress) return null;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (username, address) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, username);
                ps.setString(2, address);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getLong(1); }
            }
        });
        if (reservation == null) return Verdict.LIMITED;
        boolean ok;
        try {
            ok = check.passes();
        } catch (SQLException | RuntimeException e) {
            try (Connection c = ds.getConnection()) { delete(c, "id = ?", reservation); }
            throw e;
        }
        try (Connection c = ds.getConnection()) {
            if (ok) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM login_failure WHERE username = ? AND address = ? AND id <= ?")) {
                    ps.setString(1, username);
                    ps.setString(2, address);
                    ps.setLong(3, reservation);
                    ps.executeUpdate();
                }
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
