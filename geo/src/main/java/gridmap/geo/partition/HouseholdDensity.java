package gridmap.geo.partition;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Where the households of an area are, for {@link Regrid}: at points (e.g. geocoded households,
 * buildings with their households), spread evenly over polygons (e.g. the current grid cells with
 * their households: area-weighted), or spread evenly over the whole area. Coordinates lon/lat.
 *
 * <p>Counts that fall outside the area being re-gridded do not count: the households of an area
 * are those of the density that lie in it (for polygons, their share by area).
 */
public final class HouseholdDensity {
    private final List<Coordinate> points;
    private final List<Geometry> polygons;
    private final double[] counts;
    private final double uniformTotal;
    private final STRtree polygonIndex;
    private final IndexedPointInAreaLocator[] polygonLocators;

    private HouseholdDensity(List<Coordinate> points, List<Geometry> polygons, double[] counts, double uniformTotal) {
        this.points = points;
        this.polygons = polygons;
        this.counts = counts;
        this.uniformTotal = uniformTotal;
        this.polygonIndex = new STRtree();
        this.polygonLocators = new IndexedPointInAreaLocator[polygons == null ? 0 : polygons.size()];
        for (int j = 0; j < polygonLocators.length; j++) {
            polygonIndex.insert(polygons.get(j).getEnvelopeInternal(), j);
            polygonLocators[j] = new IndexedPointInAreaLocator(polygons.get(j));
        }
        polygonIndex.build();
    }

    /** households[i] households at points[i]. */
    public static HouseholdDensity points(List<Coordinate> points, double[] households) {
        checkCounts(points.size(), households);
        return new HouseholdDensity(List.copyOf(points), null, households.clone(), 0);
    }

    /** households[i] households spread evenly over polygons[i] (which should not overlap each other). */
    public static HouseholdDensity polygons(List<? extends Geometry> polygons, double[] households) {
        checkCounts(polygons.size(), households);
        for (Geometry g : polygons) {
            if (!(g instanceof Polygonal) || g.isEmpty()) throw new IllegalArgumentException("density polygons must be non-empty polygons");
        }
        return new HouseholdDensity(null, List.copyOf(polygons), households.clone(), 0);
    }

    /** households spread evenly over the area being re-gridded. */
    public static HouseholdDensity uniform(double households) {
        if (!(households >= 0) || !Double.isFinite(households)) throw new IllegalArgumentException("households must be a finite count ≥ 0");
        return new HouseholdDensity(null, null, null, households);
    }

    private static void checkCounts(int n, double[] households) {
        if (households.length != n) throw new IllegalArgumentException(n + " places but " + households.length + " household counts");
        for (double h : households) {
            if (!(h >= 0) || !Double.isFinite(h)) throw new IllegalArgumentException("household counts must be finite and ≥ 0");
        }
    }

    /**
     * The households in each of the given pieces, which must not overlap (a point on a shared edge
     * counts once, for the first piece that holds it); area is what the pieces partition.
     */
    double[] massOf(List<? extends Geometry> pieces, Geometry area) {
        double[] m = new double[pieces.size()];
        if (points != null) {
            STRtree index = new STRtree();
            for (int i = 0; i < pieces.size(); i++) index.insert(pieces.get(i).getEnvelopeInternal(), i);
            IndexedPointInAreaLocator[] loc = new IndexedPointInAreaLocator[pieces.size()];
            for (int p = 0; p < points.size(); p++) {
                Coordinate c = points.get(p);
                @SuppressWarnings("unchecked")
                List<Integer> hits = index.query(new Envelope(c));
                hits.sort(null);
                for (int i : hits) {
                    if (loc[i] == null) loc[i] = new IndexedPointInAreaLocator(pieces.get(i));
                    if (loc[i].locate(c) != Location.EXTERIOR) { m[i] += counts[p]; break; }
                }
            }
        } else if (polygons != null) {
            STRtree index = polygonIndex;
            for (int i = 0; i < pieces.size(); i++) {
                Geometry piece = pieces.get(i);
                @SuppressWarnings("unchecked")
                List<Integer> hits = index.query(piece.getEnvelopeInternal());
                hits.sort(null);
                for (int j : hits) {
                    double whole = polygons.get(j).getArea();
                    if (whole == 0) continue;
                    // degree² areas: within one small polygon their ratio is the ratio in metres
                    double common = OverlayNGRobust.overlay(piece, polygons.get(j), OverlayNG.INTERSECTION).getArea();
                    m[i] += counts[j] * common / whole;
                }
            }
        } else {
            double whole = area.getArea();
            for (int i = 0; i < pieces.size(); i++) m[i] = whole == 0 ? 0 : uniformTotal * pieces.get(i).getArea() / whole;
        }
        return m;
    }

    /**
     * Weighted sample points of the density inside part, in the frame's metres, about target of them:
     * the points themselves, or a regular grid weighted by the density where it falls.
     */
    Samples samples(Geometry part, Geometry area, LocalFrame frame, int target) {
        IndexedPointInAreaLocator inPart = new IndexedPointInAreaLocator(part);
        Samples s = new Samples();
        if (points != null) {
            for (int p = 0; p < points.size(); p++) {
                Coordinate c = points.get(p);
                if (counts[p] > 0 && inPart.locate(c) != Location.EXTERIOR) s.add(frame.x(c.x), frame.y(c.y), counts[p]);
            }
            return s;
        }
        Envelope env = part.getEnvelopeInternal();
        double w = frame.x(env.getMaxX()) - frame.x(env.getMinX()), h = frame.y(env.getMaxY()) - frame.y(env.getMinY());
        double partArea = part.getArea() * frame.metresPerDegLon() * frame.metresPerDegLat();
        double step = Math.sqrt(Math.max(partArea, 1e-6) / Math.max(1, target));
        double cellArea = step * step;
        double areaM2 = area.getArea() * frame.metresPerDegLon() * frame.metresPerDegLat();
        double x0 = frame.x(env.getMinX()), y0 = frame.y(env.getMinY());
        for (double y = y0 + step / 2; y < y0 + h; y += step) {
            for (double x = x0 + step / 2; x < x0 + w; x += step) {
                Coordinate c = frame.toLonLat(x, y);
                if (inPart.locate(c) != Location.INTERIOR) continue;
                double density = polygons != null ? polygonDensityAt(c, frame) : (areaM2 == 0 ? 0 : uniformTotal / areaM2);
                if (density > 0) s.add(x, y, density * cellArea);
            }
        }
        return s;
    }

    private double polygonDensityAt(Coordinate c, LocalFrame frame) {
        @SuppressWarnings("unchecked")
        List<Integer> hits = polygonIndex.query(new Envelope(c));
        hits.sort(null);
        for (int j : hits) {
            if (polygonLocators[j].locate(c) != Location.EXTERIOR) {
                double areaM2 = polygons.get(j).getArea() * frame.metresPerDegLon() * frame.metresPerDegLat();
                return areaM2 == 0 ? 0 : counts[j] / areaM2;
            }
        }
        return 0;
    }

    /** Weighted points in frame metres. */
    static final class Samples {
        final List<double[]> xyw = new ArrayList<>();

        void add(double x, double y, double w) { xyw.add(new double[] {x, y, w}); }

        int size() { return xyw.size(); }
    }
}
