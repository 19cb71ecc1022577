package gridmap.geo.partition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;

import gridmap.geo.CellNumbering;
import gridmap.geo.Polygons;
import gridmap.geo.metrics.MeasurePlan;
import gridmap.geo.metrics.MeasureUnit;
import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.metrics.TransverseMercator;
import gridmap.geo.metrics.UnitMetrics;

/**
 * Re-grids an area (a community): partitions it into grid cells of a target size in households,
 * compact and contiguous, where the households are (a {@link HouseholdDensity}).
 *
 * <p>How: the number of cells is the one that puts the average cell nearest the target's ideal
 * while keeping it in the range. Their shapes come from a capacity-constrained power diagram:
 * weighted k-means on sample points of the density (k-means++ start, then Lloyd steps that move each
 * site to the centre of its households while each site's power weight grows or shrinks until its
 * cell holds its share), the generalisation of the demo's Voronoi cells of relaxed seeds
 * ({@code VoronoiPartition}) to uneven densities. The diagram's edges and the area's boundary are
 * then noded together once and polygonised, each face goes to its site, and a cell that came out in
 * several pieces (a concave area can cut a convex power cell in two) gives its smaller pieces to the
 * neighbour they share most border with. A few rounds re-weight the sites on the exact counts of the
 * finished cells and keep the best.
 *
 * <p>Guarantees of a result:
 * <ul>
 * <li>every cell is a single polygon (contiguous), inside one part of the area;</li>
 * <li>the cells form an exact, edge-matched coverage of the area (shared edges have identical
 *     vertices: JTS {@code CoverageValidator} finds nothing) and their union is the area: the area's
 *     own vertices are kept, new vertices lie on its edges;</li>
 * <li>the cells' households are whole numbers that sum to the density's total in the area, rounded
 *     (largest remainder);</li>
 * <li>cells are numbered west→east, north→south ({@link CellNumbering}), serials from 1;</li>
 * <li>the same inputs and seed give the same cells.</li>
 * </ul>
 * Cells land in the target range where the density allows it; {@link Result#outsideTarget()} counts
 * those that do not (a part of the area too small for one cell of the minimum still gets one cell).
 *
 * <pre>
 * Regrid.Result r = Regrid.regrid(community, HouseholdDensity.polygons(cells, households), SizeTarget.households(300, 500));
 * Regrid.Result r = new Regrid(community, density, target).setSeed(7).setCellCount(12).regrid();
 * </pre>
 */
public final class Regrid {
    /** One new grid cell: its serial (1 = north-west), geometry, estimated households and shape measures (population not estimated: 0). */
    public record Cell(int serial, Polygon geometry, long households, UnitMetrics metrics) {}

    /** The new cells in numbering order, their total households, and how many miss the target range. */
    public record Result(List<Cell> cells, long totalHouseholds, SizeTarget target, int outsideTarget, PlanMetrics plan) {}

    private static final int LLOYD_STEPS = 60;
    private static final int REFINE_ROUNDS = 6;
    /** Refinement stops once every cell is in range and their sizes vary by less than this (coefficient of variation). */
    private static final double GOOD_ENOUGH_CV = 0.005;
    private static final int SAMPLES_PER_CELL = 200;

    private final Geometry area;
    private final HouseholdDensity density;
    private final SizeTarget target;
    private long seed;
    private Integer cellCount;

    public Regrid(Geometry area, HouseholdDensity density, SizeTarget target) {
        if (!(area instanceof Polygonal) || area.isEmpty()) throw new IllegalArgumentException("the area must be a non-empty polygon or multipolygon");
        if (!area.isValid()) throw new IllegalArgumentException("the area is not a valid polygon: repair it first");
        if (density == null || target == null) throw new IllegalArgumentException("a density and a target are needed");
        this.area = area;
        this.density = density;
        this.target = target;
    }

    public static Result regrid(Geometry area, HouseholdDensity density, SizeTarget target) {
        return new Regrid(area, density, target).regrid();
    }

    public Regrid setSeed(long seed) { this.seed = seed; return this; }

    /** Exactly this many cells (at least one per part of the area), instead of the count the target suggests. */
    public Regrid setCellCount(int count) {
        if (count < 1) throw new IllegalArgumentException("at least one cell");
        this.cellCount = count;
        return this;
    }

