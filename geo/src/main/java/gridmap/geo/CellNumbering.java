package gridmap.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The order in which grid cells are numbered inside their community: west→east, north→south
 * (as DB11/T 2157-2023 numbers them), i.e. in rows from the north, each row read from the west.
 * Cells are irregular, so a cell's row is the band of height "typical cell size" that holds its
 * interior point.
 */
public final class CellNumbering {
    private CellNumbering() {}

    /** The indexes of cells in numbering order: result[k] is the index of cell number k+1. */
    public static List<Integer> order(List<? extends Geometry> cells) {
        int n = cells.size();
        List<Integer> idx = new ArrayList<>(n);
        if (n == 0) return idx;
        Envelope all = new Envelope();
        List<Coordinate> anchors = new ArrayList<>(n);
        for (Geometry g : cells) {
            all.expandToInclude(g.getEnvelopeInternal());
            anchors.add(g.getInteriorPoint().getCoordinate());
        }
        double rows = Math.max(1, Math.round(Math.sqrt(n * all.getHeight() / Math.max(all.getWidth(), 1e-12))));
        double band = all.getHeight() / rows;
        for (int i = 0; i < n; i++) idx.add(i);
        idx.sort(Comparator
                .comparingLong((Integer i) -> band == 0 ? 0 : (long) Math.floor((all.getMaxY() - anchors.get(i).y) / band))
                .thenComparingDouble(i -> anchors.get(i).x)
                .thenComparingDouble(i -> -anchors.get(i).y));
        return idx;
    }
}
