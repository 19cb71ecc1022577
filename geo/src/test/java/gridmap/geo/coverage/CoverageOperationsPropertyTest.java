package gridmap.geo.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;
import gridmap.geo.testing.Wkt;
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

    /**
     * Area may change only where a split line crosses the parent's outer boundary, by the sliver
     * between the old segment and the grid node nearest it (see OuterBorderCrossings).
     */
    static final double AREA_TOLERANCE = 1e-9;

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(12);
    }

    static final Geometry PARENT = Wkt.read("MULTIPOLYGON (((117.70 30.80, 117.95 30.81, 117.96 31.02, 117.83 30.93, 117.71 31.05, 117.70 30.80),"
            + " (117.80 30.85, 117.85 30.85, 117.85 30.88, 117.80 30.88, 117.80 30.85)),"
            + " ((118.00 30.90, 118.03 30.90, 118.03 30.93, 118.00 30.90)))");

    /** Grid cells as the demo makes them: a Voronoi partition of the parent, on the 1e-8° grid. */
    static List<Geometry> cells(int cellCount, Random rng) {
        List<Geometry> cells = new ArrayList<>();
        for (MultiPolygon c : VoronoiPartition.partition(PARENT, SeededPoints.uniform(PARENT, cellCount, rng))) {
            if (!c.isEmpty()) cells.add(c);
        }
        return cells;
    }

    @Property(tries = 50)
    void editsKeepAValidCoverageAndTheParentsArea(@ForAll @IntRange(min = 6, max = 30) int cellCount,
                                                  @ForAll @LongRange(min = 0, max = 10_000) long seed,
                                                  @ForAll("ops") List<Op> ops) {
        edit(cellCount, seed, ops).forEach(Statistics::collect);
    }

    /** Applies the operations, checking the coverage after each; returns what became of each. */
    static List<String> edit(int cellCount, long seed, List<Op> ops) {
        Random rng = new Random(seed);
        List<Geometry> cells = cells(cellCount, rng);
        List<Integer> unitOf = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) unitOf.add(i % Math.max(2, cells.size() / 3));
        double area0 = totalArea(cells);
        checkCoverage(cells, unitOf, area0);

        List<String> outcomes = new ArrayList<>();
        for (Op op : ops) {
            boolean applied = switch (op) {
                case MERGE -> merge(cells, unitOf, rng);
                case SPLIT -> split(cells, unitOf, rng);
                case REASSIGN -> reassign(cells, unitOf, rng);
                case REDRAW -> redraw(cells, rng);
            };
            outcomes.add(op + (applied ? " applied" : " refused"));
            checkCoverage(cells, unitOf, area0);
        }
        return outcomes;
    }

    /**
     * A line of any kind (see {@link Lines}) across one cell: either refused because it does not
     * cut the cell, or the pieces and the neighbours, which change by the new vertices only, are
     * an edge-matched coverage of the same area.
     */
    @Property(tries = 200)
    void aSplitAlongAnyLineLeavesAnEdgeMatchedCoverage(@ForAll @IntRange(min = 4, max = 30) int cellCount,
                                                       @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                       @ForAll Lines.Kind kind) {
        Statistics.label("split").collect(kind, splitAlongALine(cellCount, seed, kind));
    }

    static String splitAlongALine(int cellCount, long seed, Lines.Kind kind) {
        Random rng = new Random(seed);
        List<Geometry> cells = cells(cellCount, rng);
        int c = rng.nextInt(cells.size());
        LineString line = Lines.across(cells.get(c), kind, rng);
        CoverageSplit.Result r;
        try {
            r = CoverageSplit.split(cells, c, line);
        } catch (CoverageSplit.NoCutException refused) {
            return "no cut";
        } catch (IllegalStateException refused) {
            assertThat(refused.getMessage()).as("a refusal for a reason the planner can act on").matches(Lines.SPLIT_REFUSALS);
            return "a loop closed on the boundary";
        }
        List<Geometry> after = CoverageSplitTest.updated(cells, c, r);
        Wkt.assertValidCoverage(after);
        double area0 = totalArea(cells);
        assertThat(Math.abs(totalArea(after) - area0)).isLessThanOrEqualTo(AREA_TOLERANCE * area0);
        r.neighbours().forEach((i, n) -> {
            assertThat(List.of(n.getCoordinates())).as("neighbour %d keeps its vertices", i).containsAll(List.of(cells.get(i).getCoordinates()));
            assertThat(n.getArea()).as("neighbour %d", i).isCloseTo(cells.get(i).getArea(), within(1e-6 * cells.get(i).getArea()));
        });
        return "split";
    }

    /**
     * A new path of any kind (see {@link Lines#redrawn}) for a border between two cells: either
     * refused for a reason the planner can act on, or the two cells and all the others are an
     * edge-matched coverage and the two cover what they covered.
     */
    @Property(tries = 200)
    void aRedrawAlongAnyPathLeavesAnEdgeMatchedCoverageOrIsRefusedForAReason(@ForAll @IntRange(min = 4, max = 30) int cellCount,
                                                                             @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Statistics.label("redraw").collect(redrawAlongAPath(cellCount, seed));
    }

    static String redrawAlongAPath(int cellCount, long seed) {
        Random rng = new Random(seed);
        List<Geometry> cells = cells(cellCount, rng);
        List<Contiguity.Border> borders = Contiguity.borders(cells);
        Contiguity.Border pick = borders.get(rng.nextInt(borders.size()));
        List<LineString> paths = EdgeRedraw.sharedPaths(cells.get(pick.a()), cells.get(pick.b()));
        LineString old = paths.get(rng.nextInt(paths.size()));
        if (old.isClosed()) return "a closed border";
        LineString path = Lines.redrawn(old, cells.get(pick.a()), cells.get(pick.b()), rng);
        EdgeRedraw.Result r;
        try {
            r = EdgeRedraw.redraw(cells, pick.a(), pick.b(), old, path);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("a refusal for a reason the planner can act on").matches(Lines.REDRAW_REFUSALS);
            return "refused";
        }
        List<Geometry> after = new ArrayList<>(cells);
        after.set(pick.a(), r.a());
        after.set(pick.b(), r.b());
        Wkt.assertValidCoverage(after);
        assertThat(r.a().isEmpty() || r.b().isEmpty()).isFalse();
        double before = cells.get(pick.a()).getArea() + cells.get(pick.b()).getArea();
        assertThat(r.a().getArea() + r.b().getArea()).isCloseTo(before, within(1e-9 * before));
        return "redrawn";
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
        assertThat(merged.merged().getArea()).isCloseTo(unitGeometry(cells, unitOf, keep).getArea(), within(1e-12));
        return true;
    }

    /** A cell is cut by a line across it; its pieces stay in its unit, its neighbours take the new vertices. */
    static boolean split(List<Geometry> cells, List<Integer> unitOf, Random rng) {
        int c = rng.nextInt(cells.size());
        CoverageSplit.Result r;
        try {
            r = CoverageSplit.split(cells, c, Lines.across(cells.get(c), rng));
        } catch (CoverageSplit.NoCutException refused) {
            return false;
        } catch (IllegalStateException refused) {
            assertThat(refused.getMessage()).matches(Lines.SPLIT_REFUSALS);
            return false;
        }
        r.neighbours().forEach(cells::set);
        cells.set(c, r.pieces().get(0));
        for (int k = 1; k < r.pieces().size(); k++) {
            cells.add(r.pieces().get(k));
            unitOf.add(unitOf.get(c));
        }
        return true;
    }

    /**
     * A stroke: a cell moves to the unit of a neighbouring cell, with up to two more cells picked
     * anywhere. The units CellReassign rebuilds are valid and edge-matched with the units it left
     * alone, and together they cover what the units covered before.
     */
    static boolean reassign(List<Geometry> cells, List<Integer> unitOf, Random rng) {
        List<Contiguity.Border> across = Contiguity.borders(cells).stream()
                .filter(b -> !unitOf.get(b.a()).equals(unitOf.get(b.b()))).toList();
        if (across.isEmpty()) return false;
        Contiguity.Border pick = across.get(rng.nextInt(across.size()));
        int to = unitOf.get(pick.b());
        java.util.Set<Integer> stroke = new java.util.LinkedHashSet<>(List.of(pick.a()));
        for (int k = rng.nextInt(3); k > 0; k--) stroke.add(rng.nextInt(cells.size()));
        stroke.removeIf(c -> unitOf.get(c) == to);
        List<Integer> units = unitOf.stream().distinct().sorted().toList();
        double before = totalArea(units.stream().map(u -> unitGeometry(cells, unitOf, u)).toList());
        CellReassign.Result r = CellReassign.move(cells, unitOf, stroke, to);
        List<Geometry> after = new ArrayList<>();
        for (int u : units) {
            CellReassign.UnitChange ch = r.changed().get(u);
            if (ch == null) after.add(unitGeometry(cells, unitOf, u));
            else if (!ch.emptied()) after.add(ch.geometry());
        }
        Wkt.assertValidCoverage(after);
        assertThat(Math.abs(totalArea(after) - before)).isLessThanOrEqualTo(AREA_TOLERANCE * before);
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
        LineString path = Lines.redrawn(old, cells.get(pick.a()), cells.get(pick.b()), rng);
        try {
            EdgeRedraw.Result r = EdgeRedraw.redraw(cells, pick.a(), pick.b(), old, path);
            cells.set(pick.a(), r.a());
            cells.set(pick.b(), r.b());
            return true;
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("a refusal for a reason the planner can act on").matches(Lines.REDRAW_REFUSALS);
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
