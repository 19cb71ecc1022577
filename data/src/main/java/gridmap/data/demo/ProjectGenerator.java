package gridmap.data.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;

import gridmap.data.demo.DemoModel.Basin;
import gridmap.data.demo.DemoModel.Project;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.Polygons;
import gridmap.geo.SeededPoints;

/** Water projects of every geometry kind: dikes and dredged stretches (lines), works (points), reservoirs and restorations (polygons). */
final class ProjectGenerator {
    private static final String[] TYPES = {"dike", "dredging", "reservoir", "waterworks", "sluice", "pumping_station", "sewage_plant", "ecological_restoration"};
    private static final double[] TYPE_WEIGHT = {0.22, 0.15, 0.08, 0.1, 0.12, 0.13, 0.1, 0.1};
    private static final String[] TYPE_ZH = {"堤防加固工程", "河道清淤疏浚工程", "水库除险加固工程", "自来水厂改扩建工程", "节制闸改造工程", "排涝泵站工程", "污水处理厂提标工程", "湿地生态修复工程"};
    private static final String[] STATUSES = {"planned", "approved", "under_construction", "completed", "suspended"};
    private static final double[] STATUS_WEIGHT = {0.25, 0.2, 0.25, 0.25, 0.05};
    private static final String[] CHIEF_LEVEL = {"市级河长", "区级河长", "镇级河长", "村级河长"};

    private final Random rng;

    ProjectGenerator(Random rng) { this.rng = rng; }

    List<Project> generate(int count, List<Unit> units, List<Basin> basins) {
        List<Basin> subBasins = basins.stream().filter(b -> b.level() == 2).toList();
        Geometry city = units.get(0).geom();
        List<Integer> districts = new ArrayList<>();
        List<PreparedGeometry> districtShapes = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if ("district".equals(units.get(i).level())) {
                districts.add(i);
                districtShapes.add(TonglingDemoGenerator.prepare(units.get(i).geom()));
            }
        }
        List<Project> out = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            Basin basin = subBasins.get(rng.nextInt(subBasins.size()));
            Geometry where = basin.geom().intersection(city);
            if (where.getArea() < 1e-6) where = basin.geom();
            Coordinate p = SeededPoints.uniform(where, 1, rng).get(0);
            int t = pick(TYPE_WEIGHT);
            String type = TYPES[t];
            Geometry geom = shape(type, p);
            Integer districtIndex = null;
            for (int d = 0; d < districts.size(); d++) {
                if (districtShapes.get(d).covers(TonglingDemoGenerator.point(p))) { districtIndex = districts.get(d); break; }
            }
            String unitName = districtIndex == null ? "铜陵市" : units.get(districtIndex).name();
            String river = basin.name().replaceAll("(下游|中游|上游)?区间|支流[甲乙]|流域", "");
            double budget = Math.round(budgetFor(type) * 100) / 100.0;
            String phase = n % 3 == 0 ? "（二期）" : "";
            out.add(new Project(String.format("SL%03d", n), river + TYPE_ZH[t] + phase, type,
                    STATUSES[pick(STATUS_WEIGHT)], budget,
                    budget > 8000 ? "铜陵市水利局" : unitName + "水务局", districtIndex,
                    DemoNames.person(rng) + "（" + CHIEF_LEVEL[rng.nextInt(CHIEF_LEVEL.length)] + "）",
                    basin.code(), geom, 2018 + rng.nextInt(10)));
        }
        return out;
    }

    private Geometry shape(String type, Coordinate p) {
        switch (type) {
            case "dike", "dredging" -> {
                int n = 3 + rng.nextInt(4);
                Coordinate[] cs = new Coordinate[n];
                cs[0] = p;
                double heading = rng.nextDouble() * Math.PI * 2;
                for (int i = 1; i < n; i++) {
                    heading += (rng.nextDouble() - 0.5) * 0.8; // gently bending, never folding back
                    double step = 0.004 + rng.nextDouble() * 0.01;
                    cs[i] = new Coordinate(cs[i - 1].x + step * Math.cos(heading), cs[i - 1].y + step * Math.sin(heading));
                }
                return Polygons.WGS84.createLineString(cs);
            }
            case "reservoir", "ecological_restoration" -> {
                int n = 12;
                double r = 0.003 + rng.nextDouble() * 0.008;
                Coordinate[] cs = new Coordinate[n + 1];
                for (int i = 0; i < n; i++) { // star-shaped around p, so always a simple ring
                    double a = 2 * Math.PI * i / n, rr = r * (0.7 + 0.5 * rng.nextDouble());
                    cs[i] = new Coordinate(p.x + rr * Math.cos(a), p.y + rr * Math.sin(a) * 0.9);
                }
                cs[n] = cs[0];
                return Polygons.WGS84.createPolygon(cs);
            }
            default -> { return Polygons.WGS84.createPoint(p); }
        }
    }

    private double budgetFor(String type) {
        double base = switch (type) {
            case "dike" -> 3000; case "reservoir" -> 8000; case "dredging" -> 1500;
            case "waterworks", "sewage_plant" -> 6000; case "ecological_restoration" -> 2500;
            default -> 900;
        };
        return base * Math.exp(rng.nextGaussian() * 0.6); // 万元, log-normal
    }

    private int pick(double[] weights) { return DemoNames.pick(rng, weights); }
}
