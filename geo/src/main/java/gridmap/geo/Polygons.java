package gridmap.geo;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** Small conversions between polygonal geometry kinds; storage always wants MultiPolygon. */
public final class Polygons {
    /** SRID 4326, floating precision: the one factory every layer shares. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private Polygons() {}

    /** The polygons inside g, dropping points and lines (e.g. from a repair or an overlay). */
    public static List<Polygon> polygonsOf(Geometry g) {
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                if (!p.isEmpty()) out.add(p);
            } else if (part.getNumGeometries() > 1 || part instanceof MultiPolygon) {
                out.addAll(polygonsOf(part));
            }
        }
        return out;
    }

    public static Geometry polygonalPart(Geometry g) {
        List<Polygon> ps = polygonsOf(g);
        return WGS84.createMultiPolygon(ps.toArray(Polygon[]::new));
    }

    /**
     * Dissolves pieces of one exact coverage into a valid MultiPolygon. {@link CoverageUnion} is
     * exact and fast on a coverage, but where pieces meet only at a vertex it can return a ring
     * that touches itself, which is invalid; {@link GeometryFixer} restructures such rings without
     * moving a vertex, so shared edges with the neighbours stay identical. Normalised, so equal
     * inputs give identical outputs.
     */
    public static MultiPolygon dissolve(List<? extends Geometry> pieces) {
        Geometry u = CoverageUnion.union(pieces.toArray(Geometry[]::new));
        if (!u.isValid()) u = GeometryFixer.fix(u);
        return toMultiPolygon(u.norm());
    }

    public static MultiPolygon toMultiPolygon(Geometry g) {
        List<Polygon> ps = polygonsOf(g);
        MultiPolygon mp = WGS84.createMultiPolygon(ps.stream()
                .map(p -> (Polygon) WGS84.createGeometry(p)).toArray(Polygon[]::new));
        mp.setSRID(4326);
        return mp;
    }
}
