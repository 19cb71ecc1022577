package gridmap.data.cases;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Categories with their deadlines and the working calendar, held in memory for intake and the
 * workflow (every report needs them). Reloaded after an edit through this server and at the
 * latest after {@link #MAX_AGE}, so that other servers' edits arrive within that time.
 */
public final class ReferenceData {
    public static final Duration MAX_AGE = Duration.ofSeconds(30);

    public record Snapshot(Map<String, Category> categories, WorkingCalendar calendar, Instant loadedAt) {}

    private final CategoryRepository categories;
    private final CalendarRepository calendar;
    private final Clock clock;
    private volatile Snapshot current;

    public ReferenceData(DataSource ds) { this(ds, Clock.systemUTC()); }

    public ReferenceData(DataSource ds, Clock clock) {
        this.categories = new CategoryRepository(ds);
        this.calendar = new CalendarRepository(ds);
        this.clock = clock;
    }

    public Snapshot get() throws SQLException {
        Snapshot s = current;
        if (s == null || Duration.between(s.loadedAt(), clock.instant()).compareTo(MAX_AGE) > 0) {
            s = new Snapshot(categories.all(), calendar.load(), clock.instant());
            current = s;
        }
        return s;
    }

    /** Forget the snapshot: the next read loads the edited data. */
    public void invalidate() { current = null; }
}
