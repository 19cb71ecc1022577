package gridmap.geo.partition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygonal;

import gridmap.geo.CellNumbering;
import gridmap.geo.Polygons;
import gridmap.geo.metrics.MeasurePlan;
import gridmap.geo.metrics.MeasureUnit;
import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.metrics.TransverseMercator;
import gridmap.geo.metrics.UnitMetrics;

/**
 * Suggests which units to merge so that each merged unit reaches a target size: "which communities
 * should we merge to reach 3,000–5,000 households each?". Either the number of groups is given, or
 * the number is made as large as the range allows (max-p: every group at least the minimum).
 *
 * <p>Guarantees of a result:
 * <ul>
 * <li>every unit is in exactly one group, and every group is connected by shared borders (never
 *     through a mere point, see {@link UnitAdjacency}): a group of one-part units dissolves into a
 *     single polygon;</li>
 * <li>every group lies in the target range, unless {@link #setAllowOutsideTarget} is set; when no
 *     plan in range was found the request fails with an {@link InfeasibleTargetException} whose
 *     message says what would work, and which carries the closest plan found;</li>
 * <li>the same units, options and seed give the same groups, in the same order (groups are
 *     numbered west→east, north→south like grid cells);</li>
 * <li>among plans in range, the search prefers compact groups (Polsby-Popper) of balanced size; see
 *     {@link RegionSearch} for the algorithm and the literature it follows.</li>
 * </ul>
 *
 * <pre>
 * PlanSuggest.Result r = PlanSuggest.suggest(units, SizeTarget.households(3000, 5000), 18);
 * PlanSuggest.Result r = new PlanSuggest(units, SizeTarget.households(3000, 5000)).setSeed(7).suggest(); // as many as fit
 * </pre>
 */
