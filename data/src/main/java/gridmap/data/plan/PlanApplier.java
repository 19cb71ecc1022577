package gridmap.data.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;

import gridmap.data.plan.Workspace.Part;
import gridmap.data.plan.Workspace.WorkLeaf;
import gridmap.data.plan.Workspace.WorkUnit;
import gridmap.geo.EqualAreaMeasure;
import gridmap.geo.coverage.CellReassign;
import gridmap.geo.coverage.Contiguity;
import gridmap.geo.coverage.CoverageMerge;
import gridmap.geo.coverage.CoverageSplit;
import gridmap.geo.coverage.EdgeRedraw;
import gridmap.geo.metrics.SizeTarget;
import gridmap.geo.partition.HouseholdDensity;
import gridmap.geo.partition.Regrid;

/**
 * Applies a plan's operations, in order, to a {@link Fabric}, through the coverage operations of
 * {@code gridmap.geo.coverage}, and yields the {@link PlanOutcome}: the one code path behind
 * preview, compare and commit. Nothing here reads or writes the database.
 *
 * <p>An operation that cannot apply to the units as they are at its step (units that do not
 * touch, of different parents or levels, a line that does not cut, a border that would cross
 * another) throws {@link PlanRejectedException} naming the operation.
 */
public final class PlanApplier {
    private final Fabric fabric;
    private boolean allowNonContiguous;
    private Target target;

    public PlanApplier(Fabric fabric) { this.fabric = fabric; }

    public static PlanOutcome apply(Fabric fabric, List<Operation> ops) { return new PlanApplier(fabric).apply(ops); }

    /** Merges and moves may leave a unit in several parts (otherwise refused). */
    public PlanApplier setAllowNonContiguous(boolean allow) { this.allowNonContiguous = allow; return this; }

    /** The size the plan aims at, for metrics and warnings; null for none. */
    public PlanApplier setTarget(Target target) { this.target = target; return this; }

    public PlanOutcome apply(List<Operation> ops) {
        if (ops.isEmpty()) throw new PlanRejectedException(0, "the plan has no operations");
        Workspace ws = new Workspace(fabric);
        for (int i = 0; i < ops.size(); i++) {
            int k = i + 1;
            Operation op = ops.get(i);
            if (op instanceof Operation.Merge m) merge(ws, k, m);
            else if (op instanceof Operation.Reassign r) reassign(ws, k, r);
            else if (op instanceof Operation.Split s) split(ws, k, s);
            else if (op instanceof Operation.Redraw r) redraw(ws, k, r);
            else if (op instanceof Operation.RemoveLevel r) removeLevel(ws, k, r);
            else if (op instanceof Operation.Regrid r) regrid(ws, k, r);
            else if (op instanceof Operation.Rename r) rename(ws, k, r);
            ws.rebuildDirty();
        }
        return new OutcomeBuilder(ws, allowNonContiguous, target).build();
    }

    // --- the operations ----------------------------------------------------------------------

