package gridmap.data.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.buffer.OffsetCurve;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

import gridmap.data.demo.DemoModel.Basin;
import gridmap.data.demo.DemoModel.ChiefReach;
import gridmap.data.demo.DemoModel.Project;
import gridmap.data.demo.DemoModel.Reach;
import gridmap.data.demo.DemoModel.StatusChange;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.Polygons;

/**
 * Water projects where such projects go: dikes along the Yangtze and the big tributaries,
 * dredging and restoration on stretches of river, sluices where creeks join, intakes
 * (waterworks) and pumping stations beside rivers, sewage plants near towns, reservoirs at creek
 * heads, irrigation canals leading away from rivers. Along the Yangtze, which is the border
 * between 枞阳县 and the south-bank districts, several cross district lines. Each has a status
 * with a plausible history, dates, budget and spending (万元), a responsible unit and the river
 * chief of the nearest responsibility reach.
 */
final class ProjectGenerator {
    private static final String[] TYPES = {"dike", "dredging", "irrigation_canal", "reservoir", "waterworks", "sluice",
            "pumping_station", "sewage_plant", "ecological_restoration"};
    private static final double[] TYPE_WEIGHT = {0.2, 0.12, 0.08, 0.06, 0.08, 0.1, 0.12, 0.12, 0.12};
    private static final String[] TYPE_ZH = {"堤防加固工程", "河道清淤疏浚工程", "灌溉渠系配套工程", "水库除险加固工程",
            "自来水厂取水工程", "节制闸改造工程", "排涝泵站工程", "污水处理厂提标工程", "河湖生态修复工程"};
    private static final String[] STATUSES = {"planned", "approved", "under_construction", "completed", "suspended"};
    private static final double[] STATUS_WEIGHT = {0.2, 0.15, 0.3, 0.3, 0.05};
    /** About 100 m in degrees at Tongling's latitude. */
    private static final double HM = 0.001;

    private final Random rng;

    ProjectGenerator(Random rng) { this.rng = rng; }

    List<Project> generate(int count, List<Unit> units, List<Basin> basins, List<Reach> reaches, List<ChiefReach> chiefReaches) {
        List<Basin> finest = basins.stream().filter(b -> b.level() == 2).toList();
        List<Integer> districts = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) if ("district".equals(units.get(i).level())) districts.add(i);
        List<Reach> bigRiver = reaches.stream().filter(r -> !r.riverCode().startsWith("TLC")).toList();
        List<Reach> creeks = reaches.stream().filter(r -> r.riverCode().startsWith("TLC")).toList();
        List<PreparedGeometry> basinShapes = finest.stream().map(b -> TonglingDemoGenerator.prepare(b.geom())).toList();

