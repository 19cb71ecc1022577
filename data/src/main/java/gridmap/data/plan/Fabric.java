package gridmap.data.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * What a plan works on: its parent unit, every current unit below it (parents before children)
 * and the current grid cells of those units, as read at one moment. Plain data: the
 * {@link PlanApplier} never touches the database. usedCodes: every unit code ever used (current or
 * past) under the parent's code, which new units must not take again.
 */
public record Fabric(UnitRow parent, List<UnitRow> units, List<CellRow> cells, Set<String> usedCodes) {
    public Fabric {
        units = List.copyOf(units);
        cells = List.copyOf(cells);
        usedCodes = Set.copyOf(usedCodes);
    }

    public record UnitRow(long id, String code, String name, UnitLevel level, Long parentId, MultiPolygon geom,
                          long population, long households, LocalDate validFrom, int version) {}

    public record CellRow(long id, String code, String name, long communityId, MultiPolygon geom,
                          long households, long population, Long workerId, LocalDate validFrom, int version) {}
}
