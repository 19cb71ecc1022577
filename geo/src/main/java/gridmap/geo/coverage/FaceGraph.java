package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.dissolve.LineDissolver;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.snapround.SnapRoundingNoder;
import org.locationtech.jts.operation.polygonize.Polygonizer;

import gridmap.geo.Polygons;

/**
 * The planar subdivision made by some linework: every ring and line noded together by
 * snap-rounding to a fixed grid, duplicate edges dissolved, and the result polygonized into
 * faces. Snap-rounding makes the noding exact (every vertex on the grid, no two edges crossing
 * except at a shared vertex), so faces that meet share identical segments; the graph records,
 * for each face, the length in metres of the border it shares with each neighbouring face.
 */
final class FaceGraph {
    final List<Polygon> faces;
    private final List<Map<Integer, Double>> borders;

    private FaceGraph(List<Polygon> faces, List<Map<Integer, Double>> borders) {
        this.faces = faces;
        this.borders = borders;
    }

    /** The faces of the linework of all the geometries (rings of polygons, lines as they are). */
    static FaceGraph of(Collection<? extends Geometry> geometries, PrecisionModel grid) {
        return of(geometries, List.of(), grid);
    }

    /**
     * The faces of the linework of the geometries, noded, and of the fixed lines taken as they
     * are: lines already on the grid that meet the rest only at their ends (the parts of a
     * unit's boundary far from a line that cuts it, which snap-rounding would otherwise bend
     * where two of the unit's borders run within a grid cell of each other).
     */
    static FaceGraph of(Collection<? extends Geometry> geometries, Collection<LineString> fixed, PrecisionModel grid) {
        List<SegmentString> segments = new ArrayList<>();
        for (Geometry g : geometries) addLinework(g, segments);
        SnapRoundingNoder noder = new SnapRoundingNoder(grid);
        noder.computeNodes(segments);
        LineDissolver dissolver = new LineDissolver();
        for (LineString l : fixed) dissolver.add(l);
        for (Object o : noder.getNodedSubstrings()) {
            Coordinate[] pts = ((SegmentString) o).getCoordinates();
            if (pts.length >= 2) dissolver.add(Polygons.WGS84.createLineString(pts));
        }
        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(dissolver.getResult());
        @SuppressWarnings("unchecked")
        List<Polygon> faces = new ArrayList<>((Collection<Polygon>) polygonizer.getPolygons());
        return new FaceGraph(faces, sharedBorders(faces));
    }

    private static void addLinework(Geometry g, List<SegmentString> out) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                addLine(p.getExteriorRing(), out);
                for (int h = 0; h < p.getNumInteriorRing(); h++) addLine(p.getInteriorRingN(h), out);
            } else if (part instanceof LineString line) {
                addLine(line, out);
            } else if (part != g) {
                addLinework(part, out);
            }
        }
    }

    private static void addLine(LineString line, List<SegmentString> out) {
        if (line.getNumPoints() >= 2) out.add(new NodedSegmentString(line.getCoordinates(), null));
    }

    /** Faces share exact segments after snap-rounding, so hashing segments finds every neighbour pair. */
    private static List<Map<Integer, Double>> sharedBorders(List<Polygon> faces) {
        List<Map<Integer, Double>> borders = new ArrayList<>(faces.size());
        for (int f = 0; f < faces.size(); f++) borders.add(new LinkedHashMap<>());
        SharedEdges.visit(faces, (a, b, p, q) -> {
            double len = LocalMetres.distanceM(p, q);
            borders.get(a).merge(b, len, Double::sum);
            borders.get(b).merge(a, len, Double::sum);
        });
        return borders;
    }

    /** Neighbouring faces of a face and the length in metres of the border shared with each. */
    Map<Integer, Double> neighbours(int face) {
        return borders.get(face);
    }
}
