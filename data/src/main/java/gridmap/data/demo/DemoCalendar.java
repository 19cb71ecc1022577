package gridmap.data.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import gridmap.data.cases.WorkingCalendar;

/**
 * The example working calendar the demo ships: the public holidays and make-up working days of
 * 2025 and 2026 as the State Council announced them (国务院办公厅关于部分节假日安排的通知).
 */
public final class DemoCalendar {
    private DemoCalendar() {}

    public record Day(LocalDate day, WorkingCalendar.DayKind kind, String name) {}

    public static final List<Integer> YEARS = List.of(2025, 2026);

    public static List<Day> days() {
        List<Day> d = new ArrayList<>();
        // 2025
        holidays(d, "2025-01-01", 1, "元旦");
        holidays(d, "2025-01-28", 8, "春节");
        workday(d, "2025-01-26", "春节调休");
        workday(d, "2025-02-08", "春节调休");
        holidays(d, "2025-04-04", 3, "清明节");
        holidays(d, "2025-05-01", 5, "劳动节");
        workday(d, "2025-04-27", "劳动节调休");
        holidays(d, "2025-05-31", 3, "端午节");
        holidays(d, "2025-10-01", 8, "国庆节、中秋节");
        workday(d, "2025-09-28", "国庆节调休");
        workday(d, "2025-10-11", "国庆节调休");
        // 2026
        holidays(d, "2026-01-01", 3, "元旦");
        workday(d, "2026-01-04", "元旦调休");
        holidays(d, "2026-02-15", 9, "春节");
        workday(d, "2026-02-14", "春节调休");
        workday(d, "2026-02-28", "春节调休");
        holidays(d, "2026-04-04", 3, "清明节");
        holidays(d, "2026-05-01", 5, "劳动节");
        workday(d, "2026-05-09", "劳动节调休");
        holidays(d, "2026-06-19", 3, "端午节");
        holidays(d, "2026-09-25", 3, "中秋节");
        holidays(d, "2026-10-01", 7, "国庆节");
        workday(d, "2026-09-20", "国庆节调休");
        workday(d, "2026-10-10", "国庆节调休");
        return d;
    }

    public static WorkingCalendar calendar() {
        Map<LocalDate, WorkingCalendar.DayKind> m = new HashMap<>();
        for (Day d : days()) m.put(d.day(), d.kind());
        return new WorkingCalendar(Map.of(), m);
    }

    private static void holidays(List<Day> out, String first, int n, String name) {
        LocalDate d = LocalDate.parse(first);
        for (int i = 0; i < n; i++) out.add(new Day(d.plusDays(i), WorkingCalendar.DayKind.HOLIDAY, name));
    }

    private static void workday(List<Day> out, String day, String name) {
        out.add(new Day(LocalDate.parse(day), WorkingCalendar.DayKind.WORKDAY, name));
    }
}
