package gridmap.data.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.linearref.LengthIndexedLine;

import gridmap.data.demo.DemoModel.Basin;
import gridmap.data.demo.DemoModel.Reach;
import gridmap.data.demo.DemoModel.River;
import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;
import gridmap.geo.VoronoiPartition;
import gridmap.geo.coverage.LocalMetres;
import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.HydroBasin;
import gridmap.geo.hydro.Pfafstetter;

/**
 * The rivers through Tongling and the basins they drain, coded the Pfafstetter way. The Yangtze
 * runs south-west to north-east along the line between 枞阳县 and the south-bank districts; its
 * four largest tributaries here (黄浒河, 顺安河, 青通河, 长河; real names, courses drawn by hand
 * and smoothed) split it into level 1: digits 2, 4, 6, 8 the tributary basins counted from the
 * outlet (north-east) upstream, 1, 3, 5, 7, 9 the inter-basins of the main stem between them.
 * Each level-1 unit is split the same way along its own stem, with four invented creeks as its
 * tributaries: 81 basins at level 2, one reach each.
 *
 * <p>Basins follow the rivers: every point of the area goes to the nearest river (a Voronoi
 * partition of points sampled along every level-2 reach, labelled with its code), so each basin
 * holds its reach and the divides lie between rivers. Level 1 is the union of its children, so
 * the levels nest exactly. Links come from the codes ({@link Pfafstetter#nextDowns}); areas from
 * the geometry; DIST_MAIN from the reach lengths; UP_AREA from the network, except for three
 * basins whose published figure is off on purpose (as real sources are), for the data-quality
 * report to find.
 */
final class BasinGenerator {
    /** What the generator makes. */
    record Result(List<River> rivers, List<Reach> reaches, List<Basin> basins) {}

    static final String YANGTZE = "CJ";
    /** The Yangtze, upstream (south-west) to downstream (north-east). */
    private static final double[][] YANGTZE_COURSE = {
            {116.98, 30.55}, {117.12, 30.585}, {117.27, 30.635}, {117.40, 30.685}, {117.53, 30.735}, {117.62, 30.765},
            {117.675, 30.80}, {117.705, 30.86}, {117.725, 30.92}, {117.755, 30.975}, {117.80, 31.02}, {117.85, 31.06},
            {117.90, 31.10}, {117.96, 31.15}};

    private record Tributary(int digit, String code, String name, String nameEn, double[][] course) {}

    /** Source to (near) the mouth; the last point is moved onto the Yangtze. */
    private static final List<Tributary> TRIBUTARIES = List.of(
            new Tributary(2, "HHH", "黄浒河", "Huanghu River", new double[][] {{118.12, 30.88}, {118.03, 30.96}, {117.95, 31.01}, {117.87, 31.055}}),
            new Tributary(4, "SAH", "顺安河", "Shun'an River", new double[][] {{118.00, 30.76}, {117.93, 30.84}, {117.85, 30.92}, {117.78, 30.965}}),
            new Tributary(6, "QTH", "青通河", "Qingtong River", new double[][] {{117.80, 30.55}, {117.78, 30.64}, {117.74, 30.73}, {117.69, 30.79}}),
            new Tributary(8, "CHH", "长河", "Chang River", new double[][] {{117.04, 30.90}, {117.12, 30.81}, {117.19, 30.72}, {117.27, 30.64}}));

    private static final Map<Integer, String> INTERBASIN = Map.of(1, "长江下游区间", 3, "长江中下游区间", 5, "长江中游区间",
            7, "长江中上游区间", 9, "长江上游区间");
    private static final Map<Integer, String> STEM_PART = Map.of(1, "一段", 3, "二段", 5, "三段", 7, "四段", 9, "五段");
    /** Published UP_AREA off on purpose, as real sources are: basin code → factor. */
    static final Map<String, Double> UP_AREA_DEFECTS = Map.of("TLB45", 0.94, "TLB71", 1.08, "TLB3", 0.975);
    /** Samples along each reach for the basin partition, in degrees (about 400 m). */
    private static final double SAMPLE_STEP = 0.004;

    private final Random rng;

    BasinGenerator(Random rng) { this.rng = rng; }