    private void merge(Workspace ws, int k, Operation.Merge m) {
        List<WorkUnit> members = resolveAll(ws, k, m.units());
        siblings(k, members, "merged");
        List<Geometry> geoms = members.stream().map(u -> (Geometry) u.geom).toList();
        if (!allowNonContiguous && !Contiguity.isContiguous(geoms)) {
            List<List<Integer>> groups = Contiguity.groups(geoms);
            String parts = groups.stream().map(g -> g.stream().map(i -> members.get(i).label()).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("] and [", "[", "]"));
            throw new PlanRejectedException(k, "the units do not form one contiguous area: " + parts
                    + " share no border; merge neighbours, or set allow_non_contiguous");
        }
        CoverageMerge.Result r;
        try {
            r = CoverageMerge.merge(geoms);
        } catch (IllegalArgumentException e) {
            throw new PlanRejectedException(k, "cannot merge " + labels(members) + ": " + e.getMessage());
        }
        WorkUnit first = members.get(0);
        WorkUnit n = ws.newUnit(first.level, first.parent, m.name(), "#" + k);
        n.geom = r.merged();
        n.mergeResult = true;
        if (m.code() != null) { n.explicitCode = m.code(); n.explicitCodeOp = k; }
        // a member still to be rebuilt from its leaves (cut earlier) makes the merged unit so too
        if (members.stream().anyMatch(u -> u.dirty)) ws.markDirty(n);
        if (r.overlayFallback()) ws.notes.add(new PlanOutcome.Problem("OVERLAY_FALLBACK", false, List.of(n.key),
                "the merge of " + labels(members) + " used an overlay union (" + r.fallbackReason() + ")", null, 0));
        Set<WorkUnit> set = new HashSet<>(members);
        for (WorkLeaf l : ws.leaves) if (set.contains(l.unit)) l.unit = n;
        for (WorkUnit u : ws.units) if (set.contains(u.parent) && !u.removed) u.parent = n;
        for (WorkUnit u : members) u.removed = true;
    }

    private void reassign(Workspace ws, int k, Operation.Reassign r) {
        WorkUnit to = resolve(ws, k, r.to());
        if (!ws.children(to).isEmpty()) throw new PlanRejectedException(k, to.label() + " has sub-units; grid cells belong to communities");
        List<WorkLeaf> moving = new ArrayList<>();
        for (long id : r.cells()) {
            WorkLeaf l = ws.leafByCell.get(id);
            if (l == null) {
                boolean known = ws.fabric.cells().stream().anyMatch(c -> c.id() == id);
                throw new PlanRejectedException(k, known ? "grid cell " + id + " was cut by an earlier operation; move its pieces by drawing instead"
                        : "grid cell " + id + " is not a current grid cell below " + ws.root.label());
            }
            if (l.unit == to) throw new PlanRejectedException(k, "grid cell " + l.cell.code() + " is already in " + to.label());
            moving.add(l);
        }
        List<WorkUnit> involved = new ArrayList<>(new LinkedHashSet<>(moving.stream().map(l -> l.unit).toList()));
        involved.add(to);
        List<WorkLeaf> cells = new ArrayList<>();
        List<Integer> unitOf = new ArrayList<>();
        for (int u = 0; u < involved.size(); u++) {
            for (WorkLeaf l : ws.leavesOf(involved.get(u))) {
                cells.add(l);
                unitOf.add(u);
            }
        }
        List<Integer> strokes = moving.stream().map(cells::indexOf).toList();
        CellReassign.Result res;
        try {
            res = CellReassign.move(cells.stream().map(l -> (Geometry) l.geom).toList(), unitOf, strokes, involved.size() - 1);
        } catch (IllegalArgumentException e) {
            throw new PlanRejectedException(k, "cannot move the cells: " + e.getMessage());
        }
        for (CellReassign.UnitChange ch : res.changed().values()) {
            WorkUnit u = involved.get(ch.unit());
            if (ch.split() && !allowNonContiguous) {
                throw new PlanRejectedException(k, "the move leaves " + u.label() + " in " + ch.partsAfter()
                        + " pieces; move cells that keep every community in one piece, or set allow_non_contiguous");
            }
        }
        for (WorkLeaf l : moving) {
            if (l.unit.parent != to.parent) {
                ws.markDirty(l.unit.parent);
                ws.markDirty(to.parent);
            }
            l.unit = to;
        }
        for (CellReassign.UnitChange ch : res.changed().values()) {
            WorkUnit u = involved.get(ch.unit());
            if (ch.emptied()) u.removed = true; // painted away: its area lives on in the units its cells joined
            else u.geom = ch.geometry();
        }
    }

