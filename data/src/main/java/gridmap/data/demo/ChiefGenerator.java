package gridmap.data.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.linearref.LengthIndexedLine;

import gridmap.data.demo.DemoModel.Chief;
import gridmap.data.demo.DemoModel.ChiefReach;
import gridmap.data.demo.DemoModel.Reach;
import gridmap.data.demo.DemoModel.River;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.Polygons;

/**
 * The river-chief system (河长制) over the demo's rivers: city leaders answer for the Yangtze and
 * its four tributaries as wholes; each district's head for the stretch of those rivers in the
 * district; each street's or town's head for the stretch of every tributary and creek in it.
 * A stretch is where the river runs through the unit, found by walking the river every ~100 m.
 */
final class ChiefGenerator {
    record Result(List<Chief> chiefs, List<ChiefReach> chiefReaches) {}

    private static final String[] CITY_POSTS = {"市委书记、市总河长", "市长", "常务副市长", "副市长", "副市长"};
    /** Walking step along a river, in degrees (about 100 m); stretches shorter than 3 steps are dropped. */
    private static final double STEP = 0.001;

    private final Random rng;
    private final Map<String, Chief> chiefs = new LinkedHashMap<>();
    private final List<ChiefReach> out = new ArrayList<>();

    ChiefGenerator(Random rng) { this.rng = rng; }

    Result generate(List<Unit> units, List<River> rivers, List<Reach> reaches) {
        Map<String, LineString> courses = courses(rivers, reaches);
        List<Integer> districts = indicesOf(units, "district"), streets = indicesOf(units, "street");
        int cityPost = 0;
        for (River r : rivers) {
            boolean major = !r.code().startsWith("TLC");
            LineString course = courses.get(r.code());
            if (major) {
                String key = "city-" + cityPost;
                chief(key, "city", CITY_POSTS[cityPost++]);
                add(r, r.name() + "铜陵段", "city", 0, key, List.of(course));
                for (var e : stretches(course, units, districts).entrySet()) {
                    Unit d = units.get(e.getKey());
                    String k = chief("county-" + d.code(), "county", d.name() + (d.name().endsWith("县") ? "县长" : "区长"));
                    add(r, r.name() + d.name() + "段", "county", e.getKey(), k, e.getValue());
                }
            }
            if (!r.code().equals(BasinGenerator.YANGTZE)) {
                for (var e : stretches(course, units, streets).entrySet()) {
                    Unit s = units.get(e.getKey());
                    String k = chief("township-" + s.code(), "township", s.name() + (s.name().endsWith("镇") ? "镇长" : "办事处主任"));
                    add(r, r.name() + s.name() + "段", "township", e.getKey(), k, e.getValue());
                }
            }
        }
        return new Result(new ArrayList<>(chiefs.values()), out);
    }

    private String chief(String key, String level, String position) {
        chiefs.computeIfAbsent(key, k -> new Chief(k, DemoNames.person(rng), level, position,
                "1390562" + String.format("%04d", rng.nextInt(10_000))));
        return key;
    }

    private void add(River r, String name, String level, Integer unitIndex, String chiefKey, List<LineString> parts) {
        MultiLineString g = Polygons.WGS84.createMultiLineString(parts.toArray(LineString[]::new));
        out.add(new ChiefReach(String.format("HZ%03d", out.size() + 1), r.code(), name, level, unitIndex, chiefKey, g));
    }

    /** Each river's reaches joined in flow order into one line. */
    private static Map<String, LineString> courses(List<River> rivers, List<Reach> reaches) {
        Map<String, Reach> byCode = new LinkedHashMap<>();
        for (Reach r : reaches) byCode.put(r.code(), r);
        Map<String, LineString> out = new LinkedHashMap<>();
        for (River river : rivers) {
            List<Reach> own = reaches.stream().filter(r -> r.riverCode().equals(river.code())).toList();
            // the source reach: no reach of the same river flows into it
            Reach head = own.stream().filter(r -> own.stream().noneMatch(o -> r.code().equals(o.nextDownCode()))).findFirst().orElseThrow();
            List<Coordinate> cs = new ArrayList<>();
            for (Reach r = head; r != null && r.riverCode().equals(river.code()); r = byCode.get(r.nextDownCode())) {
                Coordinate[] pts = r.geom().getCoordinates();
                for (int i = cs.isEmpty() ? 0 : 1; i < pts.length; i++) cs.add(pts[i]);
            }
            out.put(river.code(), Polygons.WGS84.createLineString(cs.toArray(Coordinate[]::new)));
        }
        return out;
    }

    /** Where the course runs through each of the given units: unit index → its stretches, in order. */
    private static Map<Integer, List<LineString>> stretches(LineString course, List<Unit> units, List<Integer> candidates) {
        List<PreparedGeometry> shapes = candidates.stream().map(i -> TonglingDemoGenerator.prepare(units.get(i).geom())).toList();
        LengthIndexedLine along = new LengthIndexedLine(course);
        int n = (int) Math.ceil(along.getEndIndex() / STEP);
        Integer[] label = new Integer[n + 1];
        for (int i = 0; i <= n; i++) {
            Coordinate c = along.extractPoint(Math.min(along.getEndIndex(), i * STEP));
            for (int k = 0; k < shapes.size(); k++) {
                if (shapes.get(k).covers(TonglingDemoGenerator.point(c))) { label[i] = candidates.get(k); break; }
            }
        }
        Map<Integer, List<LineString>> out = new LinkedHashMap<>();
        int start = 0;
        for (int i = 1; i <= n + 1; i++) {
            if (i <= n && java.util.Objects.equals(label[i], label[start])) continue;
            if (label[start] != null && i - start >= 3) {
                double from = Math.max(0, (start - 0.5) * STEP), to = Math.min(along.getEndIndex(), (i - 0.5) * STEP);
                out.computeIfAbsent(label[start], k -> new ArrayList<>()).add((LineString) along.extractLine(from, to));
            }
            start = i;
        }
        return out;
    }

    private static List<Integer> indicesOf(List<Unit> units, String level) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) if (level.equals(units.get(i).level())) out.add(i);
        return out;
    }
}