    Result generate(Geometry city, Set<String> takenNames) {
        Geometry hull = city.convexHull();
        LineString yangtze = clip(smooth(YANGTZE_COURSE), hull, null);
        LengthIndexedLine onYangtze = new LengthIndexedLine(yangtze);

        Map<String, River> rivers = new LinkedHashMap<>();
        rivers.put(YANGTZE, new River(YANGTZE, "长江", "Yangtze River"));
        takenNames.add("长江");
        for (Tributary t : TRIBUTARIES) takenNames.add(t.name());
        // level 1: the stems of the nine units, each drawn in the direction of flow
        Map<Integer, LineString> stems = new LinkedHashMap<>();
        Map<Integer, String> stemRiver = new LinkedHashMap<>();
        double[] mouthIndex = new double[10];
        for (Tributary t : TRIBUTARIES) {
            LineString course = smooth(t.course());
            Coordinate end = course.getCoordinateN(course.getNumPoints() - 1);
            mouthIndex[t.digit()] = onYangtze.project(end);
            Coordinate mouth = onYangtze.extractPoint(mouthIndex[t.digit()]);
            List<Coordinate> cs = new ArrayList<>(List.of(course.getCoordinates()));
            cs.add(mouth);
            stems.put(t.digit(), clip(Polygons.WGS84.createLineString(cs.toArray(Coordinate[]::new)), hull, mouth));
            stemRiver.put(t.digit(), t.code());
            rivers.put(t.code(), new River(t.code(), t.name(), t.nameEn()));
        }
        // mouths from upstream: 8, 6, 4, 2 (the code order is the order along the river)
        double[] cuts = {0, mouthIndex[8], mouthIndex[6], mouthIndex[4], mouthIndex[2], onYangtze.getEndIndex()};
        for (int i = 0; i + 1 < cuts.length; i++) {
            if (cuts[i] >= cuts[i + 1]) throw new IllegalStateException("tributary mouths out of Pfafstetter order");
            int digit = 9 - 2 * i;
            stems.put(digit, (LineString) onYangtze.extractLine(cuts[i], cuts[i + 1]));
            stemRiver.put(digit, YANGTZE);
        }

        // level 2: each stem in five inter-basins (from its mouth up) and four creeks joining it
        Map<String, LineString> reachLines = new LinkedHashMap<>();
        List<Geometry> drawn = new ArrayList<>(stems.values()); // creeks keep clear of these
        Map<String, String> reachRiver = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int unit = 1; unit <= 9; unit++) {
            LineString stem = stems.get(unit);
            LengthIndexedLine along = new LengthIndexedLine(stem);
            double len = along.getEndIndex();
            double[] fromMouth = new double[5];
            for (int k = 1; k <= 4; k++) fromMouth[k] = len * (0.2 * k + (rng.nextDouble() - 0.5) * 0.08);
            String base = unit % 2 == 1 ? INTERBASIN.get(unit) : rivers.get(stemRiver.get(unit)).name() + "干流";
            for (int k = 0; k <= 4; k++) {
                double lo = k == 4 ? 0 : len - fromMouth[k + 1], hi = len - fromMouth[k];
                String pf = unit + "" + (2 * k + 1);
                reachLines.put(pf, (LineString) along.extractLine(lo, hi));
                reachRiver.put(pf, stemRiver.get(unit));
                names.put(pf, base + STEM_PART.get(2 * k + 1));
            }
            for (int k = 1; k <= 4; k++) {
                Coordinate junction = along.extractPoint(len - fromMouth[k]);
                Coordinate a = along.extractPoint(Math.max(0, len - fromMouth[k] - 0.002));
                Coordinate b = along.extractPoint(Math.min(len, len - fromMouth[k] + 0.002));
                double tangent = Math.atan2(b.y - a.y, b.x - a.x);
                double side = (k % 2 == 1 ? 1 : -1) * (rng.nextBoolean() ? 1 : -1);
                String pf = unit + "" + (2 * k);
                String creekName = DemoNames.stream(rng, takenNames);
                String creekCode = "TLC" + pf;
                // creeks of the Yangtze drain the wide plains beside it; a tributary's are shorter
                int steps = unit % 2 == 1 ? 10 + rng.nextInt(13) : 5 + rng.nextInt(5);
                LineString creek = clip(creek(junction, tangent + side * Math.PI / 2, steps, stem, drawn), hull, junction);
                reachLines.put(pf, creek);
                drawn.add(creek);
                reachRiver.put(pf, creekCode);
                rivers.put(creekCode, new River(creekCode, creekName, null));
                names.put(pf, creekName + "流域");
            }
        }