    private void removeLevel(Workspace ws, int k, Operation.RemoveLevel r) {
        List<WorkUnit> gone;
        if (r.level() != null) {
            gone = ws.live().stream().filter(u -> u.level == r.level()).toList();
            if (gone.isEmpty()) throw new PlanRejectedException(k, "there are no " + r.level().code() + " units below " + ws.root.label() + " to remove");
        } else {
            gone = resolveAll(ws, k, r.units());
        }
        UnitLevel level = gone.get(0).level;
        for (WorkUnit u : gone) {
            if (u.level != level) throw new PlanRejectedException(k, "a level is removed as a whole: " + gone.get(0).label() + " is a " + level.code() + ", " + u.label() + " a " + u.level.code());
            if (ws.children(u).isEmpty()) {
                throw new PlanRejectedException(k, u.label() + " has no sub-units to hand to its parent; a level that holds grid cells cannot be removed (merge it instead)");
            }
        }
        for (WorkUnit u : gone) {
            for (WorkUnit c : ws.children(u)) c.parent = u.parent;
            u.removed = true;
            u.abolished = true;
        }
    }

    private void split(Workspace ws, int k, Operation.Split s) {
        WorkUnit u = resolve(ws, k, s.unit());
        if (!ws.children(u).isEmpty()) throw new PlanRejectedException(k, u.label() + " has sub-units; split those instead");
        List<WorkUnit> sib = ws.children(u.parent);
        CoverageSplit.Result ur;
        try {
            ur = CoverageSplit.split(sib.stream().map(x -> (Geometry) x.geom).toList(), sib.indexOf(u), s.line());
        } catch (IllegalStateException e) {
            throw new PlanRejectedException(k, "the line cannot split " + u.label() + " cleanly here (" + e.getMessage() + "); move the line a little");
        } catch (IllegalArgumentException e) {
            throw new PlanRejectedException(k, "the line does not split " + u.label() + ": " + e.getMessage());
        }
        if (s.names() != null && s.names().size() != ur.pieces().size()) {
            throw new PlanRejectedException(k, "the line cuts " + u.label() + " into " + ur.pieces().size() + " pieces, but " + s.names().size() + " names were given");
        }
        for (var e : ur.neighbours().entrySet()) { // they received the new vertices where the line meets them
            WorkUnit n = sib.get(e.getKey());
            n.geom = e.getValue();
            ws.markDirty(n);
        }
        cutLeaves(ws, k, ws.leavesOf(u), s.line());
        List<WorkUnit> pieces = new ArrayList<>();
        for (int j = 0; j < ur.pieces().size(); j++) {
            String name = s.names() != null ? s.names().get(j) : u.name + "（" + (j + 1) + "）";
            WorkUnit p = ws.newUnit(u.level, u.parent, name, "#" + k + "." + (j + 1));
            p.geom = ur.pieces().get(j);
            ws.markDirty(p);
            pieces.add(p);
        }
        assignLeaves(ws, k, ws.leavesOf(u), pieces);
        u.removed = true;
    }

    private void redraw(Workspace ws, int k, Operation.Redraw r) {
        List<WorkUnit> ab = resolveAll(ws, k, r.units());
        siblings(k, ab, "given a new border");
        WorkUnit a = ab.get(0), b = ab.get(1);
        for (WorkUnit u : ab) {
            if (!ws.children(u).isEmpty()) throw new PlanRejectedException(k, u.label() + " has sub-units; redraw the borders between those instead");
        }
        List<WorkUnit> sib = ws.children(a.parent);
        EdgeRedraw.Result er;
        try {
            er = EdgeRedraw.redraw(sib.stream().map(x -> (Geometry) x.geom).toList(), sib.indexOf(a), sib.indexOf(b), r.from(), r.to());
        } catch (IllegalArgumentException e) {
            throw new PlanRejectedException(k, "the new border between " + a.label() + " and " + b.label() + " cannot be drawn: " + e.getMessage());
        }
        List<WorkLeaf> both = new ArrayList<>(ws.leavesOf(a));
        both.addAll(ws.leavesOf(b));
        cutLeaves(ws, k, both, r.to());
        a.geom = er.a();
        b.geom = er.b();
        List<WorkLeaf> after = new ArrayList<>(ws.leavesOf(a));
        after.addAll(ws.leavesOf(b));
        assignLeaves(ws, k, after, List.of(a, b));
        ws.markDirty(a);
        ws.markDirty(b);
    }

