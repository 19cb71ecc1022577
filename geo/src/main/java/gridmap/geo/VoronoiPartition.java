package gridmap.geo;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Splits a polygonal area into one piece per seed point (the seed's Voronoi cell clipped to the
 * area) so that the pieces form an exact coverage of the area.
 *
 * <p>Clipping each Voronoi cell separately would compute the points where a shared cell edge
 * crosses the area's boundary twice, once per neighbour, and the two results need not agree to
 * the last bit: neighbours would then overlap or leave slivers. Instead all linework (cell edges
 * and the area boundary) is noded together once and polygonized, and each resulting face goes
 * to the seed nearest to its interior point. Adjacent pieces therefore share identical vertices,
 * which is what {@code CoverageValidator} and {@code CoverageUnion} require.
 *
 * <p>Noding snaps the new nodes (where a cell edge crosses the area boundary) to a 1 mm grid, so
 * the union of the pieces differs from the input area by slivers of a few mm² per crossing. A
 * caller that needs parent and children to agree exactly uses the union of the pieces as the
 * parent (see {@code TonglingDemoGenerator}: districts are built bottom-up from their cells).
 */
public final class VoronoiPartition {
    /** 1e-8 degrees, about 1 mm: the grid all partition vertices lie on. */
    public static final PrecisionModel GRID = new PrecisionModel(1e8);

    private VoronoiPartition() {}

    /**
     * One MultiPolygon per seed, in seed order; a seed whose cell lies wholly outside the area gets
     * an empty MultiPolygon. Seeds must be distinct.
     */
    public static List<MultiPolygon> partition(Geometry area, List<Coordinate> seeds) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seeds");
        area = GeometryPrecisionReducer.reduce(area, GRID);
        if (seeds.size() == 1) return List.of(Polygons.toMultiPolygon(area));

        Envelope clip = new Envelope(area.getEnvelopeInternal());
        clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()) * 0.1 + 1e-9);
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        vb.setSites(seeds);
        vb.setClipEnvelope(clip);
        Geometry cells = vb.getDiagram(Polygons.WGS84);

        List<Geometry> lines = new ArrayList<>();
        for (int i = 0; i < cells.getNumGeometries(); i++) lines.add(cells.getGeometryN(i).getBoundary());
        lines.add(area.getBoundary());
        // Snap-rounding to a fixed grid makes the noding exact and robust; area vertices already
        // on the grid (published data is quantised far coarser) are kept as they are.
        Geometry noded = UnaryUnionNG.union(Polygons.WGS84.buildGeometry(lines), GRID);

        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(noded);
        @SuppressWarnings("unchecked")
        List<Polygon> faces = new ArrayList<>(polygonizer.getPolygons());

        STRtree seedIndex = new STRtree();
        for (int i = 0; i < seeds.size(); i++) {
            seedIndex.insert(new Envelope(seeds.get(i)), i);
        }
        List<List<Geometry>> pieces = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) pieces.add(new ArrayList<>());
        for (Polygon face : faces) {
            Point inside = face.getInteriorPoint();
            if (!area.covers(inside)) continue; // a hole of the area, or outside it
            int nearest = nearestSeed(seedIndex, seeds, inside.getCoordinate());
            pieces.get(nearest).add(face);
        }
        List<MultiPolygon> out = new ArrayList<>(seeds.size());
        for (List<Geometry> ps : pieces) {
            if (ps.isEmpty()) {
                out.add(Polygons.WGS84.createMultiPolygon());
            } else {
                // faces of one seed share exact edges, so a coverage union dissolves them cleanly
                out.add(Polygons.dissolve(ps));
            }
        }
        return out;
    }

    private static int nearestSeed(STRtree index, List<Coordinate> seeds, Coordinate p) {
        Object nearest = index.nearestNeighbour(new Envelope(p), p,
                (a, b) -> seeds.get((Integer) a.getItem()).distance((Coordinate) b.getItem()));
        return (Integer) nearest;
    }
}
