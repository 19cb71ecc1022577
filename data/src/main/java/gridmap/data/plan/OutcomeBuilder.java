package gridmap.data.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.data.plan.PlanOutcome.Problem;
import gridmap.data.plan.PlanOutcome.Status;
import gridmap.data.plan.Workspace.Part;
import gridmap.data.plan.Workspace.WorkLeaf;
import gridmap.data.plan.Workspace.WorkUnit;
import gridmap.geo.CellNumbering;
import gridmap.geo.coverage.CoverageMerge;
import gridmap.geo.coverage.CoverageValidate;
import gridmap.geo.metrics.MeasurePlan;
import gridmap.geo.metrics.MeasureUnit;
import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.metrics.TransverseMercator;
import gridmap.geo.metrics.UnitMetrics;

/**
 * Turns a workspace the operations are done with into a {@link PlanOutcome}: rebuilds changed units
 * from their leaves, decides which rows are new (a unit whose geometry, parent, name or code
 * changed, and everything below a unit that gets a new row, since rows point to their parent's
 * row), allocates codes ({@link UnitCodes}), renumbers the cells of changed communities, works out
 * lineage from where each leaf's area came from, validates and measures.
 */
final class OutcomeBuilder {
    /**
     * Children must cover their parent to this relative (planar) area. Merges, moves and redraws
     * keep it exactly; a split line that crosses the parent's own outer boundary puts a new vertex
     * there on the 1e-8° grid, which moves that border by under a millimetre (a few parts in 10⁹
     * of a small parent's area).
     */
    static final double AREA_TOLERANCE = 1e-7;

    private final Workspace ws;
    private final boolean allowNonContiguous;
    private final Target target;
    private final Map<WorkUnit, List<WorkUnit>> children = new HashMap<>();
    private final Map<WorkUnit, List<WorkLeaf>> leaves = new HashMap<>();
    /** top-down order of the live units (root excluded) */
    private final List<WorkUnit> order = new ArrayList<>();
    private final Set<WorkUnit> cellsRenumbered = new HashSet<>();

    OutcomeBuilder(Workspace ws, boolean allowNonContiguous, Target target) {
        this.ws = ws;
        this.allowNonContiguous = allowNonContiguous;
        this.target = target;
    }

    PlanOutcome build() {
        index();
        versionsAndCodes();
        List<PlanOutcome.Cell> cells = new ArrayList<>();
        List<Long> closedCells = cells(cells);
        sums();
        List<Long> closedUnits = new ArrayList<>();
        for (Fabric.UnitRow u : ws.fabric.units()) {
            WorkUnit w = ws.unitById.get(u.id());
            if (w.removed || w.newVersion) closedUnits.add(u.id());
        }
        List<PlanOutcome.Lineage> lineage = lineage(new HashSet<>(closedUnits));
        List<Problem> problems = new ArrayList<>(ws.notes);
        validate(problems);

        TransverseMercator tm = TransverseMercator.about(ws.root.geom);
        UnitLevel targetLevel = order.stream().map(u -> u.level).max(Comparator.naturalOrder()).orElse(null);
        SizeTarget size = target == null ? null
                : target.households() ? SizeTarget.households(target.min(), target.max()) : SizeTarget.population(target.min(), target.max());
        List<PlanOutcome.Unit> out = new ArrayList<>();
        Map<UnitLevel, List<UnitMetrics>> byLevel = new EnumMap<>(UnitLevel.class);
        for (WorkUnit u : order) {
            SizeTarget t = u.level == targetLevel ? size : null;
            UnitMetrics m = new MeasureUnit(u.geom).setCounts(u.households, u.population).setProjection(tm).setTarget(t).measure();
            byLevel.computeIfAbsent(u.level, l -> new ArrayList<>()).add(m);
            Status st = u.origin == null ? Status.NEW : u.newVersion ? Status.CHANGED : Status.UNCHANGED;
            out.add(new PlanOutcome.Unit(u.key, u.origin == null ? null : u.origin.id(), u.code, u.name, u.level, u.parent.key,
                    u.geom, u.households, u.population, st, m, u.madeBy));
            if (st != Status.UNCHANGED && m.parts() > expectedParts(u, lineage)) {
                problems.add(new Problem("NON_CONTIGUOUS", !allowNonContiguous, List.of(u.key),
                        u.label() + " would be in " + m.parts() + " pieces", u.geom.getInteriorPoint(), 0));
            }
            if (st != Status.UNCHANGED) {
                if (Boolean.FALSE.equals(m.withinTarget())) {
                    problems.add(new Problem("OUTSIDE_TARGET", false, List.of(u.key), u.label() + " has " + m.size() + " "
                            + target.basis() + ", outside " + target.min() + "–" + target.max(), u.geom.getInteriorPoint(), 0));
                }
            }
        }
        Map<UnitLevel, PlanMetrics> plan = new EnumMap<>(UnitLevel.class);
        byLevel.forEach((level, ms) -> plan.put(level, new MeasurePlan(ms).setTarget(level == targetLevel ? size : null).measure()));
        Map<Long, UnitMetrics> before = new HashMap<>();
        for (long id : closedUnits) {
            Fabric.UnitRow r = ws.unitById.get(id).origin;
            SizeTarget t = r.level() == targetLevel ? size : null;
            before.put(id, new MeasureUnit(r.geom()).setCounts(r.households(), r.population()).setProjection(tm).setTarget(t).measure());
        }
        return new PlanOutcome(ws.fabric, out, closedUnits, cells, closedCells, lineage, problems, before, plan);
    }

