package gridmap.server.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gridmap.data.audit.Actor;
import gridmap.data.privacy.PersonalData;

/**
 * How long residents' details stay after a case has finished ({@code GRIDMAP_RETENTION_YEARS},
 * default 3; 0 switches the automatic run off), and the daily run that anonymises what is due.
 * Several servers may run it at once: each batch skips rows another server holds.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    public static final int DEFAULT_YEARS = 3;

    private final PersonalData data;
    private final int years;
    private final Clock clock;

    public Retention(PersonalData data, int years, Clock clock) {
        if (years < 0 || years > 100) throw new IllegalArgumentException("retention years must be 0..100");
        this.data = data;
        this.years = years;
        this.clock = clock;
    }

    /** From GRIDMAP_RETENTION_YEARS; a malformed value stops the start with a clear message. */
    public static int yearsFromEnv() {
        String v = System.getenv("GRIDMAP_RETENTION_YEARS");
        if (v == null || v.isBlank()) return DEFAULT_YEARS;
        if (!v.strip().matches("\\d{1,3}")) throw new IllegalArgumentException("GRIDMAP_RETENTION_YEARS must be a whole number of years, not '" + v + "'");
        return Integer.parseInt(v.strip());
    }

    public int years() { return years; }

    public boolean enabled() { return years > 0; }

    /** Cases that finished before this instant are due. */
    public Instant cutoff() { return clock.instant().atOffset(ZoneOffset.UTC).minusYears(years).toInstant(); }

    public PersonalData.RetentionReport run(Actor actor, boolean dryRun) throws java.sql.SQLException {
        return data.anonymiseFinishedBefore(actor, cutoff(), dryRun);
    }

    /** Runs once a day (the first an hour after start), while the server runs; never throws. */
    public ScheduledExecutorService schedule() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gridmap-retention");
            t.setDaemon(true);
            return t;
        });
        if (!enabled()) return s;
        s.scheduleAtFixedRate(() -> {
            try {
                PersonalData.RetentionReport r = run(Actor.system("retention"), false);
                if (r.cases() > 0) LOG.info("retention: anonymised {} cases finished before {} ({} photos removed)", r.cases(), r.cutoff(), r.photos());
            } catch (Exception e) {
                LOG.warn("retention run failed; it will be tried again tomorrow: {}", e.getMessage());
            }
        }, 1, 24, TimeUnit.HOURS);
        return s;
    }

    public static Map<String, Object> describe(PersonalData.RetentionReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", r.cutoff().toString());
        m.put("dry_run", r.dryRun());
        m.put("cases", r.cases());
        m.put("reporters_anonymised", r.reporters());
        m.put("photos_removed", r.photos());
        m.put("case_codes", r.caseCodes());
        return m;
    }
}
