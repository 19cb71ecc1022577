package gridmap.data.plan;

import java.util.List;

import org.locationtech.jts.geom.LineString;

/**
 * One step of a plan, applied in order to the units of the plan's parent (see {@link PlanApplier}).
 * Units are named by {@link UnitRef}; grid cells by id.
 */
public sealed interface Operation {
    OperationKind kind();

    /** Siblings (same parent and level) become one unit; their children and cells follow it. */
    record Merge(List<UnitRef> units, String name, String code) implements Operation {
        public OperationKind kind() { return OperationKind.MERGE; }
    }

    /** Grid cells move to another community (paint-style redistricting). */
    record Reassign(List<Long> cells, UnitRef to) implements Operation {
        public OperationKind kind() { return OperationKind.REASSIGN; }
    }

    /** A unit is cut by a line into pieces; names (optional) go to the pieces largest first. */
    record Split(UnitRef unit, LineString line, List<String> names) implements Operation {
        public OperationKind kind() { return OperationKind.SPLIT; }
    }

    /**
     * Part of the border between two neighbours, {@code from} (consecutive vertices they share),
     * is replaced by {@code to} (same two ends); both change together.
     */
    record Redraw(List<UnitRef> units, LineString from, LineString to) implements Operation {
        public OperationKind kind() { return OperationKind.REDRAW; }
    }

    /**
     * A level is abolished: the named units (or every unit of {@code level} under the plan's
     * parent) disappear and their children are re-parented to their parent.
     */
    record RemoveLevel(List<UnitRef> units, UnitLevel level) implements Operation {
        public OperationKind kind() { return OperationKind.REMOVE_LEVEL; }
    }

    /** A community's grid cells are drawn anew, each of a target size. */
    record Regrid(UnitRef unit, Target target) implements Operation {
        public OperationKind kind() { return OperationKind.REGRID; }
    }

    /** A unit gets a new name and/or code (null keeps the old). */
    record Rename(UnitRef unit, String name, String code) implements Operation {
        public OperationKind kind() { return OperationKind.RENAME; }
    }
}
