package gridmap.data.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.io.WKBWriter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.ConflictException;
import gridmap.data.Tx;
import gridmap.data.UnprocessableException;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Commits a plan on an effective date, in one transaction: the units and cells it changes get
 * {@code valid_to}, their successors are inserted with {@code valid_from} (parents first, codes and
 * cell numbers as the plan allocated them, workers kept), open cases follow their cells,
 * dispatchers their district, lineage rows and a change event record what happened, the plan
 * becomes committed, and one audit row says all of it. Any failure rolls everything back.
 *
 * <p>Concurrency: the plan row and every unit of its basis are locked (in id order, so two
 * commits cannot deadlock), then the basis is compared with the live rows: of two overlapping
 * plans committed at once, one wins and the other finds its units changed (409).
 */
public final class PlanCommit {
    /** Cases still open (being worked on, or parked with a reason) move with their cell; finished ones stay where they were handled. */
    static final List<String> OPEN_CASE_STATUSES = java.util.Arrays.stream(gridmap.data.cases.CaseStatus.values())
            .filter(gridmap.data.cases.CaseStatus::open311Open).map(st -> st.db).toList();

    private final DataSource ds;

    public PlanCommit(DataSource ds) { this.ds = ds; }

    /** What a commit did. */
    public record Result(long planId, long changeEventId, LocalDate effectiveDate, Map<String, Long> unitIds,
                         int unitsClosed, int unitsCreated, int cellsClosed, int cellsCreated, int casesMoved) {}

