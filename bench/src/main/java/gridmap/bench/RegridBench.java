package gridmap.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Dataset;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.Polygons;
import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;
import gridmap.geo.metrics.MeasurePlan;
import gridmap.geo.metrics.MeasureUnit;
import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.metrics.UnitMetrics;
import gridmap.geo.partition.HouseholdDensity;
import gridmap.geo.partition.Regrid;

/**
 * Part of {@code ./gridmap bench suggest}: {@link Regrid} on the demo's largest community against the
 * demo's own way of making cells (Voronoi cells of Lloyd-relaxed uniform seeds, one per 400
 * households), and Regrid over every community of the demo as a sweep of real shapes.
 */
final class RegridBench {
    static final SizeTarget TARGET = SizeTarget.households(300, 500);

    private RegridBench() {}

    record Outcome(List<? extends Geometry> cells, long[] households, double millis, double cpuMillis) {}

    static String run(Dataset demo) {
        StringBuilder md = new StringBuilder();
        List<Unit> us = demo.units();
        int largest = -1;
        for (int i = 0; i < us.size(); i++) {
            if (us.get(i).level().equals("community") && (largest < 0 || us.get(i).households() > us.get(largest).households())) largest = i;
        }
        Unit c = us.get(largest);
        List<Cell> current = cellsOf(demo, largest);
        HouseholdDensity density = density(current);
        md.append(String.format("%n### Re-grid of the largest demo community (%s %s: %,d households, %.1f km², %d part(s), %d current cells)%n%n",
                c.code(), c.name(), c.households(), MeasureUnit.measure(c.geom()).areaM2() / 1e6, c.geom().getNumGeometries(), current.size()));
        md.append("Target ").append(TARGET.describe()).append(" per cell; density: the current cells' households spread over each cell (area-weighted).\n\n");
        md.append("| contender | ms wall / CPU (median of ").append(SuggestBench.RUNS).append(") | cells | in range | one-polygon cells | households min–max | CV | "
                + "Polsby-Popper mean (min) | edge-matched coverage | union vs community |\n|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(row("`Regrid` (power diagram, seed 1)", median(() -> regrid(c.geom(), density)), c.geom()));
        md.append(row("demo's method: Voronoi of relaxed seeds, one per 400 households", median(() -> voronoi(c.geom(), current)), c.geom()));

        // every community of the demo: the guarantees on real shapes
        long t0 = System.nanoTime();
        int communities = 0, cells = 0, outside = 0, outsideInMultipart = 0, multiPart = 0, badCoverage = 0, multipartCommunities = 0;
        double worstMismatch = 0;
        for (int i = 0; i < us.size(); i++) {
            if (!us.get(i).level().equals("community")) continue;
            Regrid.Result r = new Regrid(us.get(i).geom(), density(cellsOf(demo, i)), TARGET).setSeed(1).regrid();
            communities++;
            cells += r.cells().size();
            outside += r.outsideTarget();
            if (us.get(i).geom().getNumGeometries() > 1) { multipartCommunities++; outsideInMultipart += r.outsideTarget(); }
            multiPart += (int) r.cells().stream().filter(x -> x.geometry().getNumGeometries() != 1).count();
            List<Geometry> gs = r.cells().stream().map(x -> (Geometry) x.geometry()).toList();
            for (Geometry g : CoverageValidator.validate(gs.toArray(Geometry[]::new))) if (g != null) badCoverage++;
            worstMismatch = Math.max(worstMismatch, mismatch(gs, us.get(i).geom()));
        }
        md.append(String.format("%nEvery community of the demo re-gridded (%d communities, %.1f s in all): %d cells; %d outside %s, "
                        + "%d of them the detached parts (islands, slivers) of the %d communities in more than one part, each of which must be "
                        + "a cell of its own; %d cells in more than one piece; %d cells with unmatched edges; worst relative area of "
                        + "union △ community %.1e.%n",
                communities, (System.nanoTime() - t0) / 1e9, cells, outside, TARGET.describe(), outsideInMultipart, multipartCommunities,
                multiPart, badCoverage, worstMismatch));
        return md.toString();
    }

    static List<Cell> cellsOf(Dataset demo, int communityIndex) {
        return demo.cells().stream().filter(x -> x.communityIndex() == communityIndex).toList();
    }

    static HouseholdDensity density(List<Cell> cells) {
        return HouseholdDensity.polygons(cells.stream().map(Cell::geom).toList(), cells.stream().mapToDouble(Cell::households).toArray());
    }

    static Outcome regrid(Geometry community, HouseholdDensity density) {
        long c = SuggestBench.cpuNanos(), t = System.nanoTime();
        Regrid.Result r = new Regrid(community, density, TARGET).setSeed(1).regrid();
        return new Outcome(r.cells().stream().map(Regrid.Cell::geometry).toList(), r.cells().stream().mapToLong(Regrid.Cell::households).toArray(),
                (System.nanoTime() - t) / 1e6, (SuggestBench.cpuNanos() - c) / 1e6);
    }

    /** The demo generator's recipe: k = households / 400 uniform seeds, Lloyd-relaxed, Voronoi; households by area from the current cells. */
    static Outcome voronoi(Geometry community, List<Cell> current) {
        long c0 = SuggestBench.cpuNanos(), t = System.nanoTime();
        long total = current.stream().mapToLong(Cell::households).sum();
        int k = (int) Math.max(1, Math.round(total / 400.0));
        List<MultiPolygon> pieces = VoronoiPartition.partition(community, SeededPoints.relaxed(community, k, new Random(1), 2))
                .stream().filter(p -> !p.isEmpty()).toList();
        long[] hh = new long[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            double m = 0;
            for (Cell c : current) {
                m += c.households() * OverlayNGRobust.overlay(pieces.get(i), c.geom(), OverlayNG.INTERSECTION).getArea() / c.geom().getArea();
            }
            hh[i] = Math.round(m);
        }
        return new Outcome(pieces, hh, (System.nanoTime() - t) / 1e6, (SuggestBench.cpuNanos() - c0) / 1e6);
    }

    interface Run { Outcome get(); }

    static Outcome median(Run run) {
        List<Outcome> outs = new ArrayList<>();
        for (int i = 0; i < SuggestBench.RUNS + 1; i++) outs.add(run.get()); // the first warms up and is dropped
        List<Outcome> timed = new ArrayList<>(outs.subList(1, outs.size()));
        timed.sort(Comparator.comparingDouble(Outcome::millis));
        return timed.get(timed.size() / 2);
    }

    static String row(String name, Outcome o, Geometry community) {
        List<UnitMetrics> ms = new ArrayList<>();
        int onePolygon = 0;
        for (int i = 0; i < o.cells().size(); i++) {
            Geometry g = o.cells().get(i);
            ms.add(new MeasureUnit(g).setCounts(o.households()[i], 0).setTarget(TARGET).measure());
            if (Polygons.polygonsOf(g).size() == 1) onePolygon++;
        }
        PlanMetrics p = new MeasurePlan(ms).setTarget(TARGET).measure();
        int bad = 0;
        for (Geometry g : CoverageValidator.validate(o.cells().toArray(Geometry[]::new))) if (g != null) bad++;
        return String.format("| %s | %.0f / %.0f | %d | %d | %d | %,.0f–%,.0f | %.3f | %.3f (%.3f) | %s | %.1e |%n", name, o.millis(), o.cpuMillis(), p.units(),
                p.units() - p.outsideTarget(), onePolygon, p.size().min(), p.size().max(), p.size().cv(), p.polsbyPopper().mean(),
                p.polsbyPopper().min(), bad == 0 ? "yes" : bad + " cells with unmatched edges", mismatch(o.cells(), community));
    }

    /** Area of (union of cells) △ community over the community's area, in degree² (a ratio: no projection needed). */
    static double mismatch(List<? extends Geometry> cells, Geometry community) {
        Geometry union = OverlayNGRobust.union(new ArrayList<Geometry>(cells));
        return OverlayNGRobust.overlay(union, community, OverlayNG.SYMDIFFERENCE).getArea() / community.getArea();
    }

}