        // basins: every point to its nearest reach, then each level-1 unit the union of its children
        List<Coordinate> seeds = new ArrayList<>();
        List<String> seedCode = new ArrayList<>();
        Set<Coordinate> seen = new HashSet<>();
        for (var e : reachLines.entrySet()) {
            LengthIndexedLine along = new LengthIndexedLine(e.getValue());
            int n = Math.max(1, (int) Math.round(along.getEndIndex() / SAMPLE_STEP));
            for (int i = 0; i < n; i++) {
                Coordinate c = along.extractPoint(along.getEndIndex() * (i + 0.5) / n);
                if (seen.add(c)) { seeds.add(c); seedCode.add(e.getKey()); }
            }
        }
        List<MultiPolygon> pieces = VoronoiPartition.partition(hull, seeds);
        Map<String, List<Geometry>> l2Pieces = new LinkedHashMap<>();
        Map<String, List<Geometry>> l1Pieces = new LinkedHashMap<>();
        for (int i = 0; i < seeds.size(); i++) {
            if (pieces.get(i).isEmpty()) continue;
            l2Pieces.computeIfAbsent(seedCode.get(i), k -> new ArrayList<>()).add(pieces.get(i));
            l1Pieces.computeIfAbsent(seedCode.get(i).substring(0, 1), k -> new ArrayList<>()).add(pieces.get(i));
        }

        List<String> l2Codes = new ArrayList<>(reachLines.keySet());
        List<String> l1Codes = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");
        Map<String, String> down2 = Pfafstetter.nextDowns(l2Codes), down1 = Pfafstetter.nextDowns(l1Codes);
        List<Reach> reaches = new ArrayList<>();
        Map<String, Double> distMain = new LinkedHashMap<>(); // level-2 code → km from its outlet to the system's
        for (String pf : l2Codes) {
            String d = down2.get(pf);
            reaches.add(new Reach("TLR" + pf, reachRiver.get(pf), names.get(pf).replace("流域", ""), d == null ? null : "TLR" + d,
                    "TLB" + pf, reachLines.get(pf)));
            double km = 0;
            for (String x = d; x != null; x = down2.get(x)) km += LocalMetres.lengthM(reachLines.get(x)) / 1000;
            distMain.put(pf, Math.round(km * 100) / 100.0);
        }

