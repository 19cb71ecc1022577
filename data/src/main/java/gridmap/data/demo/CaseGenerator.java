package gridmap.data.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;

import gridmap.data.cases.Deadline;
import gridmap.data.cases.WorkingCalendar;
import gridmap.data.demo.DemoModel.Case;
import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Department;
import gridmap.data.demo.DemoModel.Event;
import gridmap.data.demo.DemoModel.Reporter;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.SeededPoints;

/**
 * About 2,000 cases over the 120 days before the reference time, placed in cells in proportion
 * to their households, each walked through the workflow as far as its drawn final state (or as
 * far as the reference time allows), with step times drawn around the category's deadlines on
 * the demo's working calendar, so that some are late, some reworked, some parked.
 */
final class CaseGenerator {
    /** code → {handling deadline as V20 migrates it, a typical description}. */
    static final Map<String, Object[]> CATEGORIES = Map.ofEntries(
            Map.entry("0101", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "发现私自搭建彩钢棚，占用公共绿地"}),
            Map.entry("0102", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "路边有暴露垃圾未及时清运"}),
            Map.entry("0103", new Object[] {new Deadline(2, Deadline.Unit.WORK_HOURS), "人行道油污、落叶较多，道路不洁"}),
            Map.entry("0104", new Object[] {new Deadline(8, Deadline.Unit.WORK_HOURS), "建筑材料堆放在小区公共通道"}),
            Map.entry("0201", new Object[] {new Deadline(8, Deadline.Unit.WORK_HOURS), "电线杆上张贴小广告"}),
            Map.entry("0202", new Object[] {new Deadline(24, Deadline.Unit.WORK_HOURS), "商铺门前设置违规广告牌"}),
            Map.entry("0301", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "夜间施工噪声扰民"}),
            Map.entry("0302", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "渣土车沿路撒漏"}),
            Map.entry("0401", new Object[] {new Deadline(2, Deadline.Unit.WORK_HOURS), "流动摊贩占道经营"}),
            Map.entry("0402", new Object[] {new Deadline(2, Deadline.Unit.WORK_HOURS), "机动车占用消防通道停放"}),
            Map.entry("0501", new Object[] {new Deadline(1, Deadline.Unit.HOURS), "路面出现塌陷坑"}),
            Map.entry("0502", new Object[] {new Deadline(2, Deadline.Unit.HOURS), "降雨后路口积水较深"}),
            Map.entry("1101", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "雨水井盖破损，存在安全隐患"}),
            Map.entry("1102", new Object[] {new Deadline(24, Deadline.Unit.WORK_HOURS), "路灯夜间不亮"}),
            Map.entry("1201", new Object[] {new Deadline(24, Deadline.Unit.WORK_HOURS), "交通标志牌倾斜损坏"}),
            Map.entry("1301", new Object[] {new Deadline(8, Deadline.Unit.WORK_HOURS), "垃圾箱破损"}),
            Map.entry("1401", new Object[] {new Deadline(5, Deadline.Unit.WORK_DAYS), "绿地杂草丛生，需要养护"}),
            Map.entry("1501", new Object[] {new Deadline(8, Deadline.Unit.WORK_HOURS), "消防栓漏水"}),
            // water (major 06 水环境, V31): reported beside the rivers by WaterCaseGenerator, not drawn here
            Map.entry("0601", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "河面出现大片油污，水体发黑有异味"}),
            Map.entry("0602", new Object[] {new Deadline(8, Deadline.Unit.WORK_HOURS), "河道内漂浮大量生活垃圾"}),
            Map.entry("0603", new Object[] {new Deadline(4, Deadline.Unit.WORK_HOURS), "排污口夜间排放浑浊废水"}));
    private static final String[] CATEGORY_CODES = CATEGORIES.keySet().stream().filter(c -> !c.startsWith("06")).sorted()
            .toArray(String[]::new);

    /** The demo's departments and the categories each handles by default. */
    static final List<Department> DEPARTMENTS = List.of(
            new Department("chengguan", "城市管理行政执法局", "City Management Enforcement Bureau",
                    List.of("0101", "0104", "0201", "0202", "0301", "0302", "0401", "0402")),
            new Department("municipal", "市政设施管理处", "Municipal Facilities Office", List.of("0501", "0502", "1101", "1102", "1201", "1501")),
            new Department("sanitation", "环境卫生管理处", "Sanitation Office", List.of("0102", "0103", "1301")),
            new Department("landscape", "园林绿化管理处", "Landscaping Office", List.of("1401")),
            new Department("water", "水务局", "Water Affairs Bureau", List.of("0601", "0602", "0603")));

    // register, dispatch and verify take these (as V20 sets them); handle comes from the category
    private static final Deadline REGISTER = new Deadline(1, Deadline.Unit.WORK_HOURS);
    private static final Deadline DISPATCH = new Deadline(1, Deadline.Unit.WORK_HOURS);
    private static final Deadline VERIFY = new Deadline(4, Deadline.Unit.WORK_HOURS);
    private static final Deadline VERIFY_EMERGENCY = new Deadline(2, Deadline.Unit.HOURS);

    private static final String[] FINAL = {"reported", "registered", "dispatched", "in_progress", "handled", "closed", "closed_not_fixed",
        "rejected", "parked"};
    private static final double[] FINAL_WEIGHT = {0.04, 0.05, 0.08, 0.08, 0.05, 0.62, 0.03, 0.03, 0.02};
    private static final String[] SOURCES = {"patrol", "citizen", "hotline", "video", "referral"};
    private static final double[] SOURCE_WEIGHT = {0.55, 0.2, 0.15, 0.07, 0.03};
    private static final String[] PRIORITIES = {"normal", "high", "urgent"};
    private static final double[] PRIORITY_WEIGHT = {0.85, 0.12, 0.03};

    private final Random rng;
    private final WorkingCalendar calendar = DemoCalendar.calendar();

    CaseGenerator(Random rng) { this.rng = rng; }

    List<Case> generate(int count, List<Unit> units, List<Cell> cells) {
        double[] cum = new double[cells.size()];
        double acc = 0;
        for (int i = 0; i < cells.size(); i++) { acc += cells.get(i).households() + 1; cum[i] = acc; }
        List<Case> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            double r = rng.nextDouble() * acc;
            int ci = 0;
            while (cum[ci] < r) ci++;
            out.add(one(units, cells.get(ci)));
        }
        // the loader numbers cases in this order: by report time
        out.sort(Comparator.comparing(Case::reportedAt).thenComparing(Case::cellCode));
        return out;
    }

    private Case one(List<Unit> units, Cell cell) {
        Coordinate p = SeededPoints.uniform(cell.geom(), 1, rng).get(0);
        String category = CATEGORY_CODES[rng.nextInt(CATEGORY_CODES.length)];
        return one(units, cell, p, category, FINAL[DemoNames.pick(rng, FINAL_WEIGHT)], SOURCES[DemoNames.pick(rng, SOURCE_WEIGHT)],
                120, DemoNames.address(rng, units.get(cell.communityIndex()).name()));
    }

    /**
     * A case of the category at p in the cell, reported within the last daysBack days and walked
     * towards the target state (as far as the reference time allows).
     */
    Case one(List<Unit> units, Cell cell, Coordinate p, String category, String target, String source, int daysBack, String address) {
        Deadline handle = (Deadline) CATEGORIES.get(category)[0];
        Deadline verify = category.startsWith("05") ? VERIFY_EMERGENCY : VERIFY;
        int community = cell.communityIndex();
        int district = units.get(units.get(community).parentIndex()).parentIndex();
        String command = units.get(district).code().equals(TonglingDemoGenerator.DEMO_WORKER_COMMUNITY.substring(0, 6)) ? "dispatcher" : "admin";
        String worker = cell.workerUsername();
        String department = DEPARTMENTS.stream().filter(d -> d.categoryCodes().contains(category)).findFirst().orElseThrow().code();
        boolean toDepartment = rng.nextDouble() < 0.6;

        Instant end = TonglingDemoGenerator.REFERENCE_TIME.toInstant();
        Instant reported = TonglingDemoGenerator.REFERENCE_TIME.minusDays(1 + rng.nextInt(daysBack))
                .withHour(7 + rng.nextInt(12)).withMinute(rng.nextInt(60)).toInstant();
        String reporterUser = source.equals("patrol") ? worker : command;
        Walk w = new Walk(reported, end);
        w.event("report", null, "reported", reported, reporterUser, null, null, null);
        w.due = calendar.add(reported, REGISTER);
        String status = "reported";
        if (!target.equals("reported") && w.step(REGISTER)) {
            if (target.equals("rejected")) {
                w.event("reject", status, "rejected", w.t, command, "非本系统受理范围，已告知来电人转交相关部门", null, null);
                w.closed = w.t;
                w.due = null;
                status = "rejected";
            } else {
                w.event("register", status, "registered", w.t, command, null, null, null);
                w.registered = w.t;
                w.due = calendar.add(w.t, DISPATCH);
                status = "registered";
            }
        }
        if (status.equals("registered") && !target.equals("registered") && w.step(DISPATCH)) {
            String assignee = toDepartment ? null : worker;
            String dept = toDepartment ? department : null;
            if (target.equals("parked")) {
                w.event("park", status, "parked", w.t, command, "涉及产权争议，待相关部门协调后处理", null, null);
                w.due = null;
                w.note = "涉及产权争议，待相关部门协调后处理";
                status = "parked";
            } else {
                w.event("dispatch", status, "dispatched", w.t, command, null, assignee, dept);
                w.dispatched = w.t;
                w.assignee = assignee;
                w.department = dept;
                w.closeDue = calendar.add(calendar.add(w.t, handle), verify);
                w.due = calendar.add(w.t, handle);
                status = "dispatched";
            }
        }
        String handler = w.assignee != null ? worker : command;
        boolean rework = rng.nextDouble() < 0.12;
        while (status.equals("dispatched") && !target.equals("dispatched")) {
            if (!w.step(new Deadline(1, Deadline.Unit.WORK_HOURS), 0.05, 0.5)) break;
            w.event("start", status, "in_progress", w.t, handler, null, null, null);
            status = "in_progress";
            if (target.equals("in_progress")) break;
            if (target.equals("closed_not_fixed")) {
                if (w.step(handle)) {
                    w.event("close_not_fixed", status, "closed_not_fixed", w.t, command, "设施产权单位不明，暂无法修复，已登记备案", null, null);
                    w.closed = w.t;
                    w.due = null;
                    w.note = "设施产权单位不明，暂无法修复，已登记备案";
                    status = "closed_not_fixed";
                }
                break;
            }
            if (!w.step(handle, 0.2, 1.5)) break;
            w.event("handle", status, "handled", w.t, handler, "已到场处置完毕，现场已恢复", null, null);
            w.handled = w.t;
            w.due = calendar.add(w.t, verify);
            status = "handled";
            if (target.equals("handled")) break;
            if (!w.step(verify, 0.2, 1.2)) break;
            if (rework) {
                rework = false;
                w.event("fail_verification", status, "dispatched", w.t, worker, "现场核查未整改到位，退回重新处置", null, null);
                w.reworks++;
                w.due = calendar.add(w.t, handle);
                w.note = "现场核查未整改到位，退回重新处置";
                status = "dispatched";
                continue;
            }
            w.event("verify", status, "closed", w.t, worker, null, null, null);
            w.closed = w.t;
            w.due = null;
            w.note = null;
            status = "closed";
        }
        Reporter reporter = null;
        if ((source.equals("citizen") || source.equals("hotline")) && rng.nextDouble() < 0.7) {
            reporter = new Reporter(DemoNames.person(rng), "1" + (3 + rng.nextInt(7)) + String.format("%09d", rng.nextInt(1_000_000_000)),
                    rng.nextBoolean() ? "phone" : "sms");
        }
        Instant updated = w.events.get(w.events.size() - 1).at().toInstant();
        return new Case(category, status, source, PRIORITIES[DemoNames.pick(rng, PRIORITY_WEIGHT)], (String) CATEGORIES.get(category)[1],
                address, TonglingDemoGenerator.point(p), cell.code(), community, district,
                w.assignee != null || w.department != null ? w.assignee : worker, w.department, t(reported), t(w.registered), t(w.dispatched),
                t(w.handled), t(w.closed), t(w.due), t(w.closeDue), w.reworks, w.note, t(updated), reporter, List.copyOf(w.events));
    }

    private static OffsetDateTime t(Instant i) { return i == null ? null : i.atOffset(ZoneOffset.ofHours(8)); }

    /** A case's clock as it moves: the current time, what has happened, stopping at the reference time. */
    private final class Walk {
        Instant t, registered, dispatched, handled, closed, due, closeDue;
        final Instant end;
        String assignee, department, note;
        int reworks;
        final List<Event> events = new ArrayList<>();

        Walk(Instant start, Instant end) {
            this.t = start;
            this.end = end;
        }

        /** Advances by a step taking 10%–140% of its deadline; false if that passes the reference time. */
        boolean step(Deadline d) { return step(d, 0.1, 1.4); }

        boolean step(Deadline d, double min, double max) {
            Instant next = calendar.addFraction(t, d, min + (max - min) * rng.nextDouble());
            if (next.isAfter(end)) return false;
            t = next;
            return true;
        }

        void event(String action, String from, String to, Instant at, String actor, String note, String assignee, String dept) {
            events.add(new Event(action, from, to, CaseGenerator.t(at), actor, note, assignee, dept));
        }
    }

}
