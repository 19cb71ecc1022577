package gridmap.geo.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;

/** Generated coverages for property tests: the demo's own method (relaxed seeds, Voronoi) on a given area. */
public final class Coverages {
    private Coverages() {}

    /** n pieces of area (fewer when a seed's piece falls outside), each non-empty, in seed order. */
    public static List<MultiPolygon> voronoi(Geometry area, int n, long seed) {
        List<MultiPolygon> out = new ArrayList<>();
        for (MultiPolygon p : VoronoiPartition.partition(area, SeededPoints.relaxed(area, n, new Random(seed), 2))) {
            if (!p.isEmpty()) out.add(p);
        }
        return out;
    }
}