        List<Basin> basins = new ArrayList<>();
        long serial = 0;
        for (String pf : l1Codes) {
            MultiPolygon g = Polygons.dissolve(require(l1Pieces, pf));
            String name = Integer.parseInt(pf) % 2 == 1 ? INTERBASIN.get(Integer.parseInt(pf)) : rivers.get(stemRiver.get(Integer.parseInt(pf))).name() + "流域";
            basins.add(basin(pf, name, null, down1.get(pf), "1", 4_010_000_000L + ++serial, g, distMain.get(pf + "1")));
        }
        for (String pf : l2Codes) {
            MultiPolygon g = Polygons.dissolve(require(l2Pieces, pf));
            basins.add(basin(pf, names.get(pf), "TLB" + pf.charAt(0), down2.get(pf), "11", 4_020_000_000L + ++serial, g, distMain.get(pf)));
        }
        return new Result(new ArrayList<>(rivers.values()), reaches, withPublishedUpArea(basins));
    }

    private static Basin basin(String pf, String name, String parent, String down, String outlet, long hybas, MultiPolygon g, double distMain) {
        double km2 = Math.round(EqualAreaMeasure.areaM2(g) / 1e5) / 10.0;
        return new Basin("TLB" + pf, pf, name, pf.length(), parent, down == null ? null : "TLB" + down, "TLB" + outlet, hybas, km2,
                null, distMain, g);
    }

    /** UP_AREA as a source would publish it: what the network gives, rounded, with the planted defects. */
    private static List<Basin> withPublishedUpArea(List<Basin> basins) {
        List<Basin> out = new ArrayList<>();
        for (int level = 1; level <= 2; level++) {
            final int lv = level;
            List<Basin> ofLevel = basins.stream().filter(b -> b.level() == lv).toList();
            Map<String, Double> up = BasinNetwork.of(ofLevel.stream().map(b -> new HydroBasin(b.code(), b.nextDownCode(), b.pfafCode(),
                    b.mainBasinCode(), b.subAreaKm2(), null, b.distMainKm(), null)).toList()).drainageAreasKm2();
            for (Basin b : ofLevel) {
                double published = Math.round(up.get(b.code()) * UP_AREA_DEFECTS.getOrDefault(b.code(), 1.0) * 10) / 10.0;
                out.add(new Basin(b.code(), b.pfafCode(), b.name(), b.level(), b.parentCode(), b.nextDownCode(), b.mainBasinCode(),
                        b.hybasId(), b.subAreaKm2(), published, b.distMainKm(), b.geom()));
            }
        }
        return out;
    }

    private static List<Geometry> require(Map<String, List<Geometry>> pieces, String code) {
        List<Geometry> p = pieces.get(code);
        if (p == null) throw new IllegalStateException("basin " + code + " got no area");
        return p;
    }

    /**
     * A creek from its source down to the junction: gently bending, steps of about 600 m, and
     * ending (upstream) before it comes within ~800 m of another river, so that every river keeps
     * a basin around it.
     */
    private LineString creek(Coordinate junction, double heading, int steps, LineString ownStem, List<Geometry> others) {
        List<Coordinate> cs = new ArrayList<>();
        cs.add(junction);
        double h = heading + (rng.nextDouble() - 0.5) * 0.6;
        for (int i = 0; i < steps; i++) {
            h += (rng.nextDouble() - 0.5) * 0.5;
            Coordinate p = cs.get(cs.size() - 1);
            Coordinate next = new Coordinate(p.x + 0.006 * Math.cos(h), p.y + 0.006 * Math.sin(h) * 0.86);
            org.locationtech.jts.geom.Point at = Polygons.WGS84.createPoint(next);
            if (i > 0 && others.stream().anyMatch(o -> o != ownStem && o.distance(at) < 0.008)) break;
            cs.add(next);
        }
        java.util.Collections.reverse(cs); // water flows to the junction
        return Polygons.WGS84.createLineString(cs.toArray(Coordinate[]::new));
    }

    /** Control points smoothed by three rounds of Chaikin's corner cutting; the end points stay. */
    static LineString smooth(double[][] points) {
        List<Coordinate> cs = new ArrayList<>();
        for (double[] p : points) cs.add(new Coordinate(p[0], p[1]));
        for (int round = 0; round < 3; round++) {
            List<Coordinate> next = new ArrayList<>();
            next.add(cs.get(0));
            for (int i = 0; i + 1 < cs.size(); i++) {
                Coordinate a = cs.get(i), b = cs.get(i + 1);
                next.add(new Coordinate(0.75 * a.x + 0.25 * b.x, 0.75 * a.y + 0.25 * b.y));
                next.add(new Coordinate(0.25 * a.x + 0.75 * b.x, 0.25 * a.y + 0.75 * b.y));
            }
            next.add(cs.get(cs.size() - 1));
            cs = next;
        }
        for (Coordinate c : cs) { c.x = Math.round(c.x * 1e7) / 1e7; c.y = Math.round(c.y * 1e7) / 1e7; }
        return Polygons.WGS84.createLineString(cs.toArray(Coordinate[]::new));
    }

    /**
     * The part of a line inside the area: the part that ends at {@code keepEnd} (a mouth or a
     * junction), or the longest part; drawn in the line's own direction.
     */
    static LineString clip(LineString line, Geometry area, Coordinate keepEnd) {
        Geometry inside = area.intersection(line);
        List<LineString> parts = new ArrayList<>();
        for (int i = 0; i < inside.getNumGeometries(); i++) if (inside.getGeometryN(i) instanceof LineString l && l.getLength() > 0) parts.add(l);
        if (parts.isEmpty()) throw new IllegalStateException("a river lies outside the area");
        LineString part = keepEnd == null ? parts.stream().max(Comparator.comparingDouble(LineString::getLength)).orElseThrow()
                : parts.stream().min(Comparator.comparingDouble(l -> Math.min(l.getStartPoint().getCoordinate().distance(keepEnd),
                        l.getEndPoint().getCoordinate().distance(keepEnd)))).orElseThrow();
        LengthIndexedLine original = new LengthIndexedLine(line);
        if (original.project(part.getCoordinateN(0)) > original.project(part.getCoordinateN(part.getNumPoints() - 1))) {
            part = part.reverse();
        }
        if (keepEnd != null) { // the mouth must be exactly the junction point, so reaches meet
            Coordinate[] cs = part.getCoordinates();
            cs[cs.length - 1] = new Coordinate(keepEnd);
            part = Polygons.WGS84.createLineString(cs);
        }
        return part;
    }
}
