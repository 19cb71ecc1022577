package gridmap.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Deterministic, evenly spread seed points inside an area: uniform random points (fixed seed)
 * relaxed by a few Lloyd iterations (each seed moves to the centre of its own Voronoi piece),
 * which turns a clumpy random partition into cells of similar size, like real communities.
 */
public final class SeededPoints {
    private SeededPoints() {}

    /** n uniform random points inside area, reproducible for the same rng state. */
    public static List<Coordinate> uniform(Geometry area, int n, Random rng) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(area);
        Envelope env = area.getEnvelopeInternal();
        List<Coordinate> pts = new ArrayList<>(n);
        int tries = 0;
        while (pts.size() < n) {
            if (++tries > n * 10_000) throw new IllegalStateException("area too thin to place seeds");
            Coordinate c = new Coordinate(env.getMinX() + rng.nextDouble() * env.getWidth(),
                    env.getMinY() + rng.nextDouble() * env.getHeight());
            if (locator.locate(c) == Location.INTERIOR && !pts.contains(c)) pts.add(c);
        }
        return pts;
    }

    /** n seeds spread by Lloyd relaxation; the partition they induce is {@link VoronoiPartition}'s. */
    public static List<Coordinate> relaxed(Geometry area, int n, Random rng, int iterations) {
        List<Coordinate> seeds = uniform(area, n, rng);
        if (n == 1) return seeds;
        for (int it = 0; it < iterations; it++) {
            List<MultiPolygon> pieces = VoronoiPartition.partition(area, seeds);
            List<Coordinate> next = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                MultiPolygon piece = pieces.get(i);
                Coordinate c = piece.isEmpty() ? seeds.get(i) : piece.getCentroid().getCoordinate();
                // a centroid can fall outside a concave piece; keep such a seed inside its piece
                if (!piece.isEmpty() && !piece.getFactory().createPoint(c).within(area)) {
                    c = piece.getInteriorPoint().getCoordinate();
                }
                if (next.contains(c)) c = seeds.get(i);
                next.add(c);
            }
            seeds = next;
        }
        return seeds;
    }
}
