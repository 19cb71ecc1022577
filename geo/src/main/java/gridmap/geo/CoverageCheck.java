package gridmap.geo;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Checks that pieces form a valid coverage of a parent: every piece valid, no overlaps and no
 * mismatched shared edges (JTS {@link CoverageValidator}), and together they cover the parent,
 * measured as the area of the symmetric difference between their union and the parent, in m².
 */
public final class CoverageCheck {
    private CoverageCheck() {}

    /** invalidEdges: indexes of pieces with edges that do not match a neighbour's. */
    public record Result(boolean piecesValid, List<Integer> invalidEdges, double parentAreaM2,
                         double symDiffAreaM2) {
        public double relativeMismatch() { return parentAreaM2 == 0 ? 0 : symDiffAreaM2 / parentAreaM2; }
        public boolean isCoverageOf(double relativeTolerance) {
            return piecesValid && invalidEdges.isEmpty() && relativeMismatch() <= relativeTolerance;
        }
        @Override public String toString() {
            return "coverage[piecesValid=" + piecesValid + ", invalidEdges=" + invalidEdges
                    + ", relativeMismatch=" + relativeMismatch() + "]";
        }
    }

    public static Result check(List<? extends Geometry> pieces, Geometry parent) {
        Geometry[] arr = pieces.toArray(Geometry[]::new);
        boolean allValid = pieces.stream().allMatch(Geometry::isValid);
        Geometry[] bad = CoverageValidator.validate(arr);
        List<Integer> invalid = new ArrayList<>();
        for (int i = 0; i < bad.length; i++) if (bad[i] != null) invalid.add(i);
        Geometry union = invalid.isEmpty() && allValid ? CoverageUnion.union(arr) : OverlayNGRobust.union(List.of(arr));
        double sym = EqualAreaMeasure.areaM2(OverlayNGRobust.overlay(union, parent, org.locationtech.jts.operation.overlayng.OverlayNG.SYMDIFFERENCE));
        return new Result(allValid, invalid, EqualAreaMeasure.areaM2(parent), sym);
    }
}
