package gridmap.data.cases;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * Working time in China (UTC+8): Monday to Friday, a morning and an afternoon period each
 * working day, except public holidays (放假) and plus make-up working days on weekends (调休).
 * Immutable; deadlines are computed with it in memory, the data comes from
 * {@link CalendarRepository}. A year without its own office hours uses the default hours.
 */
public final class WorkingCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** How far a deadline may reach: no step takes longer than this many calendar days. */
    static final int MAX_DAYS = 3660;

    public record Hours(LocalTime morningStart, LocalTime morningEnd, LocalTime afternoonStart, LocalTime afternoonEnd) {
        public static final Hours DEFAULT = new Hours(LocalTime.of(8, 30), LocalTime.of(12, 0), LocalTime.of(13, 30), LocalTime.of(17, 30));

        public Hours {
            if (!(morningStart.isBefore(morningEnd) && !morningEnd.isAfter(afternoonStart) && afternoonStart.isBefore(afternoonEnd))) {
                throw new IllegalArgumentException("office hours must run morning start < morning end <= afternoon start < afternoon end");
            }
        }

        LocalTime[][] periods() { return new LocalTime[][] {{morningStart, morningEnd}, {afternoonStart, afternoonEnd}}; }
    }

    public enum DayKind { HOLIDAY, WORKDAY }

    private final Map<Integer, Hours> hoursByYear;
    private final Map<LocalDate, DayKind> exceptions;

    public WorkingCalendar(Map<Integer, Hours> hoursByYear, Map<LocalDate, DayKind> exceptions) {
        this.hoursByYear = Map.copyOf(hoursByYear);
        this.exceptions = Map.copyOf(exceptions);
    }

    /** Weekends off, no holidays, default hours. */
    public static WorkingCalendar weekdaysOnly() { return new WorkingCalendar(Map.of(), Map.of()); }

    public boolean isWorkingDay(LocalDate d) {
        DayKind k = exceptions.get(d);
        if (k != null) return k == DayKind.WORKDAY;
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public Hours hours(int year) { return hoursByYear.getOrDefault(year, Hours.DEFAULT); }

    /** The deadline of a step that starts at {@code start}. */
    public Instant add(Instant start, Deadline d) {
        return switch (d.unit()) {
            case HOURS -> start.plus(Duration.ofHours(d.amount()));
            case WORK_HOURS -> addWorkingMinutes(start, d.amount() * 60L);
            case WORK_DAYS -> addWorkingDays(start, d.amount());
        };
    }

    /** A fraction of a deadline (for generated data: a step that took 30% of its time). */
    public Instant addFraction(Instant start, Deadline d, double fraction) {
        long minutes = Math.max(1, Math.round(d.amount() * 60 * fraction));
        return switch (d.unit()) {
            case HOURS -> start.plus(Duration.ofMinutes(minutes));
            case WORK_HOURS -> addWorkingMinutes(start, minutes);
            case WORK_DAYS -> addWorkingMinutes(start, Math.round(minutes * workingMinutesPerDay(start) / 60.0));
        };
    }

    private long workingMinutesPerDay(Instant at) {
        Hours h = hours(LocalDateTime.ofInstant(at, ZONE).getYear());
        return Duration.between(h.morningStart(), h.morningEnd()).toMinutes() + Duration.between(h.afternoonStart(), h.afternoonEnd()).toMinutes();
    }

    /** Counts working minutes from start; a deadline that lands on the end of a period stays there. */
    Instant addWorkingMinutes(Instant start, long minutes) {
        LocalDateTime t = LocalDateTime.ofInstant(start, ZONE);
        long remaining = minutes;
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = t.toLocalDate();
            if (isWorkingDay(day)) {
                for (LocalTime[] p : hours(day.getYear()).periods()) {
                    LocalDateTime s = day.atTime(p[0]), e = day.atTime(p[1]);
                    if (!t.isBefore(e)) continue;
                    LocalDateTime begin = t.isAfter(s) ? t : s;
                    long available = Duration.between(begin, e).toMinutes();
                    if (remaining <= available) return begin.plusMinutes(remaining).atZone(ZONE).toInstant();
                    remaining -= available;
                    t = e;
                }
            }
            t = day.plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /**
     * From the first working moment at or after start, the same time of day so many working
     * days later (clamped into that day's office hours if a year's hours differ).
     */
    Instant addWorkingDays(Instant start, int days) {
        LocalDateTime t0 = LocalDateTime.ofInstant(nextWorkingMoment(start), ZONE);
        LocalDate day = t0.toLocalDate();
        for (int n = 0, i = 0; n < days; i++) {
            if (i > MAX_DAYS) throw new IllegalStateException("too few working days after " + start);
            day = day.plusDays(1);
            if (isWorkingDay(day)) n++;
        }
        Hours h = hours(day.getYear());
        LocalTime tod = t0.toLocalTime();
        if (tod.isBefore(h.morningStart())) tod = h.morningStart();
        if (tod.isAfter(h.afternoonEnd())) tod = h.afternoonEnd();
        return day.atTime(tod).atZone(ZONE).toInstant();
    }

    /** start itself when it lies in office hours, else the start of the next working period. */
    public Instant nextWorkingMoment(Instant start) {
        LocalDateTime t = LocalDateTime.ofInstant(start, ZONE);
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = t.toLocalDate();
            if (isWorkingDay(day)) {
                for (LocalTime[] p : hours(day.getYear()).periods()) {
                    LocalDateTime s = day.atTime(p[0]), e = day.atTime(p[1]);
                    if (t.isBefore(e)) return (t.isAfter(s) ? t : s).atZone(ZONE).toInstant();
                }
            }
            t = day.plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }
}
