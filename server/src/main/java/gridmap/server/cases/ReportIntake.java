package gridmap.server.cases;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import gridmap.data.cases.CaseIntake;
import gridmap.data.cases.IntakeLimiter;
import gridmap.data.cases.PhotoProcessor;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.RequestIds;
import io.javalin.http.Context;

/**
 * Intake with its limits: counts the caller against their limits (429 with Retry-After),
 * forgets stale keys and counters now and then, and reports with the idempotency key.
 */
public final class ReportIntake {
    private final IntakeLimiter limiter;
    private final java.util.function.Supplier<IntakeLimits> limits;
    private final CaseIntake intake;
    private volatile Instant lastHousekeeping = Instant.EPOCH;

    /** limits: read at each request, so a changed setting applies without a restart. */
    public ReportIntake(javax.sql.DataSource ds, gridmap.data.cases.ReferenceData reference, gridmap.data.cases.CaseNotifier notifier,
                        java.util.function.Supplier<IntakeLimits> limits) {
        this.limiter = new IntakeLimiter(ds);
        this.limits = limits;
        limits.get(); // a malformed setting stops the start, not a report
        this.intake = new CaseIntake(ds, reference, java.time.Clock.systemUTC(), notifier);
    }

    public void count(Context ctx, Principal who) throws SQLException {
        housekeeping();
        IntakeLimiter.Refused refused = limiter.count(limits.get().subjects(who, ctx.ip()));
        if (refused != null) {
            ctx.header("Retry-After", Integer.toString(refused.retryAfterSeconds()));
            String whose = refused.subject().startsWith("address:") ? "from your address" : refused.subject().startsWith("token:")
                    ? "for this API token" : "for your account";
            throw new ApiException(429, "too many reports " + whose + " in this minute; try again in " + refused.retryAfterSeconds() + " s");
        }
    }

    public CaseIntake.Result report(Context ctx, Principal who, CaseIntake.NewCase k, byte[] canonicalBody) throws SQLException {
        return report(ctx, who, k, canonicalBody, null);
    }

    /**
     * canonicalBody: the request as canonical JSON, compared when an Idempotency-Key is used again
     * (null without that header); repeatWindow: refuse the same token's identical report within
     * this time (public intake), or null.
     */
    public CaseIntake.Result report(Context ctx, Principal who, CaseIntake.NewCase k, byte[] canonicalBody, Duration repeatWindow)
            throws SQLException {
        String key = ctx.header("Idempotency-Key");
        if (key != null && (key.isEmpty() || key.length() > 200 || !key.matches("[\\x21-\\x7E]+"))) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID, say)");
        }
        count(ctx, who);
        String principal = who.token() ? "token:" + who.tokenId() : "user:" + who.userId();
        return intake.report(new CaseIntake.Origin(who.actor(RequestIds.of(ctx)), who.token() ? null : who.userId(), who.tokenId(),
                who.caseScope(), principal, key, key == null ? null : PhotoProcessor.sha256(canonicalBody), repeatWindow), k);
    }

    /** The problem for every outcome but Created. */
    public static ApiException problem(CaseIntake.Result r, CaseIntake.NewCase k) {
        if (r instanceof CaseIntake.Result.OutsideCells o) {
            return new ApiException(422, "the point " + k.lon() + ", " + k.lat() + " is outside every grid cell"
                    + (o.nearestCellCode() == null ? "" : "; the nearest is cell " + o.nearestCellCode() + ", "
                    + Math.round(o.distanceMetres()) + " m away"));
        }
        if (r instanceof CaseIntake.Result.OutOfScope o) {
            return new ApiException(403, "the point lies in grid cell " + o.cellCode() + ", outside your area");
        }
        if (r instanceof CaseIntake.Result.Repeat rp) {
            return new ApiException(409, "this API key filed exactly this report a moment ago (service_request_id " + rp.code()
                    + "); repeats are refused");
        }
        if (r instanceof CaseIntake.Result.KeyReused u) {
            return new ApiException(422, "this Idempotency-Key was used for a different report (case " + u.code()
                    + "); use a new key for a new report");
        }
        return ApiException.badRequest("category_code must be one of the codes of GET /api/categories");
    }

    private void housekeeping() {
        Instant now = Instant.now();
        if (Duration.between(lastHousekeeping, now).toSeconds() < 60) return;
        lastHousekeeping = now;
        try {
            limiter.expire();
            intake.expireKeys();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(CaseRoutes.class).warn("case housekeeping failed: {}", e.getMessage());
        }
    }
}
