package gridmap.geo.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.geo.CellNumbering;
import gridmap.geo.Polygons;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.testing.Coverages;
import gridmap.geo.testing.Wkt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RegridTest {
    static final SizeTarget TARGET = SizeTarget.households(300, 500);

    /** A concave community of about 4 km² with a hole (a park) in it. */
    static final String COMMUNITY = "POLYGON ((117.800 30.900, 117.825 30.901, 117.826 30.921, 117.813 30.913, 117.801 30.925, 117.800 30.900),"
            + " (117.805 30.905, 117.810 30.905, 117.810 30.908, 117.805 30.908, 117.805 30.905))";

    /** What every re-grid guarantees, checked on any result. */
    static void assertGuarantees(Regrid.Result r, Geometry area, long expectedTotal) {
        List<Polygon> cells = r.cells().stream().map(Regrid.Cell::geometry).toList();
        for (Polygon c : cells) assertThat(c.isValid()).isTrue();
        Geometry[] invalidEdges = CoverageValidator.validate(cells.toArray(Geometry[]::new));
        for (Geometry g : invalidEdges) assertThat(g).as("coverage edge mismatch").isNull();
        // relative area of the symmetric difference, in degree² (a ratio needs no metres); CoverageCheck's
        // metres come from densified projected edges, whose own noise on slivers is ~1e-8 of the whole
        Geometry union = CoverageUnion.union(cells.toArray(Geometry[]::new));
        double mismatch = OverlayNGRobust.overlay(union, area, OverlayNG.SYMDIFFERENCE).getArea() / area.getArea();
        assertThat(mismatch).as("union equals the area").isLessThanOrEqualTo(1e-9);
        assertThat(r.cells().stream().mapToLong(Regrid.Cell::households).sum()).isEqualTo(expectedTotal).isEqualTo(r.totalHouseholds());
        List<Integer> order = CellNumbering.order(cells);
        for (int i = 0; i < order.size(); i++) assertThat(order.get(i)).isEqualTo(i);
        for (int i = 0; i < r.cells().size(); i++) assertThat(r.cells().get(i).serial()).isEqualTo(i + 1);
    }

    @Test
    void rectangleInTwoHalves() {
        Geometry area = Wkt.read("POLYGON ((117.80 30.90, 117.82 30.90, 117.82 30.91, 117.80 30.91, 117.80 30.90))");
        Regrid.Result r = new Regrid(area, HouseholdDensity.uniform(800), TARGET).setCellCount(2).regrid();
        assertThat(r.cells()).hasSize(2);
        assertThat(Wkt.write(r.cells().get(0).geometry(), 3)).isEqualTo("POLYGON ((117.8 30.9, 117.8 30.91, 117.81 30.91, 117.81 30.9, 117.8 30.9))");
        assertThat(Wkt.write(r.cells().get(1).geometry(), 3)).isEqualTo("POLYGON ((117.81 30.9, 117.81 30.91, 117.82 30.91, 117.82 30.9, 117.81 30.9))");
        assertThat(r.cells()).allSatisfy(c -> assertThat(c.households()).isEqualTo(400));
        assertGuarantees(r, area, 800);
    }

    @Test
    void uniformCommunityInCellsOfTheTarget() {
        Geometry area = Wkt.read(COMMUNITY);
        Regrid.Result r = Regrid.regrid(area, HouseholdDensity.uniform(4_000), TARGET);
        assertThat(r.cells()).hasSize(10);
        assertThat(r.outsideTarget()).isZero();
        assertThat(r.plan().polsbyPopper().min()).isGreaterThan(0.4);
        assertGuarantees(r, area, 4_000);
    }

    @Test
    void denseCornerGetsSmallerCells() {
        // the current cells as the density: a dense western strip, a sparse rest
        Geometry area = Wkt.read("POLYGON ((117.80 30.90, 117.83 30.90, 117.83 30.92, 117.80 30.92, 117.80 30.90))");
        List<Geometry> current = Wkt.list("POLYGON ((117.80 30.90, 117.805 30.90, 117.805 30.92, 117.80 30.92, 117.80 30.90))",
                "POLYGON ((117.805 30.90, 117.83 30.90, 117.83 30.92, 117.805 30.92, 117.805 30.90))");
        Regrid.Result r = Regrid.regrid(area, HouseholdDensity.polygons(current, new double[] {2_000, 2_000}), TARGET);
        assertThat(r.cells()).hasSize(10);
        assertThat(r.outsideTarget()).isZero();
        double westMean = r.cells().stream().filter(c -> c.geometry().getCentroid().getX() < 117.805).mapToDouble(c -> c.metrics().areaM2()).average().orElseThrow();
        double eastMean = r.cells().stream().filter(c -> c.geometry().getCentroid().getX() > 117.81).mapToDouble(c -> c.metrics().areaM2()).average().orElseThrow();
        assertThat(eastMean / westMean).isGreaterThan(2.5); // five times the density there: much smaller cells
        assertGuarantees(r, area, 4_000);
    }

    @Test
    void householdPointsAreCountedOnce() {
        Geometry area = Wkt.read(COMMUNITY);
        Random rng = new Random(3);
        List<Coordinate> pts = new ArrayList<>();
        while (pts.size() < 3_000) { // clustered around two centres, some outside the community
            double cx = rng.nextBoolean() ? 117.807 : 117.82, cy = rng.nextBoolean() ? 30.91 : 30.903;
            pts.add(new Coordinate(cx + rng.nextGaussian() * 0.004, cy + rng.nextGaussian() * 0.003));
        }
        long inside = pts.stream().filter(c -> area.covers(Polygons.WGS84.createPoint(c))).count();
        double[] ones = new double[pts.size()];
        java.util.Arrays.fill(ones, 1);
        Regrid.Result r = Regrid.regrid(area, HouseholdDensity.points(pts, ones), TARGET);
        assertGuarantees(r, area, inside);
        assertThat(r.cells().size()).isBetween((int) Math.ceil(inside / 500.0), (int) (inside / 300));
    }

    @Test
    void eachPartOfAMultipartAreaGetsItsOwnCells() {
        Geometry area = Wkt.read("MULTIPOLYGON (((117.80 30.90, 117.82 30.90, 117.82 30.92, 117.80 30.92, 117.80 30.90)),"
                + " ((117.84 30.90, 117.845 30.90, 117.845 30.905, 117.84 30.905, 117.84 30.90)))");
        Regrid.Result r = Regrid.regrid(area, HouseholdDensity.uniform(3_400), TARGET);
        Geometry island = area.getGeometryN(1);
        long onIsland = r.cells().stream().filter(c -> island.covers(c.geometry())).count();
        assertThat(onIsland).isEqualTo(1); // 3,400 × 1/17 = 200 households: one cell, below the minimum
        assertThat(r.outsideTarget()).isEqualTo(1);
        assertGuarantees(r, area, 3_400);
        assertThatThrownBy(() -> new Regrid(area, HouseholdDensity.uniform(3_400), TARGET).setCellCount(1).regrid())
                .hasMessageContaining("2 separate parts");
    }

    @Test
    void aSliverAskedForManyCellsStillGivesACoverage() {
        // 5 m wide and 2 km long, and no households: the sites have nothing to spread by
        Geometry sliver = Wkt.read("POLYGON ((117.80 30.90, 117.82 30.90, 117.82 30.90005, 117.80 30.90005, 117.80 30.90))");
        Regrid.Result r = new Regrid(sliver, HouseholdDensity.uniform(0), TARGET).setCellCount(4).regrid();
        assertThat(r.cells()).isNotEmpty();
        assertGuarantees(r, sliver, 0);
    }

    @Test
    void sameSeedSameCells() {
        Geometry area = Wkt.read(COMMUNITY);
        Regrid.Result a = new Regrid(area, HouseholdDensity.uniform(4_000), TARGET).setSeed(9).regrid();
        Regrid.Result b = new Regrid(area, HouseholdDensity.uniform(4_000), TARGET).setSeed(9).regrid();
        assertThat(a.cells()).hasSameSizeAs(b.cells());
        for (int i = 0; i < a.cells().size(); i++) assertThat(a.cells().get(i).geometry().equalsExact(b.cells().get(i).geometry())).isTrue();
    }

    @Test
    void refusesAnInvalidArea() {
        assertThatThrownBy(() -> Regrid.regrid(Wkt.read("POLYGON ((117 30, 117.1 30.1, 117.1 30, 117 30.1, 117 30))"), HouseholdDensity.uniform(10), TARGET))
                .hasMessageContaining("not a valid polygon");
        assertThatThrownBy(() -> HouseholdDensity.polygons(List.of(Wkt.read(COMMUNITY)), new double[] {1, 2})).hasMessageContaining("1 places but 2");
    }

    @Property(tries = 25)
    void guaranteesHoldOnRandomDensities(@ForAll @IntRange(min = 2, max = 30) int currentCells,
                                         @ForAll @LongRange(min = 0, max = 100_000) long seed) {
        Geometry area = Wkt.read(COMMUNITY);
        List<MultiPolygon> current = Coverages.voronoi(area, currentCells, seed);
        Random rng = new Random(seed);
        double[] hh = new double[current.size()];
        for (int i = 0; i < hh.length; i++) hh[i] = 50 + rng.nextInt(800);
        long total = Math.round(java.util.Arrays.stream(hh).sum());
        Regrid.Result r = new Regrid(area, HouseholdDensity.polygons(current, hh), TARGET).setSeed(seed).regrid();
        assertGuarantees(r, area, total);
    }
}
