package gridmap.data.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import gridmap.data.demo.DemoCalendar;

/** Deadlines in working time on the 2026 calendar: weekends, holidays and make-up days (调休). */
class WorkingCalendarTest {
    static final WorkingCalendar CAL = DemoCalendar.calendar();

    static Instant at(String localTime) { return LocalDateTime.parse(localTime).atZone(WorkingCalendar.ZONE).toInstant(); }

    static String local(Instant i) { return LocalDateTime.ofInstant(i, WorkingCalendar.ZONE).toString(); }

    static String add(String start, int amount, Deadline.Unit unit) { return local(CAL.add(at(start), new Deadline(amount, unit))); }

    @Test
    void workingHoursSkipLunchAndTheEvening() {
        assertThat(add("2026-11-25T09:00", 2, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-25T11:00");
        assertThat(add("2026-11-25T11:00", 2, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-25T14:30");
        assertThat(add("2026-11-25T17:00", 2, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-26T10:00");
        // reported in the night: the clock starts at 08:30
        assertThat(add("2026-11-25T22:10", 1, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-26T09:30");
        // ending exactly at noon stays at noon, not at 13:30
        assertThat(add("2026-11-25T08:30", 3, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-25T11:30");
        assertThat(add("2026-11-25T09:00", 3, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-25T12:00");
    }

    @Test
    void aWeekendIsSkipped() {
        // Friday 27 November 2026, 16:30 + 2 working hours: 1 h on Friday, 1 h on Monday
        assertThat(add("2026-11-27T16:30", 2, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-11-30T09:30");
        assertThat(add("2026-11-28T10:00", 1, Deadline.Unit.WORK_HOURS)).as("reported on Saturday").isEqualTo("2026-11-30T09:30");
    }

    @Test
    void publicHolidaysAreSkipped() {
        // National Day: 1–7 October 2026 off; Wednesday 30 September 17:00 + 4 h: 0.5 h that day, the rest on Thursday 8 October
        assertThat(add("2026-09-30T17:00", 4, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-10-08T12:00");
        // Qingming: 4–6 April 2026 (Saturday to Monday)
        assertThat(add("2026-04-03T17:00", 1, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-04-07T09:00");
    }

    @Test
    void makeUpWorkingDaysCount() {
        // Saturday 10 October 2026 is a working day (调休): Friday 9 October 17:00 + 2 h ends on Saturday 10:00
        assertThat(CAL.isWorkingDay(java.time.LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(add("2026-10-09T17:00", 2, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-10-10T10:00");
        // Sunday 20 September 2026 too, while Saturday 19 September is not
        assertThat(add("2026-09-18T17:30", 1, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-09-20T09:30");
        // and without the calendar the same report would wait for Monday
        assertThat(LocalDateTime.ofInstant(WorkingCalendar.weekdaysOnly().add(at("2026-10-09T17:00"),
                new Deadline(2, Deadline.Unit.WORK_HOURS)), WorkingCalendar.ZONE).toString()).isEqualTo("2026-10-12T10:00");
    }

    @Test
    void workingDaysKeepTheTimeOfDay() {
        // Wednesday 10:00 + 5 working days across a weekend: next Wednesday 10:00
        assertThat(add("2026-11-25T10:00", 5, Deadline.Unit.WORK_DAYS)).isEqualTo("2026-12-02T10:00");
        // from the evening: from the next working morning
        assertThat(add("2026-11-25T19:00", 1, Deadline.Unit.WORK_DAYS)).isEqualTo("2026-11-27T08:30");
        // across National Day and the make-up Saturday: 30 Sep + 2 working days = 8 Oct, 9 Oct
        assertThat(add("2026-09-30T10:00", 2, Deadline.Unit.WORK_DAYS)).isEqualTo("2026-10-09T10:00");
        assertThat(add("2026-09-30T10:00", 3, Deadline.Unit.WORK_DAYS)).isEqualTo("2026-10-10T10:00");
    }

    @Test
    void plainHoursRunThroughNightsAndHolidays() {
        assertThat(add("2026-10-01T23:30", 1, Deadline.Unit.HOURS)).isEqualTo("2026-10-02T00:30");
    }

    @Test
    void springFestival2026() {
        // 15–23 February off, Saturdays 14 and 28 February worked
        assertThat(CAL.isWorkingDay(java.time.LocalDate.parse("2026-02-14"))).isTrue();
        assertThat(add("2026-02-13T17:00", 1, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-02-14T09:00");
        assertThat(add("2026-02-14T17:00", 1, Deadline.Unit.WORK_HOURS)).isEqualTo("2026-02-24T09:00");
    }
}