    /**
     * Pieces a unit may have without having been torn: its predecessors' pieces (islands stay
     * islands) joined into one where they meet, i.e. their sum less one per extra predecessor.
     */
    private int expectedParts(WorkUnit u, List<PlanOutcome.Lineage> lineage) {
        List<Fabric.UnitRow> preds = lineage.stream().filter(l -> l.successorKey().equals(u.key))
                .map(l -> ws.unitById.get(l.predecessorId()).origin).filter(p -> p.level() == u.level).toList();
        int sum = preds.stream().mapToInt(p -> p.geom().getNumGeometries()).sum();
        return Math.max(1, sum - Math.max(0, preds.size() - 1));
    }

    private void index() {
        for (WorkUnit u : ws.units) if (!u.removed) children.computeIfAbsent(u.parent, k -> new ArrayList<>()).add(u);
        for (WorkLeaf l : ws.leaves) leaves.computeIfAbsent(l.unit, k -> new ArrayList<>()).add(l);
        List<WorkUnit> level = children.getOrDefault(ws.root, List.of());
        while (!level.isEmpty()) {
            order.addAll(level);
            List<WorkUnit> next = new ArrayList<>();
            for (WorkUnit u : level) next.addAll(children.getOrDefault(u, List.of()));
            level = next;
        }
    }

    private static boolean sameGeometry(WorkUnit u) {
        MultiPolygon a = u.geom, b = u.origin.geom();
        return a == b || a.norm().equalsExact(b.norm());
    }

    private void versionsAndCodes() {
        ws.root.code = ws.root.origin.code();
        Set<String> used = new HashSet<>(ws.fabric.usedCodes());
        List<WorkUnit> level = children.getOrDefault(ws.root, List.of());
        while (!level.isEmpty()) {
            List<WorkUnit> pending = new ArrayList<>();
            for (WorkUnit u : level) {
                String prefix = UnitCodes.prefix(u.parent.code, u.level);
                if (u.explicitCode != null) {
                    boolean own = u.origin != null && u.origin.code().equals(u.explicitCode);
                    if (!UnitCodes.fits(u.explicitCode, prefix, u.level)) {
                        throw new PlanRejectedException(u.explicitCodeOp, "code " + u.explicitCode + " does not fit under " + u.parent.label()
                                + ": a " + u.level.code() + " there has " + u.level.codeLength() + " digits starting " + prefix);
                    }
                    if (!own && !used.add(u.explicitCode)) {
                        throw new PlanRejectedException(u.explicitCodeOp, "code " + u.explicitCode + " is taken (codes are never reused, so that each means one area)");
                    }
                    u.code = u.explicitCode;
                } else if (u.origin != null && UnitCodes.fits(u.origin.code(), prefix, u.level)) {
                    u.code = u.origin.code();
                } else {
                    pending.add(u);
                }
            }
            for (WorkUnit u : pending) {
                String prefix = UnitCodes.prefix(u.parent.code, u.level);
                int from = u.mergeResult && u.level == UnitLevel.COMMUNITY ? UnitCodes.MERGED_COMMUNITY_FROM : 1;
                String code = UnitCodes.nextFree(prefix, u.level, from, used);
                if (code == null) throw new PlanRejectedException(0, "no free " + u.level.code() + " code is left under " + prefix);
                used.add(code);
                u.code = code;
            }
            List<WorkUnit> next = new ArrayList<>();
            for (WorkUnit u : level) {
                Fabric.UnitRow o = u.origin;
                u.newVersion = o == null || u.parent.newVersion || u.parent.origin == null || !Long.valueOf(u.parent.origin.id()).equals(o.parentId())
                        || !u.name.equals(o.name()) || !u.code.equals(o.code()) || !sameGeometry(u);
                next.addAll(children.getOrDefault(u, List.of()));
            }
            level = next;
        }
    }

