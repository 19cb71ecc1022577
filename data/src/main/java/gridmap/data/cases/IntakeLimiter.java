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
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

/**
 * Limits on creating cases (issue 11): per account, per API token and per source address, each
 * counted on its own in one-minute windows shared by all servers (an unlogged table). The limit
 * of one subject never blocks another: every subject has its own counter.
 *
 * <p>The shared counter is not written for every report: a server claims a batch of a subject's
 * allowance from it (1 report, then 2, 4, … up to an eighth of the limit) and hands it out from
 * memory until the batch is used up. All servers together never exceed the limit, since a claim
 * only grants what the shared counter has left; what a server claimed but did not use lapses with
 * the window, so a subject that switches servers within a minute may be refused up to an eighth of
 * its limit early on each. A claim is a short statement of its own, before the report's transaction,
 * so the counter row is never locked for the length of a report.
 */
public final class IntakeLimiter {
    private final DataSource ds;
    private final Clock clock;
    /** This server's share of each subject's current window. */
    private final Map<String, Share> shares = new ConcurrentHashMap<>();

    public IntakeLimiter(DataSource ds) { this(ds, Clock.systemUTC()); }

    public IntakeLimiter(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Refused: the subject over its limit and the seconds until the window turns. */
    public record Refused(String subject, int retryAfterSeconds) {}

    /** What this server may still hand out for one subject in one window. */
    private static final class Share {
        final Instant window;
        int granted, used, nextClaim = 1;
        /** The limit at which the shared counter had nothing left (0: not exhausted). */
        int exhaustedAt;

        Share(Instant window) { this.window = window; }
    }

    /**
     * Counts one intake for each subject (subject → its limit per minute) and returns the first
     * subject over its limit, or null when all are within.
     */
    public Refused count(Map<String, Integer> limits) throws SQLException {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        for (String subject : limits.keySet().stream().sorted().toList()) {
            int limit = limits.get(subject);
            Share s = shares.compute(subject, (k, v) -> v == null || !v.window.equals(window) ? new Share(window) : v);
            synchronized (s) {
                if (s.used < s.granted || claim(subject, s, limit)) {
                    s.used++;
                } else {
                    int retry = (int) Math.max(1, 60 - (now.getEpochSecond() - window.getEpochSecond()));
                    return new Refused(subject, retry);
                }
            }
        }
        return null;
    }

    /** Claims the next batch from the shared counter; false when the subject's limit is used up. */
    private boolean claim(String subject, Share s, int limit) throws SQLException {
        if (s.exhaustedAt >= limit) return false; // nothing left in this window, unless the limit was raised
        int want = Math.max(1, Math.min(s.nextClaim, limit / 8));
        long after;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO intake_counter AS k (subject, window_start, n) VALUES (?, ?, ?)
                ON CONFLICT (subject, window_start) DO UPDATE SET n = k.n + excluded.n RETURNING n""")) {
            ps.setString(1, subject);
            ps.setObject(2, s.window.atOffset(ZoneOffset.UTC));
            ps.setInt(3, want);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                after = rs.getLong(1);
            }
        }
        // the counter adds what is asked for, so what was left before is exact; grant only that
        long left = limit - (after - want);
        int got = (int) Math.max(0, Math.min(want, left));
        s.granted += got;
        s.nextClaim = Math.min(want * 2, 1 << 20);
        if (got == 0) s.exhaustedAt = limit;
        return got > 0;
    }

    /** Drops the windows that no longer count, here and in the shared table. */
    public int expire() throws SQLException {
        Instant window = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        shares.values().removeIf(s -> s.window.isBefore(window));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM intake_counter WHERE window_start < now() - interval '2 minutes'")) {
            return ps.executeUpdate();
        }
    }
}
