package gridmap.data.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.MultiPolygon;

import gridmap.geo.EqualAreaMeasure;

/**
 * The mutable state a plan is applied to: the units below the parent as a tree, and the leaves of
 * that tree, the finest pieces of area (a community's grid cells; a unit without cells or
 * sub-units is its own single leaf). Geometric operations cut and move leaves; a changed unit is
 * rebuilt as the union of its leaves, so units and cells nest exactly. Each leaf remembers which
 * original units and cells its area came from ({@link Part}), which is what lineage is made of.
 */
final class Workspace {
    /** A share of an original leaf: area in m², households and people (whole numbers, apportioned when cut). */
    record Part(long originUnit, Long originCell, double areaM2, long households, long population) {}

    static final class WorkUnit {
        final String key;
        final Fabric.UnitRow origin;
        final UnitLevel level;
        WorkUnit parent;
        String name;
        /** a code the plan asks for, and the operation that asked */
        String explicitCode;
        int explicitCodeOp;
        boolean mergeResult;
        MultiPolygon geom;
        /** to be rebuilt from its leaves or children at the end */
        boolean dirty;
        boolean removed;
        /** removed as a level: its area stays with its parent */
        boolean abolished;
        String madeBy;
        // filled at the end
        String code;
        boolean newVersion;
        long households, population;

        WorkUnit(String key, Fabric.UnitRow origin, UnitLevel level, WorkUnit parent, String name, MultiPolygon geom) {
            this.key = key;
            this.origin = origin;
            this.level = level;
            this.parent = parent;
            this.name = name;
            this.geom = geom;
        }

        String label() {
            String c = origin != null ? origin.code() : madeBy;
            return c + " " + name;
        }
    }

    static final class WorkLeaf {
        final String key;
        /** the grid cell this leaf is (or a piece of, or was drawn over most), null for a unit's own leaf */
        final Fabric.CellRow cell;
        /** a grid cell (not a unit's own leaf) */
        final boolean real;
        WorkUnit unit;
        MultiPolygon geom;
        /** cut or given new vertices by an operation */
        boolean geomChanged;
        final List<Part> parts;
        double areaM2;

        WorkLeaf(String key, Fabric.CellRow cell, boolean real, WorkUnit unit, MultiPolygon geom, List<Part> parts) {
            this.key = key;
            this.cell = cell;
            this.real = real;
            this.unit = unit;
            this.geom = geom;
            this.parts = parts;
            this.areaM2 = EqualAreaMeasure.areaM2(geom);
        }

        boolean isCell() { return real; }

        Long workerId() { return cell == null ? null : cell.workerId(); }

        long households() { return parts.stream().mapToLong(Part::households).sum(); }

        long population() { return parts.stream().mapToLong(Part::population).sum(); }
    }

    final Fabric fabric;
    final WorkUnit root;
    final List<WorkUnit> units = new ArrayList<>();
    final Map<Long, WorkUnit> unitById = new HashMap<>();
    final Map<String, WorkUnit> unitByCode = new HashMap<>();
    final List<WorkLeaf> leaves = new ArrayList<>();
    /** current leaf of each original cell; removed when the cell is cut */
    final Map<Long, WorkLeaf> leafByCell = new HashMap<>();
    /** units made by operations: "#k", "#k.j" */
    final Map<String, WorkUnit> made = new HashMap<>();
    /** remarks of the operations for the outcome (e.g. a merge that needed the overlay fallback) */
    final List<PlanOutcome.Problem> notes = new ArrayList<>();
    private int newUnits, newLeaves;

