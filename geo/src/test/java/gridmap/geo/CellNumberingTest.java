package gridmap.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class CellNumberingTest {
    @Test
    void numbersRowsFromTheNorthEachFromTheWest() {
        // a 3 x 2 grid given in scrambled order
        List<Geometry> cells = new ArrayList<>();
        int[][] order = {{2, 0}, {0, 1}, {1, 0}, {2, 1}, {0, 0}, {1, 1}}; // {col, row from south}
        for (int[] c : order) {
            cells.add(Polygons.WGS84.toGeometry(new Envelope(c[0], c[0] + 1, c[1], c[1] + 1)));
        }
        List<Integer> numbering = CellNumbering.order(cells);
        // expected: north row (row 1) west→east: (0,1),(1,1),(2,1) then south row
        List<String> got = numbering.stream().map(i -> order[i][0] + "," + order[i][1]).toList();
        assertThat(got).containsExactly("0,1", "1,1", "2,1", "0,0", "1,0", "2,0");
    }
}