    public Result commit(Actor actor, long planId, int expectedVersion, LocalDate effectiveDate, String legalRef, LocalDate today)
            throws SQLException {
        return Tx.run(ds, c -> {
            Plan plan = PlanRepository.lockForChange(c, planId, expectedVersion);
            if (plan.status() == PlanStatus.COMMITTED) {
                throw new ConflictException("plan " + planId + " was committed already (change " + plan.changeEventId()
                        + "); a committed plan is undone only by a new plan that reverses it");
            }
            if (plan.status() == PlanStatus.WITHDRAWN) throw new ConflictException("plan " + planId + " was withdrawn");
            if (effectiveDate.isAfter(today)) {
                throw new UnprocessableException("the effective date " + effectiveDate + " is in the future; commit the plan on or after that day");
            }
            lockBasis(c, plan);
            Fabric f;
            try {
                f = FabricRepository.load(c, plan.parentId());
            } catch (NoSuchElementException e) {
                throw new ConflictException("plan " + planId + " is stale: its parent unit " + plan.parentCode() + " " + plan.parentName()
                        + " was changed since the plan was saved");
            }
            Basis.requireUnchanged(c, planId, plan.basis(), f);
            PlanOutcome o = new PlanApplier(f).setAllowNonContiguous(plan.allowNonContiguous()).setTarget(plan.target()).apply(plan.operations());
            if (!o.committable()) {
                String why = o.problems().stream().filter(PlanOutcome.Problem::blocking).limit(5).map(PlanOutcome.Problem::detail)
                        .collect(Collectors.joining("; "));
                throw new PlanRejectedException(0, "the plan leaves problems that must be fixed before it can be committed: " + why);
            }
            checkDate(f, o, effectiveDate);

            String before = AuditLog.snapshot(c, "plan", "id", planId);
            long event = changeEvent(c, actor, plan, effectiveDate, legalRef);
            close(c, "admin_unit", o.closedUnits(), effectiveDate);
            close(c, "grid_cell", o.closedCells(), effectiveDate);
            Map<String, Long> unitIds = insertUnits(c, f, o, effectiveDate);
            Map<String, Long> cellIds = insertCells(c, o, unitIds, effectiveDate);
            int cases = moveCases(c, o, unitIds, cellIds);
            lineage(c, event, o, unitIds);
            moveDispatchers(c, f, o, unitIds);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE plan SET status = 'committed', change_event_id = ?, updated_at = now(), version = version + 1 WHERE id = ?")) {
                ps.setLong(1, event);
                ps.setLong(2, planId);
                ps.executeUpdate();
            }
            int created = o.written().size();
            int cellsCreated = (int) o.cells().stream().filter(k -> k.status() != PlanOutcome.Status.UNCHANGED).count();
            ObjectNode done = PlanRepository.JSON.createObjectNode();
            done.put("change_event_id", event);
            done.put("effective_date", effectiveDate.toString());
            done.put("legal_ref", legalRef);
            done.putPOJO("units_closed", o.closedUnits());
            done.putPOJO("units_created", o.written().stream().map(u -> unitIds.get(u.key())).toList());
            done.put("cells_closed", o.closedCells().size());
            done.put("cells_created", cellsCreated);
            done.put("cases_moved", cases);
            AuditLog.write(c, actor, "plan.commit", "plan", planId, before,
                    "{\"plan\":" + AuditLog.snapshot(c, "plan", "id", planId) + ",\"commit\":" + done + "}");
            return new Result(planId, event, effectiveDate, unitIds, o.closedUnits().size(), created, o.closedCells().size(), cellsCreated, cases);
        });
    }

    /** The parent and the units of the basis, locked in id order (the same order for every committer). */
    private static void lockBasis(Connection c, Plan plan) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM admin_unit WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("bigint", plan.basis().keySet().toArray()));
            ps.executeQuery().close();
        }
    }

    /**
     * A row ends the day before another starts: the date must come after the start of every row
     * the plan closes, and not before the start of anything it keeps below the parent (which would
     * put a new unit under a parent that did not yet exist).
     */
    private static void checkDate(Fabric f, PlanOutcome o, LocalDate d) {
        Set<Long> closed = Set.copyOf(o.closedUnits()), closedCells = Set.copyOf(o.closedCells());
        List<String> late = new ArrayList<>();
        if (d.isBefore(f.parent().validFrom())) late.add(f.parent().code() + " " + f.parent().name() + " (from " + f.parent().validFrom() + ")");
        for (Fabric.UnitRow u : f.units()) {
            if (closed.contains(u.id()) ? !d.isAfter(u.validFrom()) : d.isBefore(u.validFrom())) {
                late.add(u.code() + " " + u.name() + " (from " + u.validFrom() + ")");
            }
        }
        for (Fabric.CellRow k : f.cells()) {
            if (closedCells.contains(k.id()) && !d.isAfter(k.validFrom())) late.add("grid cell " + k.code() + " (from " + k.validFrom() + ")");
        }
        if (!late.isEmpty()) {
            throw new UnprocessableException("the effective date " + d + " is not after the start of " + late.size() + " unit(s) the plan changes: "
                    + String.join(", ", late.subList(0, Math.min(5, late.size()))) + (late.size() > 5 ? ", …" : ""));
        }
    }

    private static long changeEvent(Connection c, Actor actor, Plan plan, LocalDate d, String legalRef) throws SQLException {
        Set<OperationKind> kinds = plan.operations().stream().map(Operation::kind).collect(Collectors.toSet());
        ChangeType type = kinds.size() == 1 ? kinds.iterator().next().changeType : ChangeType.REFORM;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO change_event (change_type, effective_date, legal_ref, description, created_by)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, type.code());
            ps.setObject(2, d);
            ps.setString(3, legalRef);
            ps.setString(4, plan.name());
            if (actor.userId() == null) ps.setNull(5, Types.BIGINT); else ps.setLong(5, actor.userId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** table is one of this class's constants. */
    private static void close(Connection c, String table, List<Long> ids, LocalDate d) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET valid_to = ?, version = version + 1 WHERE id = ANY(?) AND valid_to IS NULL")) {
            ps.setObject(1, d);
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            int n = ps.executeUpdate();
            if (n != ids.size()) throw new ConflictException(table + ": " + (ids.size() - n) + " rows were closed by someone else meanwhile");
        }
    }

    private static byte[] wkb(Geometry g) { return new WKBWriter(2).write(g); }

    /** Units in top-down order, so every parent has its id before its children; returns key → id for every unit. */
    private static Map<String, Long> insertUnits(Connection c, Fabric f, PlanOutcome o, LocalDate d) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        ids.put("u" + f.parent().id(), f.parent().id());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO admin_unit (code, name, level, parent_id, geom, population, households, valid_from)
                VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?) RETURNING id""")) {
            for (PlanOutcome.Unit u : o.units()) {
                if (u.status() == PlanOutcome.Status.UNCHANGED) {
                    ids.put(u.key(), u.originId());
                    continue;
                }
                ps.setString(1, u.code());
                ps.setString(2, u.name());
                ps.setString(3, u.level().code());
                ps.setLong(4, ids.get(u.parentKey()));
                ps.setBytes(5, wkb(u.geom()));
                ps.setLong(6, u.population());
                ps.setLong(7, u.households());
                ps.setObject(8, d);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.put(u.key(), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Map<String, Long> insertCells(Connection c, PlanOutcome o, Map<String, Long> unitIds, LocalDate d) throws SQLException {
        List<PlanOutcome.Cell> fresh = o.cells().stream().filter(k -> k.status() != PlanOutcome.Status.UNCHANGED).toList();
        Map<String, Long> ids = new HashMap<>();
        if (fresh.isEmpty()) return ids;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO grid_cell (code, name, community_id, geom, households, population, worker_id, valid_from)
                VALUES (?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?, ?)""", new String[] {"id"})) {
            for (PlanOutcome.Cell k : fresh) {
                ps.setString(1, k.code());
                ps.setString(2, k.name());
                ps.setLong(3, unitIds.get(k.unitKey()));
                ps.setBytes(4, wkb(k.geom()));
                ps.setLong(5, k.households());
                ps.setLong(6, k.population());
                if (k.workerId() == null) ps.setNull(7, Types.BIGINT); else ps.setLong(7, k.workerId());
                ps.setObject(8, d);
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                for (PlanOutcome.Cell k : fresh) {
                    rs.next();
                    ids.put(k.key(), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Open cases in a closed cell move to the cell that continues it (the piece holding the case's
     * point when the cell was cut), with that cell's community and district.
     */
    private static int moveCases(Connection c, PlanOutcome o, Map<String, Long> unitIds, Map<String, Long> cellIds) throws SQLException {
        if (o.closedCells().isEmpty()) return 0;
        Map<Long, List<PlanOutcome.Cell>> successors = new HashMap<>();
        for (PlanOutcome.Cell k : o.cells()) {
            if (k.status() == PlanOutcome.Status.UNCHANGED) continue;
            for (long from : k.fromCells()) successors.computeIfAbsent(from, x -> new ArrayList<>()).add(k);
        }
        Map<String, PlanOutcome.Unit> byKey = new HashMap<>();
        for (PlanOutcome.Unit u : o.units()) byKey.put(u.key(), u);
        record Move(long caseId, long cell, long community, Long district) {}
        List<Move> moves = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, cell_id, ST_X(geom), ST_Y(geom) FROM cases
                 WHERE cell_id = ANY(?) AND status = ANY(?) ORDER BY id FOR UPDATE""")) {
            ps.setArray(1, c.createArrayOf("bigint", o.closedCells().toArray()));
            ps.setArray(2, c.createArrayOf("text", OPEN_CASE_STATUSES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<PlanOutcome.Cell> cands = successors.getOrDefault(rs.getLong(2), List.of());
                    if (cands.isEmpty()) continue;
                    Coordinate p = new Coordinate(rs.getDouble(3), rs.getDouble(4));
                    PlanOutcome.Cell to = cands.stream().filter(k -> SimplePointInAreaLocator.locate(p, k.geom()) != Location.EXTERIOR)
                            .findFirst().orElse(cands.get(0));
                    moves.add(new Move(rs.getLong(1), cellIds.get(to.key()), unitIds.get(to.unitKey()), district(byKey, to.unitKey(), unitIds)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE cases SET cell_id = ?, community_id = ?, district_id = coalesce(?, district_id), updated_at = now(),
                  version = version + 1 WHERE id = ?""")) {
            for (Move m : moves) {
                ps.setLong(1, m.cell());
                ps.setLong(2, m.community());
                ps.setObject(3, m.district(), Types.BIGINT);
                ps.setLong(4, m.caseId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return moves.size();
    }

    /** The district a unit of the outcome lies in, when the plan reaches that high (null otherwise). */
    private static Long district(Map<String, PlanOutcome.Unit> byKey, String key, Map<String, Long> unitIds) {
        for (PlanOutcome.Unit u = byKey.get(key); u != null; u = byKey.get(u.parentKey())) {
            if (u.level() == UnitLevel.DISTRICT) return unitIds.get(u.key());
            if (!byKey.containsKey(u.parentKey())) return null; // the plan's parent: the district is unchanged
        }
        return null;
    }

    private static void lineage(Connection c, long event, PlanOutcome o, Map<String, Long> unitIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO unit_lineage (change_event_id, predecessor_id, successor_id, area_share, population_share)
                VALUES (?, ?, ?, ?, ?)""")) {
            for (PlanOutcome.Lineage l : o.lineage()) {
                ps.setLong(1, event);
                ps.setLong(2, l.predecessorId());
                ps.setLong(3, unitIds.get(l.successorKey()));
                ps.setDouble(4, clamp(l.areaShare()));
                ps.setDouble(5, clamp(l.populationShare()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static double clamp(double share) { return Math.max(0, Math.min(1, share)); }

    /** A dispatcher whose district was closed works for the district that took most of its area. */
    private static void moveDispatchers(Connection c, Fabric f, PlanOutcome o, Map<String, Long> unitIds) throws SQLException {
        Map<Long, PlanOutcome.Lineage> largest = new LinkedHashMap<>();
        for (PlanOutcome.Lineage l : o.lineage()) {
            boolean isDistrict = f.units().stream().anyMatch(u -> u.id() == l.predecessorId() && u.level() == UnitLevel.DISTRICT);
            if (!isDistrict) continue;
            largest.merge(l.predecessorId(), l, (a, b) -> a.areaShare() >= b.areaShare() ? a : b);
        }
        if (largest.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET district_id = ? WHERE district_id = ?")) {
            for (PlanOutcome.Lineage l : largest.values()) {
                ps.setLong(1, unitIds.get(l.successorKey()));
                ps.setLong(2, l.predecessorId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

}
