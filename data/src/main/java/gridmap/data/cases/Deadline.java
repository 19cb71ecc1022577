package gridmap.data.cases;

import java.util.Arrays;
import java.util.Optional;

/** A time allowed for one step: so many working hours, working days, or plain hours. */
public record Deadline(int amount, Unit unit) {
    public static final int MAX_AMOUNT = 1000;

    public Deadline {
        if (amount < 1 || amount > MAX_AMOUNT) throw new IllegalArgumentException("amount must be from 1 to " + MAX_AMOUNT);
        if (unit == null) throw new IllegalArgumentException("unit is required");
    }

    public enum Unit {
        /** Hours of office time on working days (the calendar's hours, holidays skipped). */
        WORK_HOURS("work_hours"),
        /** Whole working days: the same working time of day, so many working days later. */
        WORK_DAYS("work_days"),
        /** Hours round the clock, for emergencies. */
        HOURS("hours");

        public final String db;

        Unit(String db) { this.db = db; }

        public static Optional<Unit> byDb(String db) {
            return Arrays.stream(values()).filter(u -> u.db.equals(db)).findFirst();
        }
    }
}