    public Result regrid() {
        List<Polygon> parts = Polygons.polygonsOf(area);
        parts.sort(Comparator.comparingDouble((Polygon p) -> p.getEnvelopeInternal().getMinX()).thenComparingDouble(p -> p.getEnvelopeInternal().getMinY()));
        double[] partMass = density.massOf(parts, area);
        int[] perPart = counts(partMass);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Polygon> cells = new ArrayList<>();
        List<Double> masses = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            Part done = perPart[p] == 1 ? new Part(List.of(parts.get(p)), new double[] {partMass[p]})
                    : new PartGrid(parts.get(p), perPart[p], rng.split()).run();
            cells.addAll(done.cells);
            for (double m : done.masses) masses.add(m);
        }
        long total = Math.round(masses.stream().mapToDouble(Double::doubleValue).sum());
        long[] households = LargestRemainder.apportion(total, masses.stream().mapToDouble(Double::doubleValue).toArray());
        List<Integer> order = CellNumbering.order(cells);
        TransverseMercator tm = TransverseMercator.about(area);
        List<Cell> out = new ArrayList<>();
        List<UnitMetrics> ms = new ArrayList<>();
        for (int s = 1; s <= order.size(); s++) {
            int i = order.get(s - 1);
            UnitMetrics m = new MeasureUnit(cells.get(i)).setCounts(households[i], 0).setTarget(target).setProjection(tm).measure();
            ms.add(m);
            out.add(new Cell(s, cells.get(i), households[i], m));
        }
        PlanMetrics plan = new MeasurePlan(ms).setTarget(target).measure();
        return new Result(List.copyOf(out), total, target, plan.outsideTarget(), plan);
    }

    /** Cells per part: the count the target suggests for each, or the requested total shared by households. */
    private int[] counts(double[] partMass) {
        int n = partMass.length;
        int[] k = new int[n];
        if (cellCount == null) {
            for (int p = 0; p < n; p++) k[p] = suggestedCount(partMass[p]);
            return k;
        }
        if (cellCount < n) throw new IllegalArgumentException("the area has " + n + " separate parts, so it needs at least " + n + " cells");
        double total = Arrays.stream(partMass).sum();
        long[] share = LargestRemainder.apportion(cellCount - n, total == 0 ? uniform(n) : partMass);
        for (int p = 0; p < n; p++) k[p] = 1 + (int) share[p];
        return k;
    }

    private int suggestedCount(double mass) {
        if (mass <= 0) return 1;
        int lo = (int) Math.max(1, Math.ceil(mass / target.max() - 1e-9));
        int hi = (int) Math.floor(mass / target.min() + 1e-9);
        int ideal = (int) Math.max(1, Math.round(mass / target.ideal()));
        return lo <= hi ? Math.max(lo, Math.min(hi, ideal)) : ideal;
    }

    private static double[] uniform(int n) { double[] w = new double[n]; Arrays.fill(w, 1); return w; }

    /** The cells of one part and their (fractional) households. */
    private record Part(List<Polygon> cells, double[] masses) {}

    /** The partition of one polygon of the area into k cells. */
    private final class PartGrid {
        final Polygon part;
        final int k;
        final SplittableRandom rng;
        final LocalFrame frame;
        final IndexedPointInAreaLocator inPart;

        PartGrid(Polygon part, int k, SplittableRandom rng) {
            this.part = part;
            this.k = k;
            this.rng = rng;
            this.frame = LocalFrame.about(part);
            this.inPart = new IndexedPointInAreaLocator(part);
        }

        Part run() {
            HouseholdDensity.Samples samples = density.samples(part, area, frame, SAMPLES_PER_CELL * k);
            if (samples.size() < k) { // too few households to place k sites by: spread them by area instead
                samples = HouseholdDensity.uniform(1).samples(part, part, frame, SAMPLES_PER_CELL * k);
            }
            if (samples.size() == 0) { // a sliver no grid point falls in: one site at its interior point
                Coordinate c = part.getInteriorPoint().getCoordinate();
                samples.add(frame.x(c.x), frame.y(c.y), 1);
            }
            double[][] sites = kmeansPlusPlus(samples);
            double[] w = new double[k];
            capacityLloyd(samples, sites, w);

            Part best = null;
            int bestOutside = Integer.MAX_VALUE;
            double bestSpread = Double.POSITIVE_INFINITY;
            for (int round = 0; round <= REFINE_ROUNDS; round++) {
                Faces f = faces(sites, w);
                double[] mass = new double[k];
                for (int i = 0; i < f.polys.size(); i++) mass[f.owner[i]] += f.mass[i];
                int outside = 0;
                double spread = 0, mean = Arrays.stream(mass).sum() / k;
                for (int c = 0; c < k; c++) {
                    if (f.ownsAny[c] && !target.contains(mass[c])) outside++;
                    spread += (mass[c] - mean) * (mass[c] - mean);
                }
                if (outside < bestOutside || (outside == bestOutside && spread < bestSpread)) {
                    best = f.dissolve(k);
                    bestOutside = outside;
                    bestSpread = spread;
                }
                if (outside == 0 && Math.sqrt(spread / k) / Math.max(mean, 1e-9) < GOOD_ENOUGH_CV) break;
                reweight(f, sites, w, mass, mean);
            }
            return best;
        }

        /**
         * One damped Newton step on the weights towards equal counts, on the finished cells: raising
         * w_i by δ moves its border with j by δ/(2·d_ij), gaining about ρ·L_ij·δ/(2·d_ij) households
         * (L the shared border, d the distance between the sites, ρ the density there), so each cell
         * moves by its deficit over that rate; half of it, as its neighbours move too.
         */
        void reweight(Faces f, double[][] sites, double[] w, double[] mass, double mean) {
            double scale = frame.metresPerDegLon() * frame.metresPerDegLat();
            double[] cellArea = new double[k];
            for (int i = 0; i < f.polys.size(); i++) cellArea[f.owner[i]] += f.polys.get(i).getArea() * scale;
            double[][] border = f.cellBorders(k);
            for (int c = 0; c < k; c++) {
                double rate = 0;
                for (int d = 0; d < k; d++) {
                    if (border[c][d] == 0) continue;
                    double dist = Math.hypot(sites[c][0] - sites[d][0], sites[c][1] - sites[d][1]);
                    double rho = (density(mass[c], cellArea[c]) + density(mass[d], cellArea[d])) / 2;
                    rate += rho * border[c][d] / (2 * Math.max(dist, 1e-6));
                }
                if (rate > 0) w[c] += 0.5 * (mean - mass[c]) / rate;
            }
        }

        private static double density(double mass, double area) { return area > 0 ? mass / area : 0; }

        /** k-means++ start: each next site drawn with probability weight × squared distance to the nearest site so far. */
        double[][] kmeansPlusPlus(HouseholdDensity.Samples s) {
            int m = s.size();
            double[][] sites = new double[k][];
            double[] d2 = new double[m];
            Arrays.fill(d2, Double.POSITIVE_INFINITY);
            for (int c = 0; c < k; c++) {
                double total = 0;
                for (int t = 0; t < m; t++) total += s.xyw.get(t)[2] * (c == 0 ? 1 : d2[t]);
                double x = rng.nextDouble() * total;
                int pick = m - 1;
                for (int t = 0; t < m; t++) {
                    x -= s.xyw.get(t)[2] * (c == 0 ? 1 : d2[t]);
                    if (x < 0) { pick = t; break; }
                }
                double[] p = s.xyw.get(pick);
                sites[c] = new double[] {p[0], p[1]};
                for (int t = 0; t < m; t++) {
                    double dx = s.xyw.get(t)[0] - p[0], dy = s.xyw.get(t)[1] - p[1];
                    d2[t] = Math.min(d2[t], dx * dx + dy * dy);
                }
            }
            separate(sites);
            return sites;
        }

        /** Lloyd steps in the power metric with weights adjusted towards equal households per site. */
        void capacityLloyd(HouseholdDensity.Samples s, double[][] sites, double[] w) {
            int m = s.size();
            double total = 0;
            for (double[] p : s.xyw) total += p[2];
            double share = total / k;
            double area = part.getArea() * frame.metresPerDegLon() * frame.metresPerDegLat();
            for (int step = 0; step < LLOYD_STEPS; step++) {
                double[] mass = new double[k], sx = new double[k], sy = new double[k];
                for (int t = 0; t < m; t++) {
                    double[] p = s.xyw.get(t);
                    int c = nearest(sites, w, p[0], p[1]);
                    mass[c] += p[2];
                    sx[c] += p[0] * p[2];
                    sy[c] += p[1] * p[2];
                }
                for (int c = 0; c < k; c++) {
                    if (mass[c] > 0) { sites[c][0] = sx[c] / mass[c]; sites[c][1] = sy[c] / mass[c]; }
                    w[c] += 0.3 * (share - mass[c]) / Math.max(share, 1e-9) * area / k;
                }
                double mean = Arrays.stream(w).sum() / k;
                for (int c = 0; c < k; c++) w[c] -= mean;
                separate(sites);
            }
        }

        /** Sites must be distinct for their bisectors to exist: nudge exact duplicates by a millimetre. */
        void separate(double[][] sites) {
            for (int a = 0; a < sites.length; a++) {
                for (int b = 0; b < a; b++) {
                    if (sites[a][0] == sites[b][0] && sites[a][1] == sites[b][1]) sites[a][0] += 1e-3 * (a + 1);
                }
            }
        }

        int nearest(double[][] sites, double[] w, double x, double y) {
            int best = 0;
            double bd = Double.POSITIVE_INFINITY;
            for (int c = 0; c < sites.length; c++) {
                double dx = x - sites[c][0], dy = y - sites[c][1], d = dx * dx + dy * dy - w[c];
                if (d < bd) { bd = d; best = c; }
            }
            return best;
        }

        /** The faces of the part cut by the power diagram, each given to a site, pieces cut off their cell handed to neighbours. */
        Faces faces(double[][] sites, double[] w) {
            double[] x = new double[k], y = new double[k];
            for (int c = 0; c < k; c++) { x[c] = sites[c][0]; y[c] = sites[c][1]; }
            Envelope env = part.getEnvelopeInternal();
            Envelope box = new Envelope(frame.x(env.getMinX()), frame.x(env.getMaxX()), frame.y(env.getMinY()), frame.y(env.getMaxY()));
            for (double[] s : sites) box.expandToInclude(s[0], s[1]);
            box.expandBy(Math.max(box.getWidth(), box.getHeight()) * 0.1 + 1);
            List<Geometry> lines = new ArrayList<>();
            for (double[] ring : new PowerDiagram(x, y, w, box).cells()) {
                if (ring.length < 6) continue;
                CoordinateList cl = new CoordinateList();
                for (int t = 0; t <= ring.length / 2; t++) {
                    int v = t % (ring.length / 2);
                    cl.add(frame.toLonLat(ring[2 * v], ring[2 * v + 1]), false);
                }
                if (cl.size() >= 4) lines.add(Polygons.WGS84.createLineString(cl.toCoordinateArray()));
            }
            lines.add(part.getBoundary());
            // one noding of all linework, in floating point: the area's vertices stay where they are
            Geometry noded = OverlayNGRobust.union(Polygons.WGS84.buildGeometry(lines));
            Polygonizer polygonizer = new Polygonizer();
            polygonizer.add(noded);
            @SuppressWarnings("unchecked")
            List<Polygon> all = new ArrayList<>(polygonizer.getPolygons());
            List<Polygon> polys = new ArrayList<>();
            for (Polygon face : all) {
                if (inPart.locate(face.getInteriorPoint().getCoordinate()) == Location.INTERIOR) polys.add(face);
            }
            polys.sort(Comparator.comparingDouble((Polygon p) -> p.getEnvelopeInternal().getMinX())
                    .thenComparingDouble(p -> p.getEnvelopeInternal().getMinY()).thenComparingDouble(Polygon::getArea));
            int[] owner = new int[polys.size()];
            for (int i = 0; i < polys.size(); i++) {
                Coordinate c = polys.get(i).getInteriorPoint().getCoordinate();
                owner[i] = nearest(sites, w, frame.x(c.x), frame.y(c.y));
            }
            Faces f = new Faces(polys, owner, density.massOf(polys, area), k, frame);
            f.makeContiguous();
            return f;
        }
    }

    /** Faces of one noding, their owners, households, and which share a border with which. */
    private static final class Faces {
        final List<Polygon> polys;
        final int[] owner;
        final double[] mass;
        final boolean[] ownsAny;
        final List<Map<Integer, Double>> shared = new ArrayList<>();

        Faces(List<Polygon> polys, int[] owner, double[] mass, int k, LocalFrame frame) {
            this.polys = polys;
            this.owner = owner;
            this.mass = mass;
            this.ownsAny = new boolean[k];
            Map<List<Double>, Integer> first = new HashMap<>();
            for (int i = 0; i < polys.size(); i++) shared.add(new HashMap<>());
            for (int i = 0; i < polys.size(); i++) {
                Polygon p = polys.get(i);
                for (int r = -1; r < p.getNumInteriorRing(); r++) {
                    LineString ring = r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r);
                    CoordinateSequence s = ring.getCoordinateSequence();
                    for (int t = 1; t < s.size(); t++) {
                        double ax = s.getX(t - 1), ay = s.getY(t - 1), bx = s.getX(t), by = s.getY(t);
                        boolean swap = ax > bx || (ax == bx && ay > by);
                        List<Double> key = swap ? List.of(bx, by, ax, ay) : List.of(ax, ay, bx, by);
                        Integer other = first.putIfAbsent(key, i);
                        if (other != null && other != i) {
                            double len = Math.hypot(frame.x(bx) - frame.x(ax), frame.y(by) - frame.y(ay));
                            shared.get(i).merge(other, len, Double::sum);
                            shared.get(other).merge(i, len, Double::sum);
                        }
                    }
                }
            }
        }

        /** Border length in frame metres between each two cells. */
        double[][] cellBorders(int k) {
            double[][] b = new double[k][k];
            for (int i = 0; i < polys.size(); i++) {
                for (Map.Entry<Integer, Double> e : shared.get(i).entrySet()) {
                    if (owner[e.getKey()] != owner[i]) b[owner[i]][owner[e.getKey()]] += e.getValue();
                }
            }
            return b;
        }

        /** Hands every piece of a cell but its largest to the neighbouring cell it shares most border with, until each cell is one piece. */
        void makeContiguous() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (List<Integer> piece : strayPieces()) {
                    Map<Integer, Double> border = new HashMap<>();
                    for (int f : piece) {
                        for (Map.Entry<Integer, Double> e : shared.get(f).entrySet()) {
                            if (owner[e.getKey()] != owner[f]) border.merge(owner[e.getKey()], e.getValue(), Double::sum);
                        }
                    }
                    int to = border.entrySet().stream()
                            .max(Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                            .map(Map.Entry::getKey).orElse(-1);
                    if (to < 0) continue; // touches no other cell: cannot happen inside one polygon
                    for (int f : piece) owner[f] = to;
                    changed = true;
                    break; // pieces were computed for the old owners: look again
                }
            }
            Arrays.fill(ownsAny, false);
            for (int o : owner) ownsAny[o] = true;
        }

        /** The pieces (connected sets of faces) of every cell except each cell's largest. */
        private List<List<Integer>> strayPieces() {
            int n = polys.size();
            int[] comp = new int[n];
            Arrays.fill(comp, -1);
            List<List<Integer>> pieces = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                if (comp[s] >= 0) continue;
                List<Integer> piece = new ArrayList<>();
                ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
                comp[s] = pieces.size();
                while (!queue.isEmpty()) {
                    int f = queue.poll();
                    piece.add(f);
                    for (int g : new java.util.TreeSet<>(shared.get(f).keySet())) {
                        if (comp[g] < 0 && owner[g] == owner[f]) { comp[g] = pieces.size(); queue.add(g); }
                    }
                }
                pieces.add(piece);
            }
            Map<Integer, Integer> largest = new HashMap<>();
            for (int p = 0; p < pieces.size(); p++) {
                int o = owner[pieces.get(p).get(0)];
                Integer cur = largest.get(o);
                if (cur == null || area(pieces.get(p)) > area(pieces.get(cur))) largest.put(o, p);
            }
            List<List<Integer>> stray = new ArrayList<>();
            for (int p = 0; p < pieces.size(); p++) if (largest.get(owner[pieces.get(p).get(0)]) != p) stray.add(pieces.get(p));
            stray.sort(Comparator.comparingDouble(this::area));
            return stray;
        }

        private double area(List<Integer> piece) {
            double a = 0;
            for (int f : piece) a += polys.get(f).getArea();
            return a;
        }

        /** One polygon per cell that owns faces, and its households. */
        Part dissolve(int k) {
            List<Polygon> cells = new ArrayList<>();
            List<Double> masses = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                List<Geometry> mine = new ArrayList<>();
                double m = 0;
                for (int i = 0; i < polys.size(); i++) if (owner[i] == c) { mine.add(polys.get(i)); m += mass[i]; }
                if (mine.isEmpty()) continue;
                MultiPolygon d = Polygons.dissolve(mine);
                if (d.getNumGeometries() != 1) throw new IllegalStateException("a re-grid cell came out in " + d.getNumGeometries() + " pieces");
                cells.add((Polygon) d.getGeometryN(0));
                masses.add(m);
            }
            return new Part(cells, masses.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
