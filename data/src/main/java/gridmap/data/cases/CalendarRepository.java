package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.UnprocessableException;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/** The working calendar: office hours per year and the holidays and make-up days, edited a year at a time. */
public final class CalendarRepository {
    private final DataSource ds;

    public CalendarRepository(DataSource ds) { this.ds = ds; }

    public WorkingCalendar load() throws SQLException {
        Map<Integer, WorkingCalendar.Hours> hours = new HashMap<>();
        Map<LocalDate, WorkingCalendar.DayKind> days = new HashMap<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT year, morning_start, morning_end, afternoon_start, afternoon_end FROM work_calendar_year");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours.put(rs.getInt(1), new WorkingCalendar.Hours(rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class),
                            rs.getObject(4, LocalTime.class), rs.getObject(5, LocalTime.class)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT day, kind FROM work_calendar_day"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getObject(1, LocalDate.class),
                            "holiday".equals(rs.getString(2)) ? WorkingCalendar.DayKind.HOLIDAY : WorkingCalendar.DayKind.WORKDAY);
                }
            }
        }
        return new WorkingCalendar(hours, days);
    }

    /** One year as JSON: whether it was set up, its office hours and its exception days. */
    public String yearJson(int year) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT json_build_object('year', ?::int, 'defined', y.year IS NOT NULL,
                  'morning_start', to_char(coalesce(y.morning_start, '08:30'), 'HH24:MI'),
                  'morning_end', to_char(coalesce(y.morning_end, '12:00'), 'HH24:MI'),
                  'afternoon_start', to_char(coalesce(y.afternoon_start, '13:30'), 'HH24:MI'),
                  'afternoon_end', to_char(coalesce(y.afternoon_end, '17:30'), 'HH24:MI'),
                  'version', coalesce(y.version, -1),
                  'days', (SELECT coalesce(json_agg(json_build_object('day', d.day, 'kind', d.kind, 'name', d.name) ORDER BY d.day), '[]')
                           FROM work_calendar_day d WHERE extract(year FROM d.day) = ?))::text
                FROM (SELECT 1) one LEFT JOIN work_calendar_year y ON y.year = ?""")) {
            ps.setInt(1, year);
            ps.setInt(2, year);
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    public record Day(LocalDate day, WorkingCalendar.DayKind kind, String name) {}

    /**
     * Replaces a year: its office hours and all its exception days, in one transaction with its
     * audit row. version: the year's current version, or -1 for a year not set up yet.
     */
    public void replaceYear(Actor actor, int year, WorkingCalendar.Hours hours, List<Day> days, int version) throws SQLException {
        for (Day d : days) {
            if (d.day().getYear() != year) throw new UnprocessableException(d.day() + " is not in " + year);
            if (d.kind() == WorkingCalendar.DayKind.WORKDAY && d.day().getDayOfWeek().getValue() < 6) {
                throw new UnprocessableException(d.day() + " is a " + d.day().getDayOfWeek()
                        + "; a make-up working day (调休上班) is a Saturday or Sunday");
            }
        }
        if (days.stream().map(Day::day).distinct().count() != days.size()) throw new UnprocessableException("a day is listed twice");
        Tx.run(ds, c -> {
            String before = yearJson(c, year);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO work_calendar_year AS y (year, morning_start, morning_end, afternoon_start, afternoon_end)
                    SELECT ?, ?, ?, ?, ? WHERE ? = -1
                    ON CONFLICT (year) DO NOTHING""")) {
                ps.setInt(1, year);
                ps.setObject(2, hours.morningStart());
                ps.setObject(3, hours.morningEnd());
                ps.setObject(4, hours.afternoonStart());
                ps.setObject(5, hours.afternoonEnd());
                ps.setInt(6, version);
                int inserted = ps.executeUpdate();
                if (inserted == 0) {
                    try (PreparedStatement up = c.prepareStatement("""
                            UPDATE work_calendar_year SET morning_start = ?, morning_end = ?, afternoon_start = ?, afternoon_end = ?,
                              version = version + 1 WHERE year = ? AND version = ?""")) {
                        up.setObject(1, hours.morningStart());
                        up.setObject(2, hours.morningEnd());
                        up.setObject(3, hours.afternoonStart());
                        up.setObject(4, hours.afternoonEnd());
                        up.setInt(5, year);
                        up.setInt(6, version);
                        if (up.executeUpdate() == 0) {
                            throw new gridmap.data.ConflictException("the calendar of " + year + " was changed by someone else (or set up already); reload it and try again");
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM work_calendar_day WHERE day >= ? AND day < ?")) {
                ps.setObject(1, LocalDate.of(year, 1, 1));
                ps.setObject(2, LocalDate.of(year + 1, 1, 1));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_calendar_day (day, kind, name) VALUES (?, ?, ?)")) {
                for (Day d : days) {
                    ps.setObject(1, d.day());
                    ps.setString(2, d.kind() == WorkingCalendar.DayKind.HOLIDAY ? "holiday" : "workday");
                    ps.setString(3, d.name() == null ? "" : d.name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            AuditLog.write(c, actor, "calendar.update", "work_calendar_year", year, before, yearJson(c, year));
            return null;
        });
    }

    private static String yearJson(Connection c, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT json_build_object('hours', (SELECT to_jsonb(y) FROM work_calendar_year y WHERE year = ?),
                  'days', (SELECT json_agg(json_build_object('day', day, 'kind', kind, 'name', name) ORDER BY day)
                           FROM work_calendar_day WHERE extract(year FROM day) = ?))::text""")) {
            ps.setInt(1, year);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getString(1); }
        }
    }
}
