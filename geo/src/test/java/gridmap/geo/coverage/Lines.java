package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

import gridmap.geo.Polygons;

/**
 * Lines drawn at random for property tests, most of them where noding on the grid is delicate:
 * within a few grid cells of a unit's vertices, almost along its borders, or through its
 * vertices exactly. A line through the middle of a unit is the easy case.
 */
final class Lines {
    static final double G = CoverageClean.DEFAULT_GRID_SIZE;

    /** Why CoverageSplit may refuse a line that cuts (besides NoCutException); anything else is a bug. */
    static final String SPLIT_REFUSALS = "(?s).*(meets the unit's boundary at a single point|snapping to the grid joins).*";

    /** Why EdgeRedraw may refuse a random path; anything else is a bug (a valid coverage was given). */
    static final String REDRAW_REFUSALS = "(?s).*(crosses itself|leaves the two units|touches another border).*";

    enum Kind { THROUGH, NEAR_VERTEX, GRAZING, ZIGZAG }

    private Lines() {}

    /** A line drawn across a unit, of a random kind. */
    static LineString across(Geometry unit, Random rng) {
        return across(unit, Kind.values()[rng.nextInt(Kind.values().length)], rng);
    }

    static LineString across(Geometry unit, Kind kind, Random rng) {
        Envelope env = unit.getEnvelopeInternal();
        double reach = env.getWidth() + env.getHeight();
        Coordinate[] ring = unit.getCoordinates();
        return switch (kind) {
            case THROUGH -> through(unit.getInteriorPoint().getCoordinate(), reach, rng);
            case NEAR_VERTEX -> through(nudged(ring[rng.nextInt(ring.length)], rng), reach, rng);
            case GRAZING -> {
                int i = rng.nextInt(ring.length - 1);
                Coordinate p = ring[i], q = ring[i + 1];
                double dx = q.x - p.x, dy = q.y - p.y;
                yield line(nudged(new Coordinate(p.x - 0.2 * dx, p.y - 0.2 * dy), rng), nudged(new Coordinate(q.x + 0.2 * dx, q.y + 0.2 * dy), rng));
            }
            case ZIGZAG -> {
                int n = 3 + rng.nextInt(3);
                Coordinate[] pts = new Coordinate[n];
                for (int k = 0; k < n; k++) {
                    pts[k] = switch (rng.nextInt(3)) {
                        case 0 -> new Coordinate(env.getMinX() - 0.2 * env.getWidth() + 1.4 * env.getWidth() * rng.nextDouble(),
                                env.getMinY() - 0.2 * env.getHeight() + 1.4 * env.getHeight() * rng.nextDouble());
                        case 1 -> new Coordinate(ring[rng.nextInt(ring.length)]);
                        default -> nudged(ring[rng.nextInt(ring.length)], rng);
                    };
                }
                yield line(pts);
            }
        };
    }

    /**
     * A new path for a shared border old of units a and b: its two ends, and between them one to
     * three points near the old path, near (or at) a vertex of either unit, or at a vertex of the old path.
     */
    static LineString redrawn(LineString old, Geometry a, Geometry b, Random rng) {
        Coordinate s = old.getCoordinateN(0), e = old.getCoordinateN(old.getNumPoints() - 1);
        List<Coordinate> pts = new ArrayList<>(List.of(s));
        int k = 1 + rng.nextInt(3);
        for (int i = 0; i < k; i++) {
            pts.add(switch (rng.nextInt(4)) {
                case 0 -> {
                    double t = (i + rng.nextDouble()) / k, off = (rng.nextDouble() - 0.5) * 0.6;
                    yield new Coordinate(s.x + t * (e.x - s.x) - off * (e.y - s.y), s.y + t * (e.y - s.y) + off * (e.x - s.x));
                }
                case 1 -> nudged(vertexOf(rng.nextBoolean() ? a : b, rng), rng);
                case 2 -> new Coordinate(vertexOf(rng.nextBoolean() ? a : b, rng));
                default -> new Coordinate(old.getCoordinateN(rng.nextInt(old.getNumPoints())));
            });
        }
        pts.add(e);
        return line(pts.toArray(Coordinate[]::new));
    }

    private static Coordinate vertexOf(Geometry g, Random rng) {
        Coordinate[] pts = g.getCoordinates();
        return pts[rng.nextInt(pts.length)];
    }

    /** c moved by up to three grid cells each way, to a grid node or halfway between two. */
    static Coordinate nudged(Coordinate c, Random rng) {
        return new Coordinate(c.x + (rng.nextInt(13) - 6) * G / 2, c.y + (rng.nextInt(13) - 6) * G / 2);
    }

    private static LineString through(Coordinate c, double reach, Random rng) {
        double angle = rng.nextDouble() * Math.PI;
        return line(new Coordinate(c.x - reach * Math.cos(angle), c.y - reach * Math.sin(angle)),
                new Coordinate(c.x + reach * Math.cos(angle), c.y + reach * Math.sin(angle)));
    }

    private static LineString line(Coordinate... pts) {
        return Polygons.WGS84.createLineString(pts);
    }
}