    /**
     * Fills out with every live cell; returns the ids of the cells closed: those cut, drawn anew
     * or moved, and every cell of a community that gets a new row or whose cells changed (all of
     * them are renumbered west→east, north→south).
     */
    private List<Long> cells(List<PlanOutcome.Cell> out) {
        Map<Long, Set<Long>> originalCells = new HashMap<>();
        for (Fabric.CellRow c : ws.fabric.cells()) originalCells.computeIfAbsent(c.communityId(), k -> new HashSet<>()).add(c.id());
        Map<Long, WorkLeaf> unchangedLeaf = new HashMap<>();
        for (WorkUnit u : order) {
            List<WorkLeaf> ls = leaves.getOrDefault(u, List.of()).stream().filter(WorkLeaf::isCell).toList();
            if (ls.isEmpty()) continue;
            Set<Long> now = new HashSet<>();
            boolean untouched = !u.newVersion;
            for (WorkLeaf l : ls) {
                if (!l.key.startsWith("c") || l.geomChanged) untouched = false;
                else now.add(l.cell.id());
            }
            if (untouched && now.equals(originalCells.getOrDefault(u.origin.id(), Set.of()))) {
                for (WorkLeaf l : ls) {
                    out.add(cell(l, l.cell.code(), l.cell.name(), u, Status.UNCHANGED));
                    unchangedLeaf.put(l.cell.id(), l);
                }
                continue;
            }
            cellsRenumbered.add(u);
            List<Integer> numbering = CellNumbering.order(ls.stream().map(l -> l.geom).toList());
            for (int serial = 1; serial <= numbering.size(); serial++) {
                WorkLeaf l = ls.get(numbering.get(serial - 1));
                out.add(cell(l, UnitCodes.cell(u.code, serial), u.name + "第" + serial + "网格", u, l.key.startsWith("m") ? Status.NEW : Status.CHANGED));
            }
        }
        List<Long> closed = new ArrayList<>();
        for (Fabric.CellRow c : ws.fabric.cells()) if (!unchangedLeaf.containsKey(c.id())) closed.add(c.id());
        return closed;
    }

    private static PlanOutcome.Cell cell(WorkLeaf l, String code, String name, WorkUnit u, Status st) {
        List<Long> from = l.parts.stream().map(Part::originCell).filter(c -> c != null).distinct().sorted().toList();
        return new PlanOutcome.Cell(l.key, l.key.startsWith("c") ? l.cell.id() : null, from, code, name, u.key, l.geom,
                l.households(), l.population(), l.workerId(), st);
    }

    /** Households and people of changed units from their leaves and children, bottom-up; unchanged units keep theirs. */
    private void sums() {
        for (int i = order.size() - 1; i >= 0; i--) {
            WorkUnit u = order.get(i);
            if (!u.newVersion) {
                u.households = u.origin.households();
                u.population = u.origin.population();
                continue;
            }
            List<WorkUnit> kids = children.getOrDefault(u, List.of());
            if (!kids.isEmpty()) {
                u.households = kids.stream().mapToLong(k -> k.households).sum();
                u.population = kids.stream().mapToLong(k -> k.population).sum();
            } else {
                u.households = leaves.getOrDefault(u, List.of()).stream().mapToLong(WorkLeaf::households).sum();
                u.population = leaves.getOrDefault(u, List.of()).stream().mapToLong(WorkLeaf::population).sum();
            }
        }
    }