    /**
     * New grid cells for a community ({@link Regrid}), households spread as the old cells held
     * them; people follow households; each new cell keeps the worker of the old cell it overlaps
     * most, and remembers every old cell it overlaps (open cases go to the one holding them). The
     * community keeps its boundary, give or take the new vertices its cells put on it.
     */
    private void regrid(Workspace ws, int k, Operation.Regrid r) {
        WorkUnit u = resolve(ws, k, r.unit());
        if (!ws.children(u).isEmpty()) throw new PlanRejectedException(k, u.label() + " has sub-units; grid cells belong to communities");
        if (!r.target().households()) throw new PlanRejectedException(k, "re-gridding sizes cells by households: give the target in households");
        List<WorkLeaf> old = ws.leavesOf(u);
        double[] hh = old.stream().mapToDouble(WorkLeaf::households).toArray();
        long people = old.stream().mapToLong(WorkLeaf::population).sum();
        Regrid.Result res;
        try {
            res = Regrid.regrid(u.geom, HouseholdDensity.polygons(old.stream().map(l -> l.geom).toList(), hh),
                    SizeTarget.households(r.target().min(), r.target().max()));
        } catch (IllegalArgumentException e) {
            throw new PlanRejectedException(k, "cannot re-grid " + u.label() + ": " + e.getMessage());
        }
        long total = res.cells().stream().mapToLong(Regrid.Cell::households).sum();
        long[] pop = apportion(people, res.cells().stream().mapToDouble(c -> total == 0 ? 1.0 / res.cells().size() : (double) c.households() / total).toArray());
        for (WorkLeaf l : old) {
            ws.leaves.remove(l);
            if (l.cell != null) ws.leafByCell.remove(l.cell.id());
        }
        // The new cells put vertices on the community's boundary (where their edges meet it) that
        // the cells across it lack: the new cells and their neighbours are noded together on the
        // coverage's grid (CoverageClean, no gap closing) so that the borders match again.
        List<WorkLeaf> around = new ArrayList<>();
        org.locationtech.jts.geom.Envelope env = new org.locationtech.jts.geom.Envelope(u.geom.getEnvelopeInternal());
        env.expandBy(1e-6);
        for (WorkLeaf l : ws.leaves) if (l.geom.getEnvelopeInternal().intersects(env)) around.add(l);
        List<Geometry> input = new ArrayList<>();
        res.cells().forEach(c -> input.add(c.geometry()));
        around.forEach(l -> input.add(l.geom));
        gridmap.geo.coverage.CoverageClean.Result clean = new gridmap.geo.coverage.CoverageClean(input).setGapWidth(0).clean();
        if (!clean.vanished().isEmpty()) throw new PlanRejectedException(k, "re-gridding " + u.label() + " left a cell without area; try another target");
        for (int j = 0; j < around.size(); j++) {
            MultiPolygon g = (MultiPolygon) clean.cleaned().get(res.cells().size() + j);
            WorkLeaf l = around.get(j);
            if (!g.equalsExact(l.geom)) {
                l.geom = g;
                l.geomChanged = true;
                ws.markDirty(l.unit);
            }
        }
        for (int i = 0; i < res.cells().size(); i++) {
            MultiPolygon g = (MultiPolygon) clean.cleaned().get(i);
            Regrid.Cell c = res.cells().get(i);
            WorkLeaf most = null;
            double mostArea = 0;
            List<Part> parts = new ArrayList<>();
            for (WorkLeaf l : old) {
                if (!l.geom.getEnvelopeInternal().intersects(g.getEnvelopeInternal())) continue;
                double a = EqualAreaMeasure.areaM2(org.locationtech.jts.operation.overlayng.OverlayNGRobust.overlay(l.geom, g,
                        org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION));
                if (a <= 0) continue;
                if (a > mostArea) { mostArea = a; most = l; }
                for (Part p : l.parts) parts.add(new Part(p.originUnit(), p.originCell(), p.areaM2() * a / l.areaM2, 0, 0));
            }
            // the counts of the new cell are the re-grid's; the parts keep where its area came from
            if (parts.isEmpty()) parts.add(new Part(u.origin != null ? u.origin.id() : old.get(0).parts.get(0).originUnit(), null, 0, 0, 0));
            Part first = parts.get(0);
            parts.set(0, new Part(first.originUnit(), first.originCell(), first.areaM2(), c.households(), pop[i]));
            Fabric.CellRow like = most != null && most.cell != null ? most.cell : null;
            ws.newLeaf(like, true, u, g, parts);
        }
        ws.markDirty(u);
    }

