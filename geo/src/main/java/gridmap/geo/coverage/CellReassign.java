package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.Polygons;

/**
 * Paint-style redistricting: grid cells (a coverage, see the package invariant) are grouped into
 * units (communities), and a stroke moves some cells to another unit. Every unit the stroke
 * touches (the units the cells leave and the one they join) becomes the exact union of its
 * cells ({@link CoverageMerge}), so units stay edge-matched and the total area is unchanged.
 *
 * <p>Guarantees of {@link #apply()}: each changed unit is valid (an empty MultiPolygon when it
 * lost all its cells); its number of parts is reported before and after, so a caller can refuse
 * or flag a stroke that cuts a unit in two ({@link UnitChange#split()}); cells that touch only
 * at a corner count as separate parts.
 */
public final class CellReassign {
    private final List<? extends Geometry> cells;
    private final int[] unitOf;
    private final List<int[]> strokes = new ArrayList<>();

    /** A unit the strokes changed: its cells, geometry and parts before and after, area in m². */
    public record UnitChange(int unit, List<Integer> cells, MultiPolygon geometry, int partsBefore, int partsAfter, double areaM2) {
        public UnitChange {
            cells = List.copyOf(cells);
        }
        /** Whether the unit is in more pieces than before (and not simply emptied). */
        public boolean split() { return partsAfter > Math.max(1, partsBefore); }
        public boolean emptied() { return cells.isEmpty(); }
    }

    /** unitOf: the unit of every cell after the strokes; changed: the units they changed, by unit id. */
    public record Result(List<Integer> unitOf, Map<Integer, UnitChange> changed) {
        public Result {
            unitOf = List.copyOf(unitOf);
            changed = java.util.Collections.unmodifiableMap(new TreeMap<>(changed)); // ordered by unit id
        }
        /** The changed units now in more pieces than before, ascending. */
        public List<Integer> nonContiguous() {
            return changed.values().stream().filter(UnitChange::split).map(UnitChange::unit).sorted().toList();
        }
    }

    /**
     * @param cells  the cells, a coverage in lon/lat
     * @param unitOf the unit id of each cell (any integers), in cell order
     */
    public CellReassign(List<? extends Geometry> cells, List<Integer> unitOf) {
        if (cells.size() != unitOf.size()) throw new IllegalArgumentException("one unit per cell: " + cells.size() + " cells, " + unitOf.size() + " units");
        Inputs.checkPolygonal(cells);
        this.cells = List.copyOf(cells);
        this.unitOf = unitOf.stream().mapToInt(u -> {
            if (u == null) throw new IllegalArgumentException("a cell without a unit");
            return u;
        }).toArray();
    }

    /** One stroke: moves the given cells, painted in the order of the calls. */
    public CellReassign move(Collection<Integer> cellIndexes, int toUnit) {
        if (cellIndexes.isEmpty()) throw new IllegalArgumentException("a move needs at least one cell");
        int[] stroke = new int[cellIndexes.size() + 1];
        stroke[0] = toUnit;
        int k = 1;
        for (Integer c : cellIndexes) {
            if (c == null || c < 0 || c >= cells.size()) throw new IllegalArgumentException("no cell " + c + " (there are " + cells.size() + ")");
            stroke[k++] = c;
        }
        strokes.add(stroke);
        return this;
    }

    /** Moves the cells to toUnit and rebuilds the units involved. */
    public static Result move(List<? extends Geometry> cells, List<Integer> unitOf, Collection<Integer> cellIndexes, int toUnit) {
        return new CellReassign(cells, unitOf).move(cellIndexes, toUnit).apply();
    }

    public Result apply() {
        int[] after = unitOf.clone();
        TreeSet<Integer> touched = new TreeSet<>();
        for (int[] stroke : strokes) {
            for (int k = 1; k < stroke.length; k++) {
                int c = stroke[k];
                if (after[c] == stroke[0]) continue;
                touched.add(after[c]);
                touched.add(stroke[0]);
                after[c] = stroke[0];
            }
        }
        Map<Integer, UnitChange> changed = new TreeMap<>();
        for (int unit : touched) {
            List<Integer> before = cellsOf(unitOf, unit), now = cellsOf(after, unit);
            if (before.equals(now)) continue; // painted away and back again
            CoverageMerge.Result merged = union(now);
            MultiPolygon geometry = merged == null ? Polygons.WGS84.createMultiPolygon() : merged.merged();
            int partsBefore = before.isEmpty() ? 0 : union(before).merged().getNumGeometries();
            changed.put(unit, new UnitChange(unit, now, geometry, partsBefore, geometry.getNumGeometries(), merged == null ? 0 : merged.areaM2()));
        }
        List<Integer> unitOfAfter = new ArrayList<>(after.length);
        for (int u : after) unitOfAfter.add(u);
        return new Result(unitOfAfter, changed);
    }

    /** null for no cells */
    private CoverageMerge.Result union(List<Integer> cellIndexes) {
        if (cellIndexes.isEmpty()) return null;
        return CoverageMerge.merge(cellIndexes.stream().map(i -> (Geometry) cells.get(i)).toList());
    }

    private static List<Integer> cellsOf(int[] unitOf, int unit) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < unitOf.length; i++) if (unitOf[i] == unit) out.add(i);
        return out;
    }
}