public final class PlanSuggest {
    /** A unit to group: id, lon/lat geometry, and its counts. */
    public record Unit(String id, Geometry geometry, long households, long population) {
        public Unit {
            if (id == null || id.isBlank()) throw new IllegalArgumentException("a unit needs an id");
            if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
                throw new IllegalArgumentException("unit " + id + " needs a polygon or multipolygon");
            }
            if (!geometry.isValid()) throw new IllegalArgumentException("unit " + id + " is not a valid polygon: repair it first");
            if (households < 0 || population < 0) throw new IllegalArgumentException("unit " + id + " has a negative count");
        }
    }

    /** One suggested merged unit: its number (1 = north-west), the ids it merges, its geometry and measures. */
    public record Group(int number, List<String> unitIds, MultiPolygon geometry, UnitMetrics metrics) {}

    /** The suggestion: groups in numbering order, the plan's measures, and whether every group is in range. */
    public record Result(List<Group> groups, PlanMetrics plan, SizeTarget target, long seed, boolean withinTarget) {
        public int count() { return groups.size(); }
    }

    private final List<Unit> units;
    private final SizeTarget target;
    private Integer count;
    private long seed;
    private double balanceWeight = 1;
    private double compactnessWeight = 1;
    private int restarts = 12;
    private int rounds = 400;
    private boolean allowOutside;
    private UnitAdjacency adjacency;

    public PlanSuggest(List<Unit> units, SizeTarget target) {
        if (units == null || units.isEmpty()) throw new IllegalArgumentException("no units to group");
        if (target == null) throw new IllegalArgumentException("a target size is needed");
        Set<String> ids = new HashSet<>();
        for (Unit u : units) if (!ids.add(u.id())) throw new IllegalArgumentException("unit id " + u.id() + " appears twice");
        this.units = List.copyOf(units);
        this.target = target;
    }

    /** count groups, each in the target range, seed 0. */
    public static Result suggest(List<Unit> units, SizeTarget target, int count) {
        return new PlanSuggest(units, target).setCount(count).suggest();
    }

    /** Exactly this many groups (default: as many as the range allows). */
    public PlanSuggest setCount(int count) {
        if (count < 1) throw new IllegalArgumentException("the number of groups must be at least 1");
        this.count = count;
        return this;
    }

    public PlanSuggest setSeed(long seed) { this.seed = seed; return this; }

    /** Weight of size balance (squared relative deviation from the ideal) against compactness; default 1. */
    public PlanSuggest setBalanceWeight(double w) { this.balanceWeight = nonNegative(w); return this; }

    /** Weight of compactness (1/Polsby-Popper − 1 per group); default 1. */
    public PlanSuggest setCompactnessWeight(double w) { this.compactnessWeight = nonNegative(w); return this; }

    /** Search effort: independent starts, and perturbation rounds per start (defaults 12 and 400; a start also ends after rounds/5 rounds without a better plan: about 0.1 s of CPU for 49 units into 18). */
    public PlanSuggest setEffort(int restarts, int rounds) {
        if (restarts < 1 || rounds < 0) throw new IllegalArgumentException("effort needs at least one start and no negative rounds");
        this.restarts = restarts;
        this.rounds = rounds;
        return this;
    }

    /** Return the closest plan even when some groups miss the range (default: refuse with a reason). */
    public PlanSuggest setAllowOutsideTarget(boolean allow) { this.allowOutside = allow; return this; }

    /** Use this adjacency of the units (same order) instead of computing it. */
    public PlanSuggest setAdjacency(UnitAdjacency adjacency) {
        if (adjacency.size() != units.size()) throw new IllegalArgumentException("adjacency is for " + adjacency.size() + " units, not " + units.size());
        this.adjacency = adjacency;
        return this;
    }

    public Result suggest() {
        int n = units.size();
        List<Geometry> geoms = units.stream().map(Unit::geometry).toList();
        TransverseMercator tm = TransverseMercator.about(Polygons.WGS84.buildGeometry(geoms));
        UnitAdjacency adj = adjacency != null ? adjacency : new UnitAdjacency.Options().setProjection(tm).compute(geoms);
        double[] size = new double[n], area = new double[n], perim = new double[n], cx = new double[n], cy = new double[n];
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            Geometry p = tm.project(u.geometry());
            size[i] = target.basis().of(u.households(), u.population());
            area[i] = p.getArea();
            perim[i] = p.getLength();
            Coordinate c = p.getCentroid().getCoordinate();
            cx[i] = c.x;
            cy[i] = c.y;
        }
        List<int[]> comps = adj.components();
        double[] compTotal = new double[comps.size()];
        for (int c = 0; c < comps.size(); c++) for (int u : comps.get(c)) compTotal[c] += size[u];

        Feasibility f = new Feasibility(comps, compTotal, size);
        List<String> refused = f.refusals();
        if (!refused.isEmpty()) throw new InfeasibleTargetException(refused, null);

        RegionSearch search = new RegionSearch(size, area, perim, cx, cy, adj, target.min(), target.max(), target.ideal(),
                balanceWeight, compactnessWeight);
        Attempt best = null;
        if (count != null) {
            best = attempt(search, comps, f.allocate(count), tm);
        } else {
            for (int k = f.maxPTop(); k >= f.maxPBottom(); k--) {
                Attempt a = attempt(search, comps, f.allocate(k), tm);
                if (best == null || a.outside < best.outside) best = a;
                if (a.outside == 0) break;
            }
        }
        if (best.outside > 0 && !allowOutside) throw new InfeasibleTargetException(f.notFound(best.result), best.result);
        return best.result;
    }

    private record Attempt(Result result, int outside) {}

    private Attempt attempt(RegionSearch search, List<int[]> comps, int[] perComponent, TransverseMercator tm) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < comps.size(); c++) {
            RegionSearch.Solution s = search.solve(comps.get(c), perComponent[c], rng.split(), restarts, rounds);
            List<List<Integer>> mine = new ArrayList<>();
            for (int r = 0; r < perComponent[c]; r++) mine.add(new ArrayList<>());
            for (int t = 0; t < s.units().length; t++) mine.get(s.regionOf()[t]).add(s.units()[t]);
            groups.addAll(mine);
        }
        Result r = build(groups, tm);
        return new Attempt(r, r.plan().outsideTarget());
    }

    private Result build(List<List<Integer>> groups, TransverseMercator tm) {
        List<MultiPolygon> geoms = new ArrayList<>();
        for (List<Integer> g : groups) geoms.add(Polygons.dissolve(g.stream().map(i -> units.get(i).geometry()).toList()));
        List<Integer> order = CellNumbering.order(geoms);
        List<Group> out = new ArrayList<>();
        List<UnitMetrics> metrics = new ArrayList<>();
        for (int number = 1; number <= order.size(); number++) {
            int gi = order.get(number - 1);
            List<Integer> members = groups.get(gi);
            long hh = 0, pop = 0;
            for (int i : members) { hh += units.get(i).households(); pop += units.get(i).population(); }
            UnitMetrics m = new MeasureUnit(geoms.get(gi)).setCounts(hh, pop).setTarget(target).setProjection(tm).measure();
            metrics.add(m);
            out.add(new Group(number, members.stream().map(i -> units.get(i).id()).toList(), geoms.get(gi), m));
        }
        PlanMetrics plan = new MeasurePlan(metrics).setTarget(target).measure();
        return new Result(List.copyOf(out), plan, target, seed, plan.outsideTarget() == 0);
    }

    /** What the range and the adjacency allow: how many groups each connected component can hold. */
    private final class Feasibility {
        final List<int[]> comps;
        final double[] total;
        final double[] size;
        /** Groups each component may get: from the range, or any number from 1 to its units when groups may miss it. */
        final int[] lo, hi;
        /** What the range alone allows per component (lo may exceed hi: then no count fits it). */
        final int[] rangeLo, rangeHi;

        Feasibility(List<int[]> comps, double[] total, double[] size) {
            this.comps = comps;
            this.total = total;
            this.size = size;
            int m = comps.size();
            lo = new int[m];
            hi = new int[m];
            rangeLo = new int[m];
            rangeHi = new int[m];
            for (int c = 0; c < m; c++) {
                int nc = comps.get(c).length;
                rangeLo[c] = (int) Math.max(1, Math.ceil(total[c] / target.max() - 1e-9));
                rangeHi[c] = (int) Math.min(nc, Math.floor(total[c] / target.min() + 1e-9));
                lo[c] = allowOutside ? 1 : rangeLo[c];
                hi[c] = allowOutside ? nc : rangeHi[c];
            }
        }

        int minGroups() { int s = 0; for (int v : lo) s += v; return s; }

        int maxGroups() { int s = 0; for (int v : hi) s += v; return s; }

        /** The counts max-p mode tries, largest first: those the range could allow. */
        int maxPTop() {
            int s = 0;
            for (int c = 0; c < hi.length; c++) s += Math.max(1, Math.min(rangeHi[c], hi[c]));
            return s;
        }

        int maxPBottom() {
            int s = 0;
            for (int c = 0; c < lo.length; c++) s += Math.max(lo[c], Math.min(rangeLo[c], rangeHi[c]));
            return Math.min(s, maxPTop());
        }

        List<String> refusals() {
            List<String> out = new ArrayList<>();
            String range = target.describe();
            if (count != null && count > units.size()) { // the rest would only repeat it in other words
                return List.of(count + " groups were asked of only " + units.size() + " units.");
            }
            if (count != null && count < comps.size()) {
                out.add("The units fall into " + comps.size() + " separate areas that share no border (" + describeComponents()
                        + "), so they need at least " + comps.size() + " groups, not " + count + ".");
            }
            if (allowOutside) return out;
            for (int i = 0; i < units.size(); i++) {
                if (size[i] > target.max()) {
                    out.add("Unit " + units.get(i).id() + " alone has " + fmt(size[i]) + " " + basisWord() + ", above the maximum "
                            + fmt(target.max()) + ": split it first or raise the maximum to at least " + fmt(size[i]) + ".");
                }
            }
            for (int c = 0; c < comps.size(); c++) {
                if (lo[c] <= hi[c]) continue;
                String which = comps.size() == 1 ? "The units" : "Units " + ids(comps.get(c)) + " (sharing no border with the others)";
                if (total[c] < target.min()) {
                    out.add(which + " hold only " + fmt(total[c]) + " " + basisWord() + " together, below the minimum " + fmt(target.min()) + ".");
                } else {
                    out.add(which + " hold " + fmt(total[c]) + " " + basisWord() + ": no number of groups puts each in " + range + ".");
                }
            }
            if (out.isEmpty() && count != null && (count < minGroups() || count > maxGroups())) {
                double mean = sum(total) / count;
                out.add(count + " groups of " + range + " cannot hold the " + fmt(sum(total)) + " " + basisWord()
                        + " of these units (" + fmt(mean) + " per group on average): choose "
                        + (minGroups() == maxGroups() ? minGroups() + " groups" : "between " + minGroups() + " and " + maxGroups() + " groups")
                        + ", or a range that includes " + fmt(Math.round(mean)) + ".");
            }
            return out;
        }

        /** Groups per component: each at least its minimum, the rest to the components with the largest groups. */
        int[] allocate(int k) {
            int[] kc = lo.clone();
            int left = k - minGroups();
            while (left-- > 0) {
                int best = -1;
                for (int c = 0; c < kc.length; c++) {
                    if (kc[c] >= hi[c]) continue;
                    if (best < 0 || total[c] / kc[c] > total[best] / kc[best]) best = c;
                }
                kc[best]++;
            }
            return kc;
        }

        List<String> notFound(Result best) {
            List<String> out = new ArrayList<>();
            List<String> misses = new ArrayList<>();
            double lowest = Double.POSITIVE_INFINITY, highest = Double.NEGATIVE_INFINITY;
            for (Group g : best.groups()) {
                double s = g.metrics().size();
                lowest = Math.min(lowest, s);
                highest = Math.max(highest, s);
                if (!target.contains(s)) misses.add("group " + g.number() + " (" + String.join(", ", g.unitIds()) + "): " + fmt(s));
            }
            out.add("No grouping into " + (count != null ? count + " " : "") + "groups of " + target.describe()
                    + " was found; the closest has " + misses.size() + " outside the range: " + String.join("; ", misses) + ".");
            String widen = target.bounded()
                    ? "Widen the range to " + fmt(Math.min(lowest, target.min())) + "–" + fmt(Math.max(highest, target.max()))
                    : "Lower the minimum to " + fmt(Math.min(lowest, target.min()));
            out.add(widen + (count != null ? ", or ask for " + (count - 1) + " or " + (count + 1) + " groups" : "")
                    + ", or accept the closest plan and edit it.");
            return out;
        }

        private String describeComponents() {
            List<String> parts = new ArrayList<>();
            for (int[] c : comps) parts.add(ids(c));
            return String.join(" / ", parts);
        }

        private String ids(int[] members) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(members.length, 8); i++) out.add(units.get(members[i]).id());
            return String.join(", ", out) + (members.length > 8 ? " and " + (members.length - 8) + " more" : "");
        }

        private String basisWord() { return target.basis().name().toLowerCase(); }
    }

    private static double sum(double[] v) { double s = 0; for (double x : v) s += x; return s; }

    private static String fmt(double v) { return String.format("%,d", Math.round(v)); }

    private static double nonNegative(double w) {
        if (!(w >= 0) || !Double.isFinite(w)) throw new IllegalArgumentException("weights must be finite and not negative");
        return w;
    }
}
