package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Limits on creating cases (issue 11): per account, per API token and per source address, each
 * counted on its own in one-minute windows shared by all servers (an unlogged table). The limit
 * of one subject never blocks another: every subject has its own counter. Counted in a short
 * statement of its own before the report's transaction, so the counter row is never locked for
 * the length of a report.
 */
public final class IntakeLimiter {
    private final DataSource ds;
    private final Clock clock;

    public IntakeLimiter(DataSource ds) { this(ds, Clock.systemUTC()); }

    public IntakeLimiter(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Refused: the subject over its limit and the seconds until the window turns. */
    public record Refused(String subject, int retryAfterSeconds) {}

    /**
     * Counts one intake for each subject (subject → its limit per minute) and returns the first
     * subject over its limit, or null when all are within.
     */
    public Refused count(Map<String, Integer> limits) throws SQLException {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        String[] subjects = limits.keySet().stream().sorted().toArray(String[]::new);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO intake_counter AS k (subject, window_start, n) SELECT s, ?, 1 FROM unnest(?::text[]) s
                ON CONFLICT (subject, window_start) DO UPDATE SET n = k.n + 1 RETURNING subject, n""")) {
            ps.setObject(1, window.atOffset(ZoneOffset.UTC));
            ps.setArray(2, c.createArrayOf("text", subjects));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer limit = limits.get(rs.getString(1));
                    if (limit != null && rs.getInt(2) > limit) {
                        int retry = (int) Math.max(1, 60 - (now.getEpochSecond() - window.getEpochSecond()));
                        return new Refused(rs.getString(1), retry);
                    }
                }
            }
        }
        return null;
    }

    /** Drops the windows that no longer count. */
    public int expire() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM intake_counter WHERE window_start < now() - interval '2 minutes'")) {
            return ps.executeUpdate();
        }
    }
}
