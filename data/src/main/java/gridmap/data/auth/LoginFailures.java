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

    public void record(String username, String address) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (username, address) VALUES (?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, address);
            ps.executeUpdate();
        }
    }

    public int recentForUser(String username) throws SQLException { return count("username", username); }

    public int recentForAddress(String address) throws SQLException { return count("address", address); }

    private int count(String column, String value) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM login_failure WHERE " + column + " = ? AND at > now() - make_interval(secs => ?)")) {
            ps.setString(1, value);
            ps.setDouble(2, window.toSeconds());
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
    }

    /** A successful login forgives the account's earlier failures (not the address's). */
    public void clearUser(String username) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM login_failure WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }
}
