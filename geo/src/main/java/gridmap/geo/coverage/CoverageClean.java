package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.polygonize.Polygonizer;

import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.Polygons;

/**
 * TEMPORARY STAND-IN, to be replaced by the real coverage cleaner when it lands on main (same
 * class name and API). It nodes all linework at a fixed precision, polygonizes it and gives each
 * face to the first input that contains it; faces inside no input are kept as gaps. It does not
 * close narrow gaps nor pick overlap winners by shared border length.
 */
public final class CoverageClean {
    public static final double DEFAULT_GAP_WIDTH_M = 150;
    private static final double DEFAULT_GRID_DEG = 1e-8;

    private final List<? extends Geometry> input;
    private double gapWidth = DEFAULT_GAP_WIDTH_M;
    private double gridSize = DEFAULT_GRID_DEG;

    public CoverageClean(List<? extends Geometry> polygons) { this.input = polygons; }

    public CoverageClean setGapWidth(double metres) { this.gapWidth = metres; return this; }

    public CoverageClean setGridSize(double degrees) { this.gridSize = degrees; return this; }

    public record Result(List<Geometry> cleaned, List<UnitChange> changes, List<Gap> gapsKept, List<Integer> vanished) {}

    public record UnitChange(int index, double areaBeforeM2, double areaAfterM2, double movedInM2, double movedOutM2,
                             Geometry movedIn, Geometry movedOut) {}

    public record Gap(Geometry polygon, double areaM2, double widthM) {}

    public static Result clean(List<? extends Geometry> polygons) { return new CoverageClean(polygons).clean(); }

    public Result clean() {
        List<Geometry> valid = new ArrayList<>();
        for (Geometry g : input) valid.add(g.isValid() ? g : GeometryFixer.fix(g));
        PrecisionModel pm = new PrecisionModel(1 / gridSize);
        List<Geometry> lines = new ArrayList<>();
        for (Geometry g : valid) lines.add(g.getBoundary());
        // one union nodes all linework at the grid and dissolves shared edges, as polygonizing needs
        Geometry noded = UnaryUnionNG.union(Polygons.WGS84.buildGeometry(lines), pm);
        Polygonizer poly = new Polygonizer();
        poly.add(noded);
        @SuppressWarnings("unchecked")
        Collection<Polygon> faces = poly.getPolygons();
        List<IndexedPointInAreaLocator> locators = new ArrayList<>();
        for (Geometry g : valid) locators.add(new IndexedPointInAreaLocator(g));
        List<List<Geometry>> owned = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) owned.add(new ArrayList<>());
        List<Gap> gaps = new ArrayList<>();
        for (Polygon face : faces) {
            Coordinate p = face.getInteriorPoint().getCoordinate();
            int owner = -1;
            for (int i = 0; i < valid.size() && owner < 0; i++) {
                if (valid.get(i).getEnvelopeInternal().contains(p) && locators.get(i).locate(p) == Location.INTERIOR) owner = i;
            }
            if (owner >= 0) {
                owned.get(owner).add(face);
            } else {
                double a = EqualAreaMeasure.areaM2(face);
                double perimeterM = face.getLength() * 111_000;
                gaps.add(new Gap(face, a, perimeterM == 0 ? 0 : 2 * a / perimeterM));
            }
        }
        List<Geometry> cleaned = new ArrayList<>();
        List<UnitChange> changes = new ArrayList<>();
        List<Integer> vanished = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            List<Geometry> fs = owned.get(i);
            Geometry out = fs.isEmpty() ? Polygons.WGS84.createMultiPolygon()
                    : Polygons.toMultiPolygon(fixIfNeeded(CoverageUnion.union(fs.toArray(Geometry[]::new))));
            cleaned.add(out);
            if (out.isEmpty()) vanished.add(i);
            Geometry before = valid.get(i);
            Geometry in = OverlayNGRobust.overlay(out, before, OverlayNG.DIFFERENCE);
            Geometry outMoved = OverlayNGRobust.overlay(before, out, OverlayNG.DIFFERENCE);
            double inA = EqualAreaMeasure.areaM2(in), outA = EqualAreaMeasure.areaM2(outMoved);
            if (inA > 0 || outA > 0) {
                changes.add(new UnitChange(i, EqualAreaMeasure.areaM2(before), EqualAreaMeasure.areaM2(out), inA, outA, in, outMoved));
            }
        }
        return new Result(cleaned, changes, gaps, vanished);
    }

    private static Geometry fixIfNeeded(Geometry g) { return g.isValid() ? g : GeometryFixer.fix(g); }
}
