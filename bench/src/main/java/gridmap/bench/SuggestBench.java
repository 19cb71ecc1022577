package gridmap.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.data.demo.DemoModel.Dataset;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.data.demo.TonglingDemoGenerator;
import gridmap.geo.CellNumbering;
import gridmap.geo.Polygons;
import gridmap.geo.metrics.MeasurePlan;
import gridmap.geo.metrics.MeasureUnit;
import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.metrics.TransverseMercator;
import gridmap.geo.metrics.UnitMetrics;
import gridmap.geo.partition.PlanSuggest;
import gridmap.geo.partition.UnitAdjacency;

/**
 * {@code ./gridmap bench suggest}: the plan suggestion for 铜官区 (49 communities → 18, as in the 2010
 * reform) against simpler ways to reach 18, on the demo generated in memory (no database), and the
 * re-grid of the demo's largest community. Prints Markdown and writes bench/target/suggest.md.
 */
final class SuggestBench {
    static final String DISTRICT = "340705";
    static final int GROUPS = 18;
    static final int RUNS = 7;

    private SuggestBench() {}

    /** One community of 铜官区 as the bench sees it: its unit, and the old street it belonged to. */
    record Community(String code, String street, MultiPolygon geom, long households, long population) {}

    /** A contender's grouping: lists of community indexes, and the median wall and CPU time to compute it. */
    record Plan(String name, List<List<Integer>> groups, double millis, double cpuMillis) {}