    /**
     * For every closed unit, where its area and people went: each leaf's parts name the original
     * leaf unit they came from; the closed unit's successor is the unit of the same level the
     * leaf is in now, or, where that level is gone, the nearest unit above it.
     */
    private List<PlanOutcome.Lineage> lineage(Set<Long> closed) {
        Map<Long, List<Long>> ancestors = new HashMap<>();
        for (Fabric.UnitRow u : ws.fabric.units()) {
            List<Long> chain = new ArrayList<>();
            for (WorkUnit w = ws.unitById.get(u.id()); w != null && w != ws.root; w = ws.unitById.get(w.origin.parentId())) chain.add(w.origin.id());
            ancestors.put(u.id(), chain);
        }
        Map<Long, Map<String, double[]>> acc = new LinkedHashMap<>();
        for (WorkLeaf l : ws.leaves) {
            for (Part p : l.parts) {
                for (long a : ancestors.get(p.originUnit())) {
                    if (!closed.contains(a)) continue;
                    UnitLevel level = ws.unitById.get(a).origin.level();
                    WorkUnit s = successorAt(l.unit, level);
                    double[] v = acc.computeIfAbsent(a, k -> new LinkedHashMap<>()).computeIfAbsent(s.key, k -> new double[2]);
                    v[0] += p.areaM2();
                    v[1] += p.population();
                }
            }
        }
        List<PlanOutcome.Lineage> out = new ArrayList<>();
        for (var e : acc.entrySet()) {
            double area = e.getValue().values().stream().mapToDouble(v -> v[0]).sum();
            double pop = e.getValue().values().stream().mapToDouble(v -> v[1]).sum();
            for (var s : e.getValue().entrySet()) {
                double as = area == 0 ? 0 : s.getValue()[0] / area;
                out.add(new PlanOutcome.Lineage(e.getKey(), s.getKey(), as, pop == 0 ? as : s.getValue()[1] / pop));
            }
        }
        return out;
    }

    private WorkUnit successorAt(WorkUnit leafUnit, UnitLevel level) {
        for (WorkUnit w = leafUnit; w != null; w = w.parent) {
            if (w.level == level) return w;
            if (w.level.ordinal() < level.ordinal()) return w;
        }
        return ws.root;
    }

    /**
     * Coverage checks where something changed: the children of the parent and of every unit whose
     * children changed, and the cells of every community where cells were cut or given new
     * vertices; each set must be a valid
     * coverage with the area of its parent.
     */
    private void validate(List<Problem> problems) {
        Set<WorkUnit> groups = new HashSet<>();
        groups.add(ws.root);
        for (WorkUnit u : order) if (u.newVersion) groups.add(u.parent);
        for (WorkUnit u : ws.units) if (u.removed && u.origin != null && ws.unitById.get(u.origin.parentId()) != null) groups.add(ws.unitById.get(u.origin.parentId()));
        for (WorkUnit g : order) if (!groups.contains(g)) continue; else check(problems, g, children.getOrDefault(g, List.of()).stream().map(u -> u.key).toList(),
                children.getOrDefault(g, List.of()).stream().map(u -> (Geometry) u.geom).toList());
        check(problems, ws.root, children.getOrDefault(ws.root, List.of()).stream().map(u -> u.key).toList(),
                children.getOrDefault(ws.root, List.of()).stream().map(u -> (Geometry) u.geom).toList());
        for (WorkUnit u : cellsRenumbered) {
            List<WorkLeaf> ls = leaves.getOrDefault(u, List.of());
            // cells that only changed hands match their neighbours as they did before; cut or redrawn ones are checked
            if (ls.stream().noneMatch(l -> l.geomChanged)) continue;
            check(problems, u, ls.stream().map(l -> l.key).toList(), ls.stream().map(l -> (Geometry) l.geom).toList());
        }
    }

    private void check(List<Problem> problems, WorkUnit parent, List<String> keys, List<Geometry> parts) {
        if (parts.isEmpty() || parent.removed) return;
        // a hole of the parent itself (an enclave of another unit) is not a gap in its coverage
        for (CoverageValidate.Problem p : new CoverageValidate(parts).setParent(parent.geom).validate().problems()) {
            problems.add(new Problem(p.kind().name(), true, p.units().stream().map(keys::get).toList(), p.detail(), p.location(), p.areaM2()));
        }
        double sum = parts.stream().mapToDouble(Geometry::getArea).sum(), whole = parent.geom.getArea();
        if (Math.abs(sum - whole) > AREA_TOLERANCE * whole) {
            problems.add(new Problem("AREA", true, List.of(parent.key), String.format(
                    "the parts of %s cover %.9f of its area", parent.label(), sum / whole), parent.geom.getInteriorPoint(), 0));
        }
    }
}