    private void rename(Workspace ws, int k, Operation.Rename r) {
        WorkUnit u = resolve(ws, k, r.unit());
        if (r.name() != null) u.name = r.name();
        if (r.code() != null) { u.explicitCode = r.code(); u.explicitCodeOp = k; }
    }

    // --- helpers -----------------------------------------------------------------------------

    /**
     * Cuts the given leaves where the line crosses them ({@link CoverageSplit} on the whole leaf
     * coverage, so neighbouring leaves receive the new vertices); households and people of a cut
     * leaf are shared among its pieces by area.
     */
    private static void cutLeaves(Workspace ws, int k, List<WorkLeaf> candidates, Geometry line) {
        for (WorkLeaf leaf : candidates) {
            if (!leaf.geom.getEnvelopeInternal().intersects(line.getEnvelopeInternal()) || !leaf.geom.intersects(line)) continue;
            List<WorkLeaf> all = ws.leaves;
            CoverageSplit.Result r;
            try {
                r = CoverageSplit.split(all.stream().map(l -> (Geometry) l.geom).toList(), all.indexOf(leaf), line);
            } catch (IllegalStateException e) {
                // CoverageSplit checks its own result; when that check fails nothing is changed
                throw new PlanRejectedException(k, "the line cannot cut " + (leaf.isCell() ? "grid cell " + leaf.cell.code() : leaf.unit.label())
                        + " cleanly here (" + e.getMessage() + "); move the line a little");
            } catch (IllegalArgumentException e) {
                continue; // the line touches this leaf without cutting it
            }
            for (var e : r.neighbours().entrySet()) {
                WorkLeaf n = all.get(e.getKey());
                n.geom = e.getValue();
                n.geomChanged = true;
                ws.markDirty(n.unit);
            }
            double total = r.pieces().stream().mapToDouble(EqualAreaMeasure::areaM2).sum();
            List<List<Part>> partsOfPieces = new ArrayList<>();
            for (int j = 0; j < r.pieces().size(); j++) partsOfPieces.add(new ArrayList<>());
            for (Part p : leaf.parts) {
                double[] w = r.pieces().stream().mapToDouble(g -> EqualAreaMeasure.areaM2(g) / total).toArray();
                long[] hh = apportion(p.households(), w), pop = apportion(p.population(), w);
                for (int j = 0; j < w.length; j++) {
                    partsOfPieces.get(j).add(new Part(p.originUnit(), p.originCell(), p.areaM2() * w[j], hh[j], pop[j]));
                }
            }
            ws.leaves.remove(leaf);
            if (leaf.cell != null) ws.leafByCell.remove(leaf.cell.id());
            for (int j = 0; j < r.pieces().size(); j++) ws.newLeaf(leaf.cell, leaf.real, leaf.unit, r.pieces().get(j), partsOfPieces.get(j));
            ws.markDirty(leaf.unit);
        }
    }

