package gridmap.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class VoronoiPartitionTest {
    static final WKTReader WKT = new WKTReader(Polygons.WGS84);

    /** A concave area with a hole and a detached island, like a real district. */
    static Geometry awkwardArea() throws ParseException {
        return WKT.read("MULTIPOLYGON (((117.70 30.80, 117.95 30.81, 117.96 31.02, 117.83 30.93, 117.71 31.05, 117.70 30.80),"
                + " (117.80 30.85, 117.85 30.85, 117.85 30.88, 117.80 30.88, 117.80 30.85)),"
                + " ((118.00 30.90, 118.03 30.90, 118.03 30.93, 118.00 30.90)))");
    }

    @Test
    void piecesFormAValidCoverageOfTheArea() throws ParseException {
        Geometry area = awkwardArea();
        List<Coordinate> seeds = SeededPoints.relaxed(area, 25, new Random(7), 2);
        List<MultiPolygon> pieces = VoronoiPartition.partition(area, seeds);

        assertThat(pieces).hasSize(25);
        CoverageCheck.Result r = CoverageCheck.check(pieces.stream().filter(p -> !p.isEmpty()).toList(), area);
        assertThat(r.isCoverageOf(1e-7)).as(r.toString()).isTrue();
    }

    @Test
    void eachPieceHoldsItsOwnSeed() throws ParseException {
        Geometry area = awkwardArea();
        List<Coordinate> seeds = SeededPoints.uniform(area, 12, new Random(3));
        List<MultiPolygon> pieces = VoronoiPartition.partition(area, seeds);
        for (int i = 0; i < seeds.size(); i++) {
            assertThat(pieces.get(i).covers(Polygons.WGS84.createPoint(seeds.get(i)))).isTrue();
        }
    }

    @Test
    void sameSeedSameResult() throws ParseException {
        Geometry area = awkwardArea();
        List<MultiPolygon> a = VoronoiPartition.partition(area, SeededPoints.relaxed(area, 9, new Random(42), 2));
        List<MultiPolygon> b = VoronoiPartition.partition(area, SeededPoints.relaxed(area, 9, new Random(42), 2));
        for (int i = 0; i < a.size(); i++) assertThat(a.get(i).equalsExact(b.get(i))).isTrue();
    }

    @Property(tries = 30)
    void anySeedCountGivesACoverage(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @LongRange(min = 0, max = 1000) long seed)
            throws ParseException {
        Geometry area = awkwardArea();
        List<MultiPolygon> pieces = VoronoiPartition.partition(area, SeededPoints.uniform(area, n, new Random(seed)));
        CoverageCheck.Result r = CoverageCheck.check(pieces.stream().filter(p -> !p.isEmpty()).toList(), area);
        assertThat(r.isCoverageOf(1e-7)).as(r.toString()).isTrue();
    }
}
