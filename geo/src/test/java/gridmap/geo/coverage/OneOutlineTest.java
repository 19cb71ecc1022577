package gridmap.geo.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import gridmap.geo.Polygons;
import gridmap.geo.testing.Wkt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast proof of a clean coverage: true only where JTS's validator finds no invalid edge and
 * the union has no hole; false (and so the full check) for overlaps, vertices one side of a
 * border lacks, holes in the union and separate pieces.
 */
class OneOutlineTest {
    /** An n × n grid of unit squares from (x0, y0); every third one listed clockwise. */
    static List<Geometry> grid(int n, double x0, double y0) {
        List<Geometry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = x0 + i, y = y0 + j;
                String ring = (i * n + j) % 3 == 0
                        ? "%s %s, %s %s, %s %s, %s %s, %s %s".formatted(x, y, x, y + 1, x + 1, y + 1, x + 1, y, x, y)
                        : "%s %s, %s %s, %s %s, %s %s, %s %s".formatted(x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y);
                out.add(Wkt.read("POLYGON ((" + ring + "))"));
            }
        }
        return out;
    }

    static boolean validByJts(List<Geometry> polygons) {
        Geometry[] arr = polygons.toArray(Geometry[]::new);
        for (Geometry g : CoverageValidator.validate(arr)) if (g != null) return false;
        for (Polygon p : Polygons.polygonsOf(CoverageUnion.union(arr))) if (p.getNumInteriorRing() > 0) return false;
        return Polygons.polygonsOf(CoverageUnion.union(arr)).size() == 1;
    }

    @Test
    void aGridOfSquaresInEitherOrientationIsProved() {
        List<Geometry> g = grid(10, 117, 30);
        assertThat(OneOutline.proves(g)).isTrue();
        assertThat(validByJts(g)).isTrue();
    }

    @Test
    void aHoleFilledByAnIslandIsProved() {
        List<Geometry> g = Wkt.list("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 3, 3 3, 3 1, 1 1))", "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))");
        assertThat(OneOutline.proves(g)).isTrue();
        assertThat(validByJts(g)).isTrue();
    }

    @Test
    void overlapsAreNotProved() {
        assertThat(OneOutline.proves(Wkt.list("POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))", "POLYGON ((1 0, 3 0, 3 1, 1 1, 1 0))"))).isFalse();
        // one square entirely inside another: no segment shared, nothing cancels
        assertThat(OneOutline.proves(Wkt.list("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))", "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"))).isFalse();
        // the same square twice
        assertThat(OneOutline.proves(Wkt.list("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"))).isFalse();
    }

    @Test
    void aVertexTheOtherSideLacksIsNotProved() {
        // the left square's right edge has no vertex at (1, 0.5), where the two right squares meet
        List<Geometry> g = Wkt.list("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((1 0, 2 0, 2 0.5, 1 0.5, 1 0))",
                "POLYGON ((1 0.5, 2 0.5, 2 1, 1 1, 1 0.5))");
        assertThat(OneOutline.proves(g)).isFalse();
        assertThat(validByJts(g)).isFalse();
    }

    @Test
    void aHoleInTheUnionOrSeparatePiecesAreNotProved() {
        List<Geometry> ring = new ArrayList<>(grid(3, 0, 0));
        ring.remove(4); // the middle square: the union has a hole
        assertThat(OneOutline.proves(ring)).isFalse();
        assertThat(OneOutline.proves(Wkt.list("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON ((5 0, 6 0, 6 1, 5 1, 5 0))"))).isFalse();
        assertThat(OneOutline.proves(List.of())).isFalse();
    }

    /** Grids spoilt at random (a vertex moved, a square removed, doubled or grown): a proof is never wrong. */
    @Property(tries = 300)
    void aProofIsNeverWrong(@ForAll @IntRange(min = 2, max = 6) int n, @ForAll long seed) {
        Random r = new Random(seed);
        List<Geometry> g = new ArrayList<>(grid(n, 100, 20));
        int k = r.nextInt(g.size());
        switch (r.nextInt(5)) {
            case 0 -> g.remove(k);
            case 1 -> g.add(g.get(k).copy());
            case 2 -> {
                Geometry moved = g.get(k).copy();
                Coordinate c = moved.getCoordinates()[r.nextInt(4)];
                c.x += (r.nextDouble() - 0.5) * 0.4;
                c.y += (r.nextDouble() - 0.5) * 0.4;
                moved.geometryChanged();
                if (moved.isValid()) g.set(k, moved);
            }
            case 3 -> g.set(k, g.get(k).buffer(0.1 * r.nextDouble()));
            default -> { } // left clean
        }
        if (OneOutline.proves(g)) assertThat(validByJts(g)).as("proved clean: %s", g).isTrue();
    }
}
