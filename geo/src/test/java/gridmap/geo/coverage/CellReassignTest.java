package gridmap.geo.coverage;

import static gridmap.geo.coverage.CoverageMergeTest.cell;
import static gridmap.geo.testing.Wkt.assertValidCoverage;
import static gridmap.geo.testing.Wkt.assertWkt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.testing.Wkt;

class CellReassignTest {
    /** A 3×3 block of cells, numbered column by column from the south-west; unit = column (10, 11, 12). */
    static final List<Geometry> CELLS = new ArrayList<>();
    static final List<Integer> COLUMNS = new ArrayList<>();
    static {
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 3; y++) {
                CELLS.add(Wkt.read(cell(x, y)));
                COLUMNS.add(10 + x);
            }
        }
    }

    @Test
    void bothUnitsBecomeTheUnionOfTheirCells() {
        // the top cell of column 0 joins column 1
        CellReassign.Result r = CellReassign.move(CELLS, COLUMNS, List.of(2), 11);
        assertThat(r.unitOf()).containsExactly(10, 10, 11, 11, 11, 11, 12, 12, 12);
        assertThat(r.changed()).containsOnlyKeys(10, 11);
        assertWkt(r.changed().get(10).geometry(), "POLYGON ((117 31, 117.01 31, 117.01 31.01, 117.01 31.02, 117 31.02, 117 31.01, 117 31))");
        assertWkt(r.changed().get(11).geometry(), "POLYGON ((117.01 31, 117.02 31, 117.02 31.01, 117.02 31.02, 117.02 31.03,"
                + " 117.01 31.03, 117 31.03, 117 31.02, 117.01 31.02, 117.01 31.01, 117.01 31))");
        assertThat(r.nonContiguous()).isEmpty();
        assertValidCoverage(List.of(r.changed().get(10).geometry(), r.changed().get(11).geometry(), CoverageMerge.merge(CELLS.subList(6, 9)).merged()));
        double before = CoverageMerge.merge(CELLS.subList(0, 6)).areaM2();
        assertThat(r.changed().get(10).areaM2() + r.changed().get(11).areaM2()).isCloseTo(before, within(1e-3));
    }

    @Test
    void aStrokeThatCutsAUnitInTwoIsReported() {
        CellReassign.Result r = CellReassign.move(CELLS, COLUMNS, List.of(1), 11);
        assertThat(r.nonContiguous()).containsExactly(10);
        CellReassign.UnitChange cut = r.changed().get(10);
        assertThat(cut.partsBefore()).isEqualTo(1);
        assertThat(cut.partsAfter()).isEqualTo(2);
        assertWkt(cut.geometry(), "MULTIPOLYGON (((117 31, 117.01 31, 117.01 31.01, 117 31.01, 117 31)),"
                + " ((117 31.02, 117.01 31.02, 117.01 31.03, 117 31.03, 117 31.02)))");
    }

    @Test
    void cellsTouchingOnlyAtACornerAreNotContiguous() {
        // the centre cell joins unit 12 (it touches 12 along an edge); then the top-left cell joins 12
        // as well: it touches 12's cells only at the centre cell's corner
        CellReassign.Result r = new CellReassign(CELLS, COLUMNS).move(List.of(4), 12).move(List.of(2), 12).apply();
        assertThat(r.changed().get(12).partsAfter()).isEqualTo(2);
        assertThat(r.nonContiguous()).contains(12);
    }

    @Test
    void aUnitThatLosesAllItsCellsIsEmptied() {
        CellReassign.Result r = CellReassign.move(CELLS, COLUMNS, Set.of(0, 1, 2), 11);
        assertThat(r.changed().get(10).emptied()).isTrue();
        assertThat(r.changed().get(10).geometry().isEmpty()).isTrue();
        assertThat(r.changed().get(10).split()).isFalse();
        assertWkt(r.changed().get(11).geometry(), "POLYGON ((117 31, 117.01 31, 117.02 31, 117.02 31.01, 117.02 31.02, 117.02 31.03,"
                + " 117.01 31.03, 117 31.03, 117 31.02, 117 31.01, 117 31))");
    }

    @Test
    void paintingBackAndForthChangesNothing() {
        CellReassign.Result r = new CellReassign(CELLS, COLUMNS).move(List.of(2), 11).move(List.of(2), 10).apply();
        assertThat(r.changed()).isEmpty();
        assertThat(r.unitOf()).isEqualTo(COLUMNS);
    }

    @Test
    void badMovesAreRefused() {
        assertThatThrownBy(() -> CellReassign.move(CELLS, COLUMNS, List.of(9), 11)).hasMessageContaining("no cell 9");
        assertThatThrownBy(() -> CellReassign.move(CELLS, COLUMNS, List.of(), 11)).hasMessageContaining("at least one cell");
        assertThatThrownBy(() -> new CellReassign(CELLS, COLUMNS.subList(0, 3))).hasMessageContaining("one unit per cell");
    }
}
