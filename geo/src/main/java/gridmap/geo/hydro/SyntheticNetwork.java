package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random drainage system coded the Pfafstetter way, for tests and benchmarks: units are split
 * into 3, 5, 7 or 9 (a stem with one to four large tributaries) until there are at least the
 * asked number of basins; unsplit units are padded with 0 as HydroBASINS does; links come from
 * {@link Pfafstetter#nextDowns}; areas are random, UP_AREA and DIST_MAIN follow from the links
 * (so a fresh network is consistent, and a test can break it on purpose).
 */
public final class SyntheticNetwork {
    private static final int MAX_DEPTH = 12;

    private SyntheticNetwork() {}

    public static List<HydroBasin> generate(int basins, long seed) {
        if (basins < 1) throw new IllegalArgumentException("at least one basin");
        Random rng = new Random(seed);
        List<String> leaves = new ArrayList<>(List.of("1"));
        while (leaves.size() < basins) {
            int i = rng.nextInt(leaves.size());
            String unit = leaves.get(i);
            if (unit.length() >= MAX_DEPTH) continue;
            int k = rng.nextDouble() < 0.7 ? 9 : 3 + 2 * rng.nextInt(3);
            leaves.set(i, unit + "1");
            for (int d = 2; d <= k; d++) leaves.add(unit + d);
        }
        int len = leaves.stream().mapToInt(String::length).max().orElseThrow();
        List<String> codes = leaves.stream().map(c -> c + "0".repeat(len - c.length())).toList();
        Map<String, String> down = Pfafstetter.nextDowns(codes);
        Map<String, Double> area = new HashMap<>();
        for (String c : codes) area.put(c, 10 + 490 * rng.nextDouble());
        Map<String, Double> stem = new HashMap<>(); // km from a basin's outlet to the next one's
        for (String c : codes) stem.put(c, 2 + 20 * rng.nextDouble());

        List<HydroBasin> plain = new ArrayList<>();
        for (String c : codes) plain.add(new HydroBasin(id(c), down.get(c) == null ? null : id(down.get(c)), c, null, area.get(c), null, null, null));
        BasinNetwork net = BasinNetwork.of(plain);
        Map<String, Double> up = net.drainageAreasKm2();
        String outlet = net.outlet(plain.get(0).id());
        List<HydroBasin> out = new ArrayList<>();
        for (HydroBasin b : plain) {
            double dist = 0;
            for (String d = b.id(); !d.equals(outlet); d = net.basin(d).nextDown()) dist += stem.get(net.basin(d).pfafCode());
            out.add(new HydroBasin(b.id(), b.nextDown(), b.pfafCode(), outlet, b.subAreaKm2(), up.get(b.id()), dist, null));
        }
        return out;
    }

    /** The id a code gets: "B" + code (ids and codes are different things, as in real data). */
    public static String id(String code) { return "B" + code; }
}
