package gridmap.geo.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;
import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of the editing operations on a generated coverage: grid cells (a Voronoi
 * partition of an awkward area, as the demo makes them) grouped into units. After every step the
 * cells, and the units built from them, are a valid coverage, and the parent's area is conserved.
 */
class CoverageOperationsPropertyTest {
    enum Op { MERGE, SPLIT, REASSIGN, REDRAW }

    /** Area may change only where a split line crosses the parent's outer boundary (snapping to the grid). */
    static final double AREA_TOLERANCE = 1e-7;

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 50)
    void editsKeepAValidCoverageAndTheParentsArea(@ForAll @IntRange(min = 6, max = 30) int cellCount,
                                                  @ForAll @LongRange(min = 0, max = 10_000) long seed,
                                                  @ForAll("ops") List<Op> ops) {
        Geometry parent = Wkt.read("MULTIPOLYGON (((117.70 30.80, 117.95 30.81, 117.96 31.02, 117.83 30.93, 117.71 31.05, 117.70 30.80),"
                + " (117.80 30.85, 117.85 30.85, 117.85 30.88, 117.80 30.88, 117.80 30.85)),"
                + " ((118.00 30.90, 118.03 30.90, 118.03 30.93, 118.00 30.90)))");
        Random rng = new Random(seed);
        List<Geometry> cells = new ArrayList<>();
        for (MultiPolygon c : VoronoiPartition.partition(parent, SeededPoints.uniform(parent, cellCount, rng))) {
            if (!c.isEmpty()) cells.add(c);
        }
        List<Integer> unitOf = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) unitOf.add(i % Math.max(2, cells.size() / 3));
        double area0 = totalArea(cells);
        checkCoverage(cells, unitOf, area0);

        for (Op op : ops) {
            boolean applied = switch (op) {
                case MERGE -> merge(cells, unitOf, rng);
                case SPLIT -> split(cells, unitOf, rng);
                case REASSIGN -> reassign(cells, unitOf, rng);
                case REDRAW -> redraw(cells, rng);
            };
            Statistics.collect(op, applied ? "applied" : "refused");
            checkCoverage(cells, unitOf, area0);
        }
    }

    /** Two neighbouring units merge: CoverageMerge of their geometries is their cells' union. */
    static boolean merge(List<Geometry> cells, List<Integer> unitOf, Random rng) {
        List<Integer> units = unitOf.stream().distinct().sorted().toList();
        List<Geometry> geometries = units.stream().map(u -> unitGeometry(cells, unitOf, u)).toList();
        List<Contiguity.Border> borders = Contiguity.borders(geometries);
        if (borders.isEmpty()) return false;
        Contiguity.Border pick = borders.get(rng.nextInt(borders.size()));
        CoverageMerge.Result merged = CoverageMerge.merge(List.of(geometries.get(pick.a()), geometries.get(pick.b())));
        assertThat(merged.merged().isValid()).isTrue();
        int keep = units.get(pick.a()), gone = units.get(pick.b());
        unitOf.replaceAll(u -> u == gone ? keep : u);
        assertThat(merged.merged().getArea()).isCloseTo(unitGeometry(cells, unitOf, keep).getArea(), org.assertj.core.api.Assertions.within(1e-12));
        return true;
    }

    /** A cell is cut by a line through it; its pieces stay in its unit, its neighbours take the new vertices. */
    static boolean split(List<Geometry> cells, List<Integer> unitOf, Random rng) {
        int c = rng.nextInt(cells.size());
        Geometry cell = cells.get(c);
        Coordinate through = cell.getInteriorPoint().getCoordinate();
        Envelope env = cell.getEnvelopeInternal();
        double angle = rng.nextDouble() * Math.PI, reach = env.getWidth() + env.getHeight();
        LineString line = Polygons.WGS84.createLineString(new Coordinate[] {
                new Coordinate(through.x - reach * Math.cos(angle), through.y - reach * Math.sin(angle)),
                new Coordinate(through.x + reach * Math.cos(angle), through.y + reach * Math.sin(angle))});
        CoverageSplit.Result r = CoverageSplit.split(cells, c, line);
        r.neighbours().forEach(cells::set);
        cells.set(c, r.pieces().get(0));
        for (int k = 1; k < r.pieces().size(); k++) {
            cells.add(r.pieces().get(k));
            unitOf.add(unitOf.get(c));
        }
        return true;
    }

    /** A cell moves to the unit of one of its neighbouring cells. */
    static boolean reassign(List<Geometry> cells, List<Integer> unitOf, Random rng) {
        List<Contiguity.Border> across = Contiguity.borders(cells).stream()
                .filter(b -> !unitOf.get(b.a()).equals(unitOf.get(b.b()))).toList();
        if (across.isEmpty()) return false;
        Contiguity.Border pick = across.get(rng.nextInt(across.size()));
        CellReassign.Result r = CellReassign.move(cells, unitOf, List.of(pick.a()), unitOf.get(pick.b()));
        for (CellReassign.UnitChange ch : r.changed().values()) assertThat(ch.geometry().isValid()).isTrue();
        for (int i = 0; i < unitOf.size(); i++) unitOf.set(i, r.unitOf().get(i));
        return true;
    }

    /** The border between two neighbouring cells is bent through a random point; refusals leave the cells alone. */
    static boolean redraw(List<Geometry> cells, Random rng) {
        List<Contiguity.Border> borders = Contiguity.borders(cells);
        if (borders.isEmpty()) return false;
        Contiguity.Border pick = borders.get(rng.nextInt(borders.size()));
        List<LineString> paths = EdgeRedraw.sharedPaths(cells.get(pick.a()), cells.get(pick.b()));
        LineString old = paths.get(rng.nextInt(paths.size()));
        if (old.isClosed()) return false;
        Coordinate s = old.getCoordinateN(0), e = old.getCoordinateN(old.getNumPoints() - 1);
        double t = rng.nextDouble(), off = (rng.nextDouble() - 0.5) * 0.6;
        Coordinate mid = new Coordinate(s.x + t * (e.x - s.x) - off * (e.y - s.y), s.y + t * (e.y - s.y) + off * (e.x - s.x));
        LineString bent = Polygons.WGS84.createLineString(new Coordinate[] {s, mid, e});
        try {
            EdgeRedraw.Result r = EdgeRedraw.redraw(cells, pick.a(), pick.b(), old, bent);
            cells.set(pick.a(), r.a());
            cells.set(pick.b(), r.b());
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    static void checkCoverage(List<Geometry> cells, List<Integer> unitOf, double area0) {
        Wkt.assertValidCoverage(cells);
        assertThat(cells).noneMatch(Geometry::isEmpty);
        List<Geometry> units = unitOf.stream().distinct().sorted().map(u -> unitGeometry(cells, unitOf, u)).toList();
        Wkt.assertValidCoverage(units);
        assertThat(Math.abs(totalArea(cells) - area0)).isLessThanOrEqualTo(AREA_TOLERANCE * area0);
        assertThat(Math.abs(totalArea(units) - area0)).isLessThanOrEqualTo(AREA_TOLERANCE * area0);
    }

    static Geometry unitGeometry(List<Geometry> cells, List<Integer> unitOf, int unit) {
        List<Geometry> mine = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) if (unitOf.get(i) == unit) mine.add(cells.get(i));
        return CoverageMerge.merge(mine).merged();
    }

    static double totalArea(List<Geometry> geometries) {
        return geometries.stream().mapToDouble(EqualAreaMeasure::areaM2).sum();
    }
}