    static String run() throws Exception {
        long t0 = System.nanoTime();
        Dataset demo = new TonglingDemoGenerator().generate();
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        List<Community> cs = communitiesOf(demo, DISTRICT);
        long total = cs.stream().mapToLong(Community::households).sum();
        double mean = (double) total / GROUPS;
        SizeTarget target = SizeTarget.households(Math.round(mean * 0.75), Math.round(mean * 1.25));
        List<PlanSuggest.Unit> units = new ArrayList<>();
        for (Community c : cs) units.add(new PlanSuggest.Unit(c.code(), c.geom(), c.households(), c.population()));

        StringBuilder md = new StringBuilder();
        md.append(String.format("%n### Plan suggestion for 铜官区: %d communities → %d%n%n", cs.size(), GROUPS));
        md.append(String.format("Load average when started: %s on %d cores. ", load(), Runtime.getRuntime().availableProcessors()));
        md.append(String.format("Demo generated in memory in %.1f s. %d communities in %d old streets, %,d households; "
                        + "target %s (the mean of %d groups, %,.0f, ± 25 %%).%n%n",
                genSeconds, cs.size(), cs.stream().map(Community::street).distinct().count(), total, target.describe(), GROUPS, mean));

        List<Plan> plans = new ArrayList<>();
        plans.add(timed("PlanSuggest, whole district (default effort, seed 1)", () -> groupsOf(cs,
                new PlanSuggest(units, target).setCount(GROUPS).setSeed(1).suggest())));
        plans.add(timed("PlanSuggest, construction + one local search only (effort 1, 0)", () -> groupsOf(cs,
                new PlanSuggest(units, target).setCount(GROUPS).setSeed(1).setEffort(1, 0).setAllowOutsideTarget(true).suggest())));
        plans.add(timed("PlanSuggest inside each old street (3 per street)", () -> withinStreets(cs, target)));
        plans.add(timed("naive: each street's communities in west→east, north→south order cut into 3 runs of equal households",
                () -> naive(cs)));
        Plan reference = plans.get(2);

        List<Double> adjMs = new ArrayList<>();
        int pairs = 0;
        for (int i = 0; i < RUNS + 1; i++) {
            long c = cpuNanos();
            pairs = UnitAdjacency.of(cs.stream().map(Community::geom).toList()).pairs().size();
            if (i > 0) adjMs.add((cpuNanos() - c) / 1e6);
        }
        md.append(String.format("Adjacency of the 49 communities (part of each suggestion's time): %d shared borders, %.1f ms CPU.%n%n",
                pairs, Bench.median(adjMs)));
        TransverseMercator tm = TransverseMercator.about(Polygons.WGS84.buildGeometry(cs.stream().map(Community::geom).toList()));
        UnitAdjacency adj = UnitAdjacency.of(cs.stream().map(Community::geom).toList());
        md.append("| contender | ms wall / CPU (median of ").append(RUNS).append(") | groups in range | contiguous groups | households min–max | CV | "
                + "Polsby-Popper mean (min) | Reock mean | hull ratio mean | groups inside one old street | communities whose group is the reference's | co-grouped pairs shared with the reference |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Plan p : plans) {
            List<UnitMetrics> ms = new ArrayList<>();
            int contiguous = 0, pure = 0;
            for (List<Integer> g : p.groups()) {
                MultiPolygon geom = Polygons.dissolve(g.stream().map(i -> (Geometry) cs.get(i).geom()).toList());
                long hh = g.stream().mapToLong(i -> cs.get(i).households()).sum();
                long pop = g.stream().mapToLong(i -> cs.get(i).population()).sum();
                ms.add(new MeasureUnit(geom).setCounts(hh, pop).setTarget(target).setProjection(tm).measure());
                java.util.BitSet bits = new java.util.BitSet();
                g.forEach(bits::set);
                if (adj.connected(bits)) contiguous++;
                if (g.stream().map(i -> cs.get(i).street()).distinct().count() == 1) pure++;
            }
            PlanMetrics pm = new MeasurePlan(ms).setTarget(target).measure();
            md.append(String.format("| %s | %.0f / %.0f | %d / %d | %d | %,.0f–%,.0f | %.3f | %.3f (%.3f) | %.3f | %.3f | %d | %s | %s |%n",
                    p.name(), p.millis(), p.cpuMillis(), pm.units() - pm.outsideTarget(), pm.units(), contiguous, pm.size().min(), pm.size().max(),
                    pm.size().cv(), pm.polsbyPopper().mean(), pm.polsbyPopper().min(), pm.reock().mean(),
                    ms.stream().mapToDouble(UnitMetrics::convexHullRatio).average().orElse(0), pure,
                    p == reference ? "(reference)" : sameGroup(p, reference, cs.size()) + " / " + cs.size(),
                    p == reference ? "(reference)" : String.format("%.0f %%", 100 * pairJaccard(p, reference, cs.size()))));
        }
        md.append("\nCommunities per group (old → new):\n\n| contender | distribution |\n|---|---|\n");
        for (Plan p : plans) md.append("| ").append(p.name()).append(" | ").append(distribution(p)).append(" |\n");
        md.append(String.format("| the real reform (only its totals are known here) | 49 → 18: %.2f on average |%n", 49.0 / 18));

        // how much the answer depends on the seed
        int inRange = 0;
        double ppLo = 1, ppHi = 0, cvLo = 1, cvHi = 0;
        Set<List<List<String>>> distinct = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            PlanSuggest.Result r = new PlanSuggest(units, target).setCount(GROUPS).setSeed(seed).setAllowOutsideTarget(true).suggest();
            if (r.withinTarget()) inRange++;
            ppLo = Math.min(ppLo, r.plan().polsbyPopper().mean());
            ppHi = Math.max(ppHi, r.plan().polsbyPopper().mean());
            cvLo = Math.min(cvLo, r.plan().size().cv());
            cvHi = Math.max(cvHi, r.plan().size().cv());
            distinct.add(r.groups().stream().map(PlanSuggest.Group::unitIds).toList());
        }
        md.append(String.format("%nSeeds 1–10 (default effort): all groups in range with %d of 10 seeds; %d different plans; Polsby-Popper mean "
                + "%.3f–%.3f; size CV %.3f–%.3f. The same seed always gives the same plan.%n", inRange, distinct.size(), ppLo, ppHi, cvLo, cvHi));

