package gridmap.geo.io;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.Polygons;
import gridmap.geo.coverage.CoverageClean;
import gridmap.geo.coverage.OneOutline;

/**
 * The one-time cleaning of siblings (units of one parent, cells of one community, basins of one
 * level) as they enter: when they already form a valid coverage with no gap narrower than the gap
 * width, they are returned untouched (most files a system exported are like that, and checking
 * is far cheaper than cleaning); otherwise {@link CoverageClean} decides. Either way the result is
 * checked with {@link CoverageValidator}, so a caller never stores a coverage that is not one.
 */
public final class SiblingClean {
    private SiblingClean() {}

    /**
     * cleaned: one MultiPolygon per input, in input order (empty when a unit vanished into
     * slivers); details: what the cleaner did, or null when the input was clean already.
     */
    public record Outcome(List<Geometry> cleaned, CoverageClean.Result details) {}

    /** Thrown when even the cleaned polygons do not form a valid coverage (a cleaner fault, never stored). */
    public static final class NotACoverage extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final List<Integer> invalid;

        NotACoverage(List<Integer> invalid) {
            super("the cleaned polygons still do not form a valid coverage (invalid edges at " + invalid + ")");
            this.invalid = invalid;
        }

        NotACoverage(String message) {
            super(message);
            this.invalid = List.of();
        }
    }

    /** polygons: valid polygonal geometries in lon/lat; gapWidthM: gaps narrower than this are closed. */
    public static Outcome clean(List<? extends Geometry> polygons, double gapWidthM) {
        if (polygons.isEmpty()) return new Outcome(List.of(), null);
        if (isClean(polygons, gapWidthM)) return new Outcome(new ArrayList<>(polygons), null);
        CoverageClean.Result r;
        try {
            r = new CoverageClean(polygons).setGapWidth(gapWidthM).clean();
        } catch (IllegalStateException e) { // the cleaner checks its own result and refuses to return a bad one
            throw new NotACoverage(e.getMessage());
        }
        List<Geometry> out = new ArrayList<>();
        for (Geometry g : r.cleaned()) out.add(Polygons.toMultiPolygon(g));
        List<Geometry> nonEmpty = out.stream().filter(g -> !g.isEmpty()).toList();
        Geometry[] check = CoverageValidator.validate(nonEmpty.toArray(Geometry[]::new));
        List<Integer> bad = new ArrayList<>();
        for (int i = 0, k = 0; i < out.size(); i++) {
            if (out.get(i).isEmpty()) continue;
            if (check[k] != null || !out.get(i).isValid()) bad.add(i);
            k++;
        }
        if (!bad.isEmpty()) throw new NotACoverage(bad);
        return new Outcome(out, r);
    }

    /**
     * Whether the polygons already form a clean coverage: each valid, neighbours sharing every
     * vertex of their borders, no overlap and no gap narrower than the gap width.
     */
    public static boolean isClean(List<? extends Geometry> polygons, double gapWidthM) {
        return polygons.stream().allMatch(Geometry::isValid) && isCleanCoverage(polygons, gapWidthM);
    }

    /**
     * As {@link #isClean} for polygons known to be valid (repaired already): the coverage check
     * alone, first by {@link OneOutline}'s quick proof, then by {@link CoverageValidator}. A gap is a hole in the union of the siblings (as the cleaner sees it), so when the
     * union has no hole there is no gap to look for; only then is the gap-width check (several
     * times the cost of the edge check) left out.
     */
    public static boolean isCleanCoverage(List<? extends Geometry> validPolygons, double gapWidthM) {
        if (OneOutline.proves(validPolygons)) return true; // borders shared exactly, one outline: most files, in a fraction of the time
        Geometry[] arr = validPolygons.toArray(Geometry[]::new);
        if (!noInvalidEdge(CoverageValidator.validate(arr))) return false;
        if (gapWidthM <= 0 || !hasHole(arr)) return true;
        return noInvalidEdge(CoverageValidator.validate(arr, gapWidthDegrees(arr, gapWidthM)));
    }

    private static boolean hasHole(Geometry[] coverage) {
        try {
            for (org.locationtech.jts.geom.Polygon p : Polygons.polygonsOf(CoverageUnion.union(coverage))) {
                if (p.getNumInteriorRing() > 0) return true;
            }
            return false;
        } catch (RuntimeException e) { // a union that fails is no proof of anything: look for gaps the slow way
            return true;
        }
    }

    private static boolean noInvalidEdge(Geometry[] result) {
        for (Geometry g : result) if (g != null) return false;
        return true;
    }

    /**
     * A width in metres as degrees for {@link CoverageValidator}'s gap check, taken along the
     * parallel at the group's most poleward latitude, where a degree is shortest: a gap narrower
     * than the width anywhere in the group is then flagged (and the cleaner decides).
     */
    static double gapWidthDegrees(Geometry[] polygons, double metres) {
        if (metres <= 0) return 0;
        Envelope e = new Envelope();
        for (Geometry g : polygons) e.expandToInclude(g.getEnvelopeInternal());
        double lat = Math.min(89, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())));
        return metres / (111_320 * Math.cos(Math.toRadians(lat)));
    }
}