        List<Project> out = new ArrayList<>();
        while (out.size() < count) {
            int t = DemoNames.pick(rng, TYPE_WEIGHT);
            Reach reach = pick(switch (TYPES[t]) {
                case "dike", "waterworks" -> bigRiver;
                case "reservoir", "sluice" -> creeks;
                default -> reaches;
            });
            Geometry geom = shape(TYPES[t], reach);
            if (geom == null || !geom.isValid()) continue;
            int basin = largestShare(geom, finest.stream().map(Basin::geom).toList(), basinShapes);
            if (basin < 0) continue; // wandered off the map
            int d = largestShare(geom, districts.stream().map(i -> (Geometry) units.get(i).geom()).toList(), null);
            Integer districtIndex = d < 0 ? null : districts.get(d);
            int n = out.size() + 1;
            String status = STATUSES[DemoNames.pick(rng, STATUS_WEIGHT)];
            double budget = Math.round(budgetFor(TYPES[t]) * 100) / 100.0;
            LocalDate start = startFor(status);
            LocalDate end = start.plusMonths(12 + rng.nextInt(25));
            if (status.equals("completed")) end = notAfter(end);
            String river = reach.name().replaceAll("(干流)?[一二三四五]段$|(下|中下|中|中上|上)游区间.*$", "");
            out.add(new Project(String.format("SL%03d", n), river + TYPE_ZH[t] + (n % 3 == 0 ? "（二期）" : ""), TYPES[t], status,
                    budget, Math.round(budget * spentShare(status) * 100) / 100.0,
                    budget > 8000 ? "铜陵市水利局" : (districtIndex == null ? "铜陵市" : units.get(districtIndex).name()) + "水务局",
                    districtIndex, nearestChief(geom, chiefReaches), finest.get(basin).code(), geom, start,
                    status.equals("planned") ? null : end, history(status, start, end)));
        }
        return out;
    }

    private Reach pick(List<Reach> from) {
        double[] w = new double[from.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) { w[i] = from.get(i).geom().getLength(); sum += w[i]; }
        for (int i = 0; i < w.length; i++) w[i] /= sum;
        return from.get(DemoNames.pick(rng, w));
    }

    private Geometry shape(String type, Reach reach) {
        LineString line = reach.geom();
        LengthIndexedLine along = new LengthIndexedLine(line);
        double len = along.getEndIndex();
        double at = rng.nextDouble() * len;
        Coordinate p = along.extractPoint(at);
        double side = rng.nextBoolean() ? 1 : -1;
        return switch (type) {
            case "dike" -> {
                Geometry stretch = stretch(along, 20 + rng.nextInt(40));
                Geometry offset = new OffsetCurve(stretch, side * 1.5 * HM).getCurve();
                yield offset instanceof LineString l && !l.isEmpty() ? l : stretch;
            }
            case "dredging" -> stretch(along, 10 + rng.nextInt(30));
            case "ecological_restoration" -> TopologyPreservingSimplifier.simplify(stretch(along, 10 + rng.nextInt(20)).buffer(2 * HM, 4), HM / 10);
            case "irrigation_canal" -> canal(aside(along, at, side, 2 * HM), normal(along, at) * side);
            case "reservoir" -> pond(line.getCoordinateN(0));
            case "sluice" -> Polygons.WGS84.createPoint(aside(along, len, side, 0.5 * HM));
            case "waterworks" -> Polygons.WGS84.createPoint(aside(along, at, side, HM));
            case "pumping_station" -> Polygons.WGS84.createPoint(aside(along, at, side, (1 + 2 * rng.nextDouble()) * HM));
            default /* sewage_plant */ -> Polygons.WGS84.createPoint(aside(along, at, side, (3 + 3 * rng.nextDouble()) * HM));
        } ;
    }

    /** A stretch of about hundreds × 100 m of the line around a random place on it. */
    private Geometry stretch(LengthIndexedLine along, int hundreds) {
        double len = along.getEndIndex(), want = Math.min(len, hundreds * HM);
        double from = rng.nextDouble() * (len - want);
        return along.extractLine(from, from + want);
    }

    /** A point offset from the line at index at, to one side. */
    private static Coordinate aside(LengthIndexedLine along, double at, double side, double distance) {
        double n = normal(along, at);
        Coordinate p = along.extractPoint(at);
        return new Coordinate(p.x + side * distance * Math.cos(n), p.y + side * distance * Math.sin(n));
    }

    /** The direction to the left of the line at index at, in radians. */
    private static double normal(LengthIndexedLine along, double at) {
        Coordinate a = along.extractPoint(Math.max(0, at - HM)), b = along.extractPoint(Math.min(along.getEndIndex(), at + HM));
        return Math.atan2(b.y - a.y, b.x - a.x) + Math.PI / 2;
    }

    /** A canal leading away from a river: gently bending, 3-8 km. */
    private Geometry canal(Coordinate start, double heading) {
        int n = 4 + rng.nextInt(5);
        Coordinate[] cs = new Coordinate[n];
        cs[0] = start;
        double h = heading;
        for (int i = 1; i < n; i++) {
            h += (rng.nextDouble() - 0.5) * 0.5;
            cs[i] = new Coordinate(cs[i - 1].x + 8 * HM * Math.cos(h), cs[i - 1].y + 8 * HM * Math.sin(h) * 0.86);
        }
        return Polygons.WGS84.createLineString(cs);
    }

    /** A reservoir around a creek's head: star-shaped, so always a simple ring. */
    private Polygon pond(Coordinate c) {
        int n = 12;
        double r = (4 + 6 * rng.nextDouble()) * HM;
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n, rr = r * (0.7 + 0.5 * rng.nextDouble());
            cs[i] = new Coordinate(c.x + rr * Math.cos(a), c.y + rr * Math.sin(a) * 0.86);
        }
        cs[n] = cs[0];
        return Polygons.WGS84.createPolygon(cs);
    }

    /** The index of the shape holding most of g (by area, length or containment), or -1 when g meets none. */
    static int largestShare(Geometry g, List<? extends Geometry> shapes, List<PreparedGeometry> prepared) {
        int best = -1;
        double bestShare = 0;
        for (int i = 0; i < shapes.size(); i++) {
            Geometry s = shapes.get(i);
            boolean meets = prepared != null ? prepared.get(i).intersects(g) : s.intersects(g);
            if (!meets) continue;
            double share = g.getDimension() == 0 ? 1 : g.getDimension() == 1 ? s.intersection(g).getLength() : s.intersection(g).getArea();
            if (share > bestShare) { bestShare = share; best = i; }
        }
        return best;
    }

    /** The chief of the nearest township (or else county) responsibility reach. */
    private static String nearestChief(Geometry g, List<ChiefReach> chiefReaches) {
        return chiefReaches.stream().filter(c -> !c.level().equals("city"))
                .min(Comparator.comparingDouble((ChiefReach c) -> c.geom().distance(g)).thenComparing(c -> c.level().equals("township") ? 0 : 1))
                .map(ChiefReach::chiefKey).orElse(null);
    }

    private double budgetFor(String type) {
        double base = switch (type) {
            case "dike" -> 3000; case "reservoir" -> 8000; case "dredging" -> 1500; case "irrigation_canal" -> 1200;
            case "waterworks", "sewage_plant" -> 6000; case "ecological_restoration" -> 2500;
            default -> 900;
        };
        return base * Math.exp(rng.nextGaussian() * 0.6); // 万元, log-normal
    }

    /** The demo's "today" for project dates: the day before the case generator's reference time. */
    private static final LocalDate TODAY = TonglingDemoGenerator.REFERENCE_TIME.toLocalDate().minusDays(1);

    /** Start dates that fit the status as of the demo's today (planned and approved ones start later). */
    private LocalDate startFor(String status) {
        LocalDate d = switch (status) {
            case "planned" -> LocalDate.of(2027 + rng.nextInt(2), 1 + rng.nextInt(12), 1);
            case "approved" -> LocalDate.of(2027, 1 + rng.nextInt(6), 1);
            case "under_construction" -> LocalDate.of(2023 + rng.nextInt(4), 1 + rng.nextInt(12), 1);
            case "completed" -> LocalDate.of(2018 + rng.nextInt(5), 1 + rng.nextInt(12), 1);
            default -> LocalDate.of(2022 + rng.nextInt(4), 1 + rng.nextInt(12), 1);
        };
        return status.equals("planned") || status.equals("approved") ? d : notAfter(d);
    }

    private static LocalDate notAfter(LocalDate d) { return d.isAfter(TODAY) ? TODAY : d; }

    private double spentShare(String status) {
        return switch (status) {
            case "under_construction" -> 0.2 + 0.6 * rng.nextDouble();
            case "completed" -> 0.92 + 0.16 * rng.nextDouble();
            case "suspended" -> 0.1 + 0.4 * rng.nextDouble();
            default -> 0;
        };
    }

    /**
     * The path to the current status — planned, approved, under construction, then completed or
     * suspended — dated so that nothing lies after the demo's today.
     */
    private List<StatusChange> history(String status, LocalDate start, LocalDate end) {
        LocalDate approved = switch (status) {
            case "planned" -> null;
            case "approved" -> TODAY.minusMonths(1 + rng.nextInt(6));
            default -> start.minusMonths(2 + rng.nextInt(7));
        };
        List<StatusChange> h = new ArrayList<>();
        h.add(new StatusChange("planned", approved == null ? TODAY.minusMonths(1 + rng.nextInt(12)) : approved.minusMonths(6 + rng.nextInt(13))));
        if (approved == null) return h;
        h.add(new StatusChange("approved", approved));
        if (status.equals("approved")) return h;
        h.add(new StatusChange("under_construction", start));
        if (status.equals("completed")) h.add(new StatusChange("completed", notAfter(end)));
        if (status.equals("suspended")) h.add(new StatusChange("suspended", notAfter(start.plusMonths(3 + rng.nextInt(9)))));
        return h;
    }
}
