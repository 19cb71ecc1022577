package gridmap.data.plan;

import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.UnitMetrics;

/**
 * What a plan does to its parent's units, computed without touching the database: the units and
 * cells after it (unchanged ones included), the rows it closes, the lineage between old and new,
 * the validation problems and the metrics. Preview, compare and commit all read this one result.
 *
 * <p>Keys link units and cells inside the outcome: {@code "u<id>"} is an existing unit (a CHANGED
 * one gets a new row on commit, an UNCHANGED one keeps its row), {@code "n<k>"} a unit the plan
 * makes; cells likewise {@code "c<id>"} and {@code "m<k>"}.
 */
public record PlanOutcome(Fabric fabric, List<Unit> units, List<Long> closedUnits, List<Cell> cells, List<Long> closedCells,
                          List<Lineage> lineage, List<Problem> problems, Map<Long, UnitMetrics> before,
                          Map<UnitLevel, PlanMetrics> metrics) {
    public PlanOutcome {
        units = List.copyOf(units);
        closedUnits = List.copyOf(closedUnits);
        cells = List.copyOf(cells);
        closedCells = List.copyOf(closedCells);
        lineage = List.copyOf(lineage);
        problems = List.copyOf(problems);
        before = Map.copyOf(before);
        metrics = Map.copyOf(metrics);
    }

    public enum Status { UNCHANGED, CHANGED, NEW }

    /**
     * A unit after the plan. originId: the row it continues (null when new); parentKey: the key
     * of its parent ("u<id>" of the plan's parent at the top); madeBy: "#k" or "#k.j" when an
     * operation made it.
     */
    public record Unit(String key, Long originId, String code, String name, UnitLevel level, String parentKey,
                       MultiPolygon geom, long households, long population, Status status, UnitMetrics metrics, String madeBy) {}

    /** A grid cell after the plan; fromCells: the cells (ids) its area came from. */
    public record Cell(String key, Long originId, List<Long> fromCells, String code, String name, String unitKey,
                       MultiPolygon geom, long households, long population, Long workerId, Status status) {}

    /** Of the predecessor's area and population, these shares went to the successor (per predecessor they sum to 1). */
    public record Lineage(long predecessorId, String successorKey, double areaShare, double populationShare) {}

    /**
     * A validation problem: kind (INVALID_POLYGON, OVERLAP, MISMATCHED_EDGE, GAP, AREA, NON_CONTIGUOUS,
     * OUTSIDE_TARGET, OVERLAY_FALLBACK), whether it stops a commit, the unit keys involved, a
     * sentence, a location to draw (may be null) and the area involved (m²).
     */
    public record Problem(String kind, boolean blocking, List<String> units, String detail, Geometry location, double areaM2) {}

    public boolean committable() { return problems.stream().noneMatch(Problem::blocking); }

    public Unit unit(String key) {
        return units.stream().filter(u -> u.key().equals(key)).findFirst().orElse(null);
    }

    /** Units that get a new row on commit (new or changed). */
    public List<Unit> written() { return units.stream().filter(u -> u.status() != Status.UNCHANGED).toList(); }
}
