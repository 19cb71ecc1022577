package gridmap.data.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.data.demo.DemoModel.Basin;
import gridmap.geo.Polygons;
import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;

/**
 * A two-level basin hierarchy over the city's convex hull, Pfafstetter-coded: 5 level-1 basins
 * and 5 sub-basins in each. Digits count from the outlet upstream along the main stem (the
 * Yangtze here flows south-west → north-east, so downstream is north-east); odd digits are
 * main-stem inter-basins, even digits tributary basins. Hence next_down: an even basin drains to
 * the inter-basin just below it (d-1), an odd one to the next inter-basin down (d-2), the first
 * sub-basin of a basin to the most upstream inter-basin (digit 5) of the basin below. As with
 * the districts, level 2 is partitioned once and level 1 is the union of its children.
 */
final class BasinGenerator {
    static final int DIGITS = 5;
    private static final String[] LEVEL1 = {"长江铜陵段下游区间", "黄浒河", "长江铜陵段中游区间", "顺安河", "长江铜陵段上游区间"};
    private static final String[] PART = {"", "下游区间", "支流甲", "中游区间", "支流乙", "上游区间"};

    private final Random rng;

    BasinGenerator(Random rng) { this.rng = rng; }

    List<Basin> generate(Geometry city) {
        Geometry hull = city.convexHull();
        // downstream first: rank points by their position along the flow direction (towards NE)
        Comparator<Coordinate> downstreamFirst = Comparator.comparingDouble(c -> -(c.x + c.y));
        List<Coordinate> l1Seeds = new ArrayList<>(SeededPoints.relaxed(hull, DIGITS, rng, 3));
        l1Seeds.sort(downstreamFirst);
        List<MultiPolygon> l1Zones = VoronoiPartition.partition(hull, l1Seeds);

        List<Coordinate> l2Seeds = new ArrayList<>();
        for (int b = 0; b < DIGITS; b++) {
            List<Coordinate> s = new ArrayList<>(SeededPoints.relaxed(l1Zones.get(b), DIGITS, rng, 2));
            s.sort(downstreamFirst);
            l2Seeds.addAll(s);
        }
        List<MultiPolygon> l2 = VoronoiPartition.partition(hull, l2Seeds);

        List<Basin> out = new ArrayList<>();
        for (int b = 1; b <= DIGITS; b++) {
            List<MultiPolygon> children = l2.subList((b - 1) * DIGITS, b * DIGITS).stream().filter(g -> !g.isEmpty()).toList();
            String pf = String.valueOf(b);
            out.add(new Basin("TLB" + pf, pf, LEVEL1[b - 1] + "流域", 1, null, nextDown(pf),
                    TonglingDemoGenerator.union(children)));
        }
        for (int b = 1; b <= DIGITS; b++) {
            for (int c = 1; c <= DIGITS; c++) {
                MultiPolygon g = l2.get((b - 1) * DIGITS + (c - 1));
                if (g.isEmpty()) continue;
                String pf = b + "" + c;
                out.add(new Basin("TLB" + pf, pf, LEVEL1[b - 1] + PART[c], 2, "TLB" + b, nextDown(pf),
                        Polygons.toMultiPolygon(g)));
            }
        }
        return out;
    }

    /** The code of the basin this one drains into, or null at the outlet. */
    static String nextDown(String pfaf) {
        int d = pfaf.charAt(pfaf.length() - 1) - '0';
        String parent = pfaf.substring(0, pfaf.length() - 1);
        if (d == 1) {
            if (parent.isEmpty()) return null;
            String parentDown = nextDown(parent);
            return parentDown == null ? null : "TLB" + parentDown.substring(3) + DIGITS;
        }
        return "TLB" + parent + (d % 2 == 0 ? d - 1 : d - 2);
    }
}
