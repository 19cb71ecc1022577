package gridmap.data.demo;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;

import gridmap.data.demo.DemoModel.Case;
import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.SeededPoints;

/** About 2,000 cases over the last 120 days, placed in cells in proportion to their households. */
final class CaseGenerator {
    /** code → {deadline in hours, description}; mirrors V2__case_categories.sql. */
    static final Map<String, Object[]> CATEGORIES = Map.ofEntries(
            Map.entry("0101", new Object[] {4, "发现私自搭建彩钢棚，占用公共绿地"}),
            Map.entry("0102", new Object[] {4, "路边有暴露垃圾未及时清运"}),
            Map.entry("0103", new Object[] {2, "人行道油污、落叶较多，道路不洁"}),
            Map.entry("0104", new Object[] {8, "建筑材料堆放在小区公共通道"}),
            Map.entry("0201", new Object[] {8, "电线杆上张贴小广告"}),
            Map.entry("0202", new Object[] {24, "商铺门前设置违规广告牌"}),
            Map.entry("0301", new Object[] {4, "夜间施工噪声扰民"}),
            Map.entry("0302", new Object[] {4, "渣土车沿路撒漏"}),
            Map.entry("0401", new Object[] {2, "流动摊贩占道经营"}),
            Map.entry("0402", new Object[] {2, "机动车占用消防通道停放"}),
            Map.entry("0501", new Object[] {1, "路面出现塌陷坑"}),
            Map.entry("0502", new Object[] {2, "降雨后路口积水较深"}),
            Map.entry("1101", new Object[] {4, "雨水井盖破损，存在安全隐患"}),
            Map.entry("1102", new Object[] {24, "路灯夜间不亮"}),
            Map.entry("1201", new Object[] {24, "交通标志牌倾斜损坏"}),
            Map.entry("1301", new Object[] {8, "垃圾箱破损"}),
            Map.entry("1401", new Object[] {40, "绿地杂草丛生，需要养护"}),
            Map.entry("1501", new Object[] {8, "消防栓漏水"}));
    private static final String[] CATEGORY_CODES = CATEGORIES.keySet().stream().sorted().toArray(String[]::new);
    private static final String[] STATUSES = {"reported", "registered", "dispatched", "in_progress", "handled", "closed", "closed_not_fixed", "rejected", "parked"};
    private static final double[] STATUS_WEIGHT = {0.05, 0.06, 0.1, 0.1, 0.06, 0.55, 0.03, 0.03, 0.02};
    private static final String[] SOURCES = {"patrol", "citizen", "hotline", "video", "referral"};
    private static final double[] SOURCE_WEIGHT = {0.55, 0.2, 0.15, 0.07, 0.03};

    private final Random rng;

    CaseGenerator(Random rng) { this.rng = rng; }

    List<Case> generate(int count, List<Unit> units, List<Cell> cells) {
        double[] cum = new double[cells.size()];
        double acc = 0;
        for (int i = 0; i < cells.size(); i++) { acc += cells.get(i).households() + 1; cum[i] = acc; }

        List<Case> drafts = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double r = rng.nextDouble() * acc;
            int ci = 0;
            while (cum[ci] < r) ci++;
            Cell cell = cells.get(ci);
            Coordinate p = SeededPoints.uniform(cell.geom(), 1, rng).get(0);
            String category = CATEGORY_CODES[rng.nextInt(CATEGORY_CODES.length)];
            int deadline = (Integer) CATEGORIES.get(category)[0];
            String status = STATUSES[pick(STATUS_WEIGHT)];
            OffsetDateTime reported = TonglingDemoGenerator.REFERENCE_TIME
                    .minusDays(1 + rng.nextInt(120)).withHour(7 + rng.nextInt(12)).withMinute(rng.nextInt(60));
            boolean dispatched = !status.equals("reported") && !status.equals("registered") && !status.equals("rejected");
            OffsetDateTime due = dispatched ? reported.plusHours(deadline) : null;
            boolean closed = status.startsWith("closed") || status.equals("rejected");
            OffsetDateTime closedAt = closed ? reported.plusMinutes((long) (deadline * 60 * (0.2 + 1.3 * rng.nextDouble()))) : null;
            OffsetDateTime updated = closedAt != null ? closedAt : reported.plusMinutes(rng.nextInt(deadline * 60 + 1));
            int community = cell.communityIndex();
            int district = units.get(units.get(community).parentIndex()).parentIndex();
            String description = (String) CATEGORIES.get(category)[1];
            drafts.add(new Case(null, category, status, SOURCES[pick(SOURCE_WEIGHT)], description,
                    DemoNames.address(rng, units.get(community).name()), TonglingDemoGenerator.point(p), cell.code(),
                    community, district, dispatched ? cell.workerUsername() : null, reported, due, closedAt, updated));
        }
        return numbered(drafts);
    }

    /**
     * Cases numbered by report time: TL + date (UTC+8) + serial of the day. Generators of other
     * kinds of cases add theirs before numbering, so serials never clash.
     */
    static List<Case> numbered(List<Case> cases) {
        List<Case> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparing(Case::reportedAt).thenComparing(Case::cellCode));
        List<Case> out = new ArrayList<>(sorted.size());
        String day = null;
        int serial = 0;
        for (Case c : sorted) {
            String today = c.reportedAt().toLocalDate().toString().replace("-", "");
            serial = today.equals(day) ? serial + 1 : 1;
            day = today;
            out.add(new Case("TL" + today + String.format("%04d", serial), c.categoryCode(), c.status(), c.source(),
                    c.description(), c.address(), c.geom(), c.cellCode(), c.communityIndex(), c.districtIndex(),
                    c.assigneeUsername(), c.reportedAt(), c.dueAt(), c.closedAt(), c.updatedAt()));
        }
        return out;
    }

    private int pick(double[] weights) { return DemoNames.pick(rng, weights); }
}