    /** Each leaf goes to the unit whose new geometry holds its interior point. */
    private static void assignLeaves(Workspace ws, int k, List<WorkLeaf> leaves, List<WorkUnit> targets) {
        List<IndexedPointInAreaLocator> in = targets.stream().map(t -> new IndexedPointInAreaLocator(t.geom)).toList();
        Set<WorkUnit> used = new HashSet<>();
        for (WorkLeaf l : leaves) {
            Coordinate p = l.geom.getInteriorPoint().getCoordinate();
            WorkUnit to = null;
            for (int j = 0; j < targets.size() && to == null; j++) if (in.get(j).locate(p) == Location.INTERIOR) to = targets.get(j);
            if (to == null) to = largestOverlap(l.geom, targets);
            if (l.unit != to) {
                ws.markDirty(l.unit);
                l.unit = to;
            }
            used.add(to);
        }
        for (WorkUnit t : targets) {
            if (!used.contains(t)) throw new PlanRejectedException(k, "the line cuts off a piece of " + t.name + " smaller than any of its grid cells; draw it further in");
            ws.markDirty(t);
        }
    }

    private static WorkUnit largestOverlap(MultiPolygon g, List<WorkUnit> targets) {
        WorkUnit best = targets.get(0);
        double bestArea = -1;
        for (WorkUnit t : targets) {
            double a = org.locationtech.jts.operation.overlayng.OverlayNGRobust.overlay(g, t.geom,
                    org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION).getArea();
            if (a > bestArea) { bestArea = a; best = t; }
        }
        return best;
    }

    /** Splits total into whole numbers in proportion to weights, summing exactly (largest remainder). */
    static long[] apportion(long total, double[] weights) {
        long[] out = new long[weights.length];
        double[] rem = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i];
            out[i] = (long) Math.floor(exact);
            rem[i] = exact - out[i];
            given += out[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) order.add(i);
        order.sort((x, y) -> Double.compare(rem[y], rem[x]));
        for (int i = 0; given < total; i++, given++) out[order.get(i % order.size())]++;
        return out;
    }

    private static void siblings(int k, List<WorkUnit> us, String what) {
        WorkUnit first = us.get(0);
        for (WorkUnit u : us) {
            if (u.level != first.level) {
                throw new PlanRejectedException(k, "units of different levels cannot be " + what + ": " + first.label() + " is a "
                        + first.level.code() + ", " + u.label() + " a " + u.level.code());
            }
            if (u.parent != first.parent) {
                throw new PlanRejectedException(k, "units with different parents cannot be " + what + ": " + first.label() + " is in "
                        + first.parent.label() + ", " + u.label() + " in " + u.parent.label() + " (remove the level between them first)");
            }
        }
    }

    private static List<WorkUnit> resolveAll(Workspace ws, int k, List<UnitRef> refs) {
        List<WorkUnit> out = new ArrayList<>();
        for (UnitRef r : refs) {
            WorkUnit u = resolve(ws, k, r);
            if (out.contains(u)) throw new PlanRejectedException(k, u.label() + " is named twice");
            out.add(u);
        }
        return out;
    }

    private static WorkUnit resolve(Workspace ws, int k, UnitRef r) {
        WorkUnit u;
        if (r instanceof UnitRef.Id id) u = ws.unitById.get(id.id());
        else if (r instanceof UnitRef.Code c) u = ws.unitByCode.get(c.code());
        else u = ws.made.get(r.toString());
        if (u == ws.root) throw new PlanRejectedException(k, "the plan's own parent " + ws.root.label() + " cannot be changed by it; plan on its parent instead");
        if (u == null) {
            throw new PlanRejectedException(k, r instanceof UnitRef.Made ? "no earlier operation made a unit " + r
                    : "unit " + r + " is not a current unit below " + ws.root.label());
        }
        if (u.removed) throw new PlanRejectedException(k, "unit " + u.label() + " no longer exists at this step (an earlier operation merged, split or removed it)");
        return u;
    }

    private static String labels(List<WorkUnit> us) {
        return us.stream().map(WorkUnit::label).collect(Collectors.joining(", "));
    }
}