        PlanSuggest.Result maxP = new PlanSuggest(units, SizeTarget.households(target.min(), target.max())).setSeed(1).suggest();
        md.append(String.format("%nWith the minimum alone (no count: as many groups as fit, each %s): %d groups, households %,.0f–%,.0f.%n",
                target.describe(), maxP.count(), maxP.plan().size().min(), maxP.plan().size().max()));
        md.append(RegridBench.run(demo));
        return md.toString();
    }

    static Plan timed(String name, Supplier<List<List<Integer>>> contender) {
        List<Double> ms = new ArrayList<>(), cpu = new ArrayList<>();
        List<List<Integer>> groups = null;
        for (int i = 0; i < RUNS + 1; i++) { // the first run warms the JIT and is dropped
            long c = cpuNanos(), t = System.nanoTime();
            groups = contender.get();
            if (i > 0) { ms.add((System.nanoTime() - t) / 1e6); cpu.add((cpuNanos() - c) / 1e6); }
        }
        return new Plan(name, groups, Bench.median(ms), Bench.median(cpu));
    }

    /** CPU time of this thread: unlike wall time, not stretched when other processes share the cores. */
    static long cpuNanos() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    /** The 1-minute load average, so that wall times can be read against how busy the machine was. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The communities of a district, each with its old street (the demo's pre-2010 state). */
    static List<Community> communitiesOf(Dataset demo, String districtCode) {
        List<Unit> us = demo.units();
        List<Community> out = new ArrayList<>();
        for (Unit u : us) {
            if (!u.level().equals("community")) continue;
            Unit street = us.get(u.parentIndex());
            if (!us.get(street.parentIndex()).code().equals(districtCode)) continue;
            out.add(new Community(u.code(), street.code(), u.geom(), u.households(), u.population()));
        }
        return out;
    }

    static List<List<Integer>> groupsOf(List<Community> cs, PlanSuggest.Result r) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < cs.size(); i++) index.put(cs.get(i).code(), i);
        return r.groups().stream().map(g -> g.unitIds().stream().map(index::get).toList()).toList();
    }

    /** The suggestion run separately inside each old street, 3 groups each (6 × 3 = 18). */
    static List<List<Integer>> withinStreets(List<Community> cs, SizeTarget target) {
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> street : byStreet(cs).values()) {
            List<PlanSuggest.Unit> units = street.stream().map(i -> new PlanSuggest.Unit(cs.get(i).code(), cs.get(i).geom(),
                    cs.get(i).households(), cs.get(i).population())).toList();
            PlanSuggest.Result r = new PlanSuggest(units, target).setCount(GROUPS / 6).setSeed(1).setAllowOutsideTarget(true).suggest();
            for (PlanSuggest.Group g : r.groups()) {
                out.add(g.unitIds().stream().map(id -> street.get(units.stream().map(PlanSuggest.Unit::id).toList().indexOf(id))).toList());
            }
        }
        return out;
    }

    /** What one might do by hand: per street, communities in numbering order cut into 3 runs of about equal households. */
    static List<List<Integer>> naive(List<Community> cs) {
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> street : byStreet(cs).values()) {
            List<Integer> order = CellNumbering.order(street.stream().map(i -> (Geometry) cs.get(i).geom()).toList());
            long streetTotal = street.stream().mapToLong(i -> cs.get(i).households()).sum();
            int parts = GROUPS / 6;
            List<Integer> current = new ArrayList<>();
            long acc = 0;
            int made = 0;
            for (int k = 0; k < order.size(); k++) {
                int c = street.get(order.get(k));
                current.add(c);
                acc += cs.get(c).households();
                int leftUnits = order.size() - k - 1, leftGroups = parts - made - 1;
                if (made < parts - 1 && (acc >= streetTotal * (made + 1) / parts || leftUnits == leftGroups)) {
                    out.add(current);
                    current = new ArrayList<>();
                    made++;
                }
            }
            out.add(current);
        }
        return out;
    }

    static Map<String, List<Integer>> byStreet(List<Community> cs) {
        Map<String, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < cs.size(); i++) m.computeIfAbsent(cs.get(i).street(), s -> new ArrayList<>()).add(i);
        return m;
    }

    /** Communities whose group (the set of communities merged with it) is exactly the reference's. */
    static int sameGroup(Plan p, Plan ref, int n) {
        Map<Integer, Set<Integer>> a = groupOf(p), b = groupOf(ref);
        int same = 0;
        for (int i = 0; i < n; i++) if (a.get(i).equals(b.get(i))) same++;
        return same;
    }

    /** |pairs together in both| / |pairs together in either|. */
    static double pairJaccard(Plan p, Plan ref, int n) {
        Map<Integer, Set<Integer>> a = groupOf(p), b = groupOf(ref);
        int both = 0, either = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean x = a.get(i).contains(j), y = b.get(i).contains(j);
                if (x && y) both++;
                if (x || y) either++;
            }
        }
        return either == 0 ? 1 : (double) both / either;
    }

    static Map<Integer, Set<Integer>> groupOf(Plan p) {
        Map<Integer, Set<Integer>> m = new HashMap<>();
        for (List<Integer> g : p.groups()) for (int i : g) m.put(i, new HashSet<>(g));
        return m;
    }

    static String distribution(Plan p) {
        Map<Integer, Integer> hist = new TreeMap<>();
        for (List<Integer> g : p.groups()) hist.merge(g.size(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        hist.forEach((size, count) -> parts.add(count + " × " + size));
        return String.join(", ", parts);
    }

    /** {@code ./gridmap bench suggest}: no database needed. */
    static void run(String[] args) throws Exception {
        String md = run();
        System.out.println(md);
        Path out = Path.of("bench/target/suggest.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
    }
}
