package gridmap.data.cases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A KPI period (whole days, {@code from} to {@code to} inclusive) as whole months of the monthly
 * summary plus or minus the days at its edges, read from the cases: each edge month is either
 * added day by day, or taken whole with the days outside the period subtracted, whichever reads
 * fewer days (at most half a month per edge). A year from the 29th of November to the 28th
 * reads 13 months and subtracts 4 days.
 *
 * @param monthsFrom first month of the summary taken (its 1st), inclusive
 * @param monthsUntil first month not taken; equal to {@code monthsFrom} when none is
 * @param days the edge days, each run of days with the sign it is counted with
 */
public record KpiPeriod(LocalDate monthsFrom, LocalDate monthsUntil, List<Days> days) {
    /** Days {@code from} inclusive to {@code until} exclusive, counted with {@code sign} (+1 or −1). */
    public record Days(int sign, LocalDate from, LocalDate until) {}

    public static KpiPeriod of(LocalDate from, LocalDate to) {
        LocalDate end = to.plusDays(1), first = from.withDayOfMonth(1), last = end.withDayOfMonth(1);
        List<Days> days = new ArrayList<>();
        if (!end.isAfter(from)) return new KpiPeriod(first, first, days);
        if (first.equals(last)) { // both edges in one month, not its 1st: the days, or the month less the others
            LocalDate next = first.plusMonths(1);
            if (length(from, end) <= length(first, next) - length(from, end)) {
                days.add(new Days(1, from, end));
                return new KpiPeriod(first, first, days);
            }
            add(days, -1, first, from);
            add(days, -1, end, next);
            return new KpiPeriod(first, next, days);
        }
        LocalDate monthsFrom = first, monthsUntil = last;
        if (!from.equals(first)) {
            LocalDate next = first.plusMonths(1);
            if (length(from, next) <= length(first, from)) {
                add(days, 1, from, next);
                monthsFrom = next;
            } else {
                add(days, -1, first, from);
            }
        }
        if (!end.equals(last)) {
            LocalDate next = last.plusMonths(1);
            if (length(last, end) <= length(end, next)) {
                add(days, 1, last, end);
            } else {
                add(days, -1, end, next);
                monthsUntil = next;
            }
        }
        return new KpiPeriod(monthsFrom, monthsUntil, days);
    }

    public boolean hasMonths() { return monthsUntil.isAfter(monthsFrom); }

    /** How many days are read from the cases. */
    public long edgeDays() { return days.stream().mapToLong(d -> length(d.from(), d.until())).sum(); }

    private static void add(List<Days> days, int sign, LocalDate from, LocalDate until) {
        if (until.isAfter(from)) days.add(new Days(sign, from, until));
    }

    private static long length(LocalDate from, LocalDate until) { return ChronoUnit.DAYS.between(from, until); }
}