    Workspace(Fabric fabric) {
        this.fabric = fabric;
        Fabric.UnitRow p = fabric.parent();
        root = new WorkUnit("u" + p.id(), p, p.level(), null, p.name(), p.geom());
        unitById.put(p.id(), root);
        for (Fabric.UnitRow u : fabric.units()) {
            WorkUnit parent = unitById.get(u.parentId());
            WorkUnit w = new WorkUnit("u" + u.id(), u, u.level(), parent, u.name(), u.geom());
            units.add(w);
            unitById.put(u.id(), w);
            unitByCode.put(u.code(), w);
        }
        Map<Long, List<Fabric.CellRow>> cellsOf = new HashMap<>();
        for (Fabric.CellRow c : fabric.cells()) cellsOf.computeIfAbsent(c.communityId(), k -> new ArrayList<>()).add(c);
        for (WorkUnit u : units) {
            List<Fabric.CellRow> cs = cellsOf.getOrDefault(u.origin.id(), List.of());
            for (Fabric.CellRow c : cs) {
                WorkLeaf l = new WorkLeaf("c" + c.id(), c, true, u, c.geom(), new ArrayList<>());
                l.parts.add(new Part(u.origin.id(), c.id(), l.areaM2, c.households(), c.population()));
                leaves.add(l);
                leafByCell.put(c.id(), l);
            }
            if (cs.isEmpty() && children(u).isEmpty()) {
                WorkLeaf l = new WorkLeaf("s" + u.origin.id(), null, false, u, u.geom, new ArrayList<>());
                l.parts.add(new Part(u.origin.id(), null, l.areaM2, u.origin.households(), u.origin.population()));
                leaves.add(l);
            }
        }
    }

    WorkUnit newUnit(UnitLevel level, WorkUnit parent, String name, String madeBy) {
        WorkUnit w = new WorkUnit("n" + (++newUnits), null, level, parent, name, null);
        w.madeBy = madeBy;
        units.add(w);
        made.put(madeBy, w);
        return w;
    }

    WorkLeaf newLeaf(Fabric.CellRow cell, boolean real, WorkUnit unit, MultiPolygon geom, List<Part> parts) {
        WorkLeaf l = new WorkLeaf("m" + (++newLeaves), cell, real, unit, geom, parts);
        l.geomChanged = true;
        leaves.add(l);
        return l;
    }

    /** Live units whose parent is p, in order. */
    List<WorkUnit> children(WorkUnit p) {
        List<WorkUnit> out = new ArrayList<>();
        for (WorkUnit u : units) if (!u.removed && u.parent == p) out.add(u);
        return out;
    }

    List<WorkLeaf> leavesOf(WorkUnit u) {
        List<WorkLeaf> out = new ArrayList<>();
        for (WorkLeaf l : leaves) if (l.unit == u) out.add(l);
        return out;
    }

    List<WorkUnit> live() { return units.stream().filter(u -> !u.removed).toList(); }

    /** Steps from the root (its children are at depth 1). */
    static int depth(WorkUnit u) {
        int d = 0;
        for (WorkUnit p = u; p.parent != null; p = p.parent) d++;
        return d;
    }

    /**
     * Rebuilds every dirty unit as the exact union of its leaves, or of its children, bottom-up, so
     * that after each operation every unit is the union of its leaves again (a later operation
     * then sees the very vertices its cells have).
     */
    void rebuildDirty() {
        List<WorkUnit> dirty = new ArrayList<>();
        for (WorkUnit u : units) if (u.dirty && !u.removed) dirty.add(u);
        if (dirty.isEmpty()) return;
        dirty.sort(java.util.Comparator.comparingInt(Workspace::depth).reversed());
        for (WorkUnit u : dirty) {
            List<WorkUnit> kids = children(u);
            List<org.locationtech.jts.geom.Geometry> parts = new ArrayList<>();
            if (!kids.isEmpty()) kids.forEach(k -> parts.add(k.geom));
            else leavesOf(u).forEach(l -> parts.add(l.geom));
            if (parts.isEmpty()) throw new PlanRejectedException(0, u.label() + " would be left without any area");
            u.geom = gridmap.geo.coverage.CoverageMerge.merge(parts).merged();
            u.dirty = false;
        }
    }

    /** Marks u and its ancestors below the root to be rebuilt. */
    void markDirty(WorkUnit u) {
        for (WorkUnit p = u; p != null && p != root; p = p.parent) p.dirty = true;
    }
}
