package gridmap.geo.metrics;

import org.locationtech.jts.algorithm.MinimumBoundingCircle;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

import gridmap.geo.Polygons;

/**
 * Measures one unit (a lon/lat polygon or multipolygon) in metres: area, perimeter, the
 * Polsby-Popper, Reock and convex-hull compactness scores, its number of parts, and its size
 * against a target.
 *
 * <p>All measures are taken in a {@link TransverseMercator} projection about the unit's own centre
 * (or a projection the caller shares across a plan), where the unit's edges are straight lines, as
 * geodesics nearly are at this scale; areas agree with PostGIS geography to a few parts per million
 * for units of a few km. The compactness scores are ratios of planar measures in that conformal
 * projection, so they are those of the unit's true shape.
 *
 * <pre>
 * UnitMetrics m = MeasureUnit.measure(polygon);
 * UnitMetrics m = new MeasureUnit(polygon).setCounts(households, population)
 *         .setTarget(SizeTarget.households(300, 500)).measure();
 * </pre>
 */
public final class MeasureUnit {
    private final Geometry unit;
    private long households;
    private long population;
    private SizeTarget target;
    private TransverseMercator projection;

    public MeasureUnit(Geometry unit) {
        if (unit == null || !(unit instanceof Polygonal)) throw new IllegalArgumentException("a unit must be a polygon or multipolygon");
        if (unit.isEmpty()) throw new IllegalArgumentException("a unit must not be empty");
        this.unit = unit;
    }

    /** The shape measures alone (no counts, no target). */
    public static UnitMetrics measure(Geometry unit) { return new MeasureUnit(unit).measure(); }

    public MeasureUnit setCounts(long households, long population) {
        if (households < 0 || population < 0) throw new IllegalArgumentException("households and population must not be negative");
        this.households = households;
        this.population = population;
        return this;
    }

    public MeasureUnit setTarget(SizeTarget target) { this.target = target; return this; }

    /** Measure in this projection instead of one about the unit's own centre (units of one plan share one). */
    public MeasureUnit setProjection(TransverseMercator projection) { this.projection = projection; return this; }

    public UnitMetrics measure() {
        TransverseMercator tm = projection != null ? projection : TransverseMercator.about(unit);
        Geometry g = tm.project(unit);
        double area = g.getArea();
        double perimeter = g.getLength();
        double pp = perimeter == 0 ? 0 : 4 * Math.PI * area / (perimeter * perimeter);
        double r = new MinimumBoundingCircle(g).getRadius();
        double reock = r == 0 ? 0 : area / (Math.PI * r * r);
        double hull = g.convexHull().getArea();
        double hullRatio = hull == 0 ? 0 : area / hull;
        int parts = Polygons.polygonsOf(unit).size();
        SizeBasis basis = target != null ? target.basis() : SizeBasis.HOUSEHOLDS;
        long size = basis.of(households, population);
        Double deviation = target == null ? null : target.deviation(size);
        Boolean within = target == null ? null : target.contains(size);
        return new UnitMetrics(area, perimeter, pp, reock, hullRatio, parts, households, population, size, deviation, within);
    }
}
