package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Moves a case along its workflow ({@link CaseAction}): checks scope, role and state under a
 * row lock, sets the deadline of the step that starts (working time, from the calendar), the
 * step timestamps the KPIs use, writes the history row (with photos), the audit row and the
 * live-update notification, in one transaction.
 */
public final class CaseWorkflow {
    private final DataSource ds;
    private final ReferenceData reference;
    private final Clock clock;
    private final CaseNotifier notifier;

    public CaseWorkflow(DataSource ds, ReferenceData reference) { this(ds, reference, Clock.systemUTC(), null); }

    /** notifier: where committed steps are announced for live updates (null: nowhere). */
    public CaseWorkflow(DataSource ds, ReferenceData reference, Clock clock, CaseNotifier notifier) {
        this.ds = ds;
        this.reference = reference;
        this.clock = clock;
        this.notifier = notifier;
    }

    /** What to do: the action, a note (reason or feedback), the dispatch target, the original of a duplicate. */
    public record Request(CaseAction action, String note, Long assigneeId, Long departmentId, Long originalId, Integer version,
                          List<PhotoProcessor.Photo> photos) {}

    public sealed interface Result {
        record Done(long id, int version) implements Result {}
        record NotFound() implements Result {}
        record OutOfScope() implements Result {}
        /** The caller's role may not take this action on this case (in any state); with what they may do. */
        record NotForYou(List<CaseAction> allowed) implements Result {}
        /** Not from the case's current state; with the actions allowed now. */
        record WrongState(CaseStatus status, List<CaseAction> allowed) implements Result {}
        record Stale(int version) implements Result {}
        /** Well-formed but unfit (no reason given, unknown assignee, ...). */
        record Invalid(String detail) implements Result {}
    }

    private record Row(CaseAction.CaseFacts facts, String code, String categoryCode, int version, OffsetDateTime closeDueAt) {}

    public Result apply(long caseId, CaseAction.Caller caller, Actor actor, Request r) throws SQLException {
        ReferenceData.Snapshot ref = reference.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Result result = Tx.run(ds, c -> {
            Row row = lock(c, caseId);
            if (row == null) return new Result.NotFound();
            CaseAction.CaseFacts k = row.facts();
            if (!caller.scope().contains(k.location())) return new Result.OutOfScope();
            CaseAction a = r.action();
            if (!a.mayBeTakenBy(caller, k)) return new Result.NotForYou(CaseAction.allowedNow(caller, k));
            if (!a.from.contains(k.status())) return new Result.WrongState(k.status(), CaseAction.allowedNow(caller, k));
            if (r.version() != null && r.version() != row.version()) return new Result.Stale(row.version());
            String invalid = checkNeeds(c, a, r, caseId, caller);
            if (invalid != null) return new Result.Invalid(invalid);

            Category category = ref.categories().get(row.categoryCode());
            WorkingCalendar cal = ref.calendar();
            CaseStatus to = a.to;
            OffsetDateTime due = to.runningStep == null ? null : utc(cal.add(now, category.deadline(to.runningStep)));
            OffsetDateTime closeDue = row.closeDueAt();
            if (a == CaseAction.DISPATCH && closeDue == null) {
                closeDue = utc(cal.add(cal.add(now, category.deadline(CaseStatus.Step.HANDLE)), category.deadline(CaseStatus.Step.VERIFY)));
            }
            boolean finished = to == CaseStatus.CLOSED || to == CaseStatus.CLOSED_NOT_FIXED || to == CaseStatus.REJECTED || to == CaseStatus.MERGED;
            String before = CaseIntake.auditSnapshot(c, caseId);
            int version;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE cases SET status = ?, due_at = ?, close_due_at = ?, updated_at = ?, version = version + 1,
                      registered_at = CASE WHEN ? THEN coalesce(registered_at, ?) ELSE registered_at END,
                      dispatched_at = CASE WHEN ? THEN coalesce(dispatched_at, ?) ELSE dispatched_at END,
                      handled_at = CASE WHEN ? THEN ? ELSE handled_at END,
                      closed_at = CASE WHEN ? THEN ? WHEN ? THEN NULL ELSE closed_at END,
                      rework_count = rework_count + CASE WHEN ? THEN 1 ELSE 0 END,
                      assignee_id = CASE WHEN ? THEN ? ELSE assignee_id END,
                      department_id = CASE WHEN ? THEN ? ELSE department_id END,
                      merged_into_id = ?,
                      status_note = ?
                    WHERE id = ? RETURNING version""")) {
                OffsetDateTime t = utc(now);
                boolean dispatch = a == CaseAction.DISPATCH;
                int i = 0;
                ps.setString(++i, to.db);
                ps.setObject(++i, due);
                ps.setObject(++i, closeDue);
                ps.setObject(++i, t);
                ps.setBoolean(++i, a == CaseAction.REGISTER || a == CaseAction.REOPEN);
                ps.setObject(++i, t);
                ps.setBoolean(++i, dispatch);
                ps.setObject(++i, t);
                ps.setBoolean(++i, a == CaseAction.HANDLE);
                ps.setObject(++i, t);
                ps.setBoolean(++i, finished);
                ps.setObject(++i, t);
                ps.setBoolean(++i, a == CaseAction.REOPEN);
                ps.setBoolean(++i, a == CaseAction.FAIL_VERIFICATION);
                ps.setBoolean(++i, dispatch);
                CaseIntake.setLong(ps, ++i, dispatch ? r.assigneeId() : null);
                ps.setBoolean(++i, dispatch);
                CaseIntake.setLong(ps, ++i, dispatch ? r.departmentId() : null);
                CaseIntake.setLong(ps, ++i, a == CaseAction.MERGE ? r.originalId() : null);
                ps.setString(++i, r.note());
                ps.setLong(++i, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            long eventId = CaseHistory.append(c, caseId, actor, a.db, k.status(), to, r.note(),
                    a == CaseAction.DISPATCH ? r.assigneeId() : null, a == CaseAction.DISPATCH ? r.departmentId() : null,
                    a == CaseAction.MERGE ? r.originalId() : null, now);
            CaseHistory.storePhotos(c, caseId, eventId, caller.userId(), r.photos());
            if (a == CaseAction.MERGE) {
                // the original keeps a record of each duplicate merged into it (the duplicate keeps its own history)
                CaseStatus originalStatus = statusOf(c, r.originalId());
                CaseHistory.append(c, r.originalId(), actor, "merge_in", originalStatus, originalStatus,
                        "合并重复案件 " + row.code(), null, null, caseId, now);
            }
            AuditLog.write(c, actor, "case." + a.db, "cases", caseId, before, CaseIntake.auditSnapshot(c, caseId));
            return new Result.Done(caseId, version);
        });
        if (notifier != null && result instanceof Result.Done) {
            notifier.changed(caseId, "moved");
            if (r.action() == CaseAction.MERGE) notifier.changed(r.originalId(), "moved");
        }
        return result;
    }

    private static OffsetDateTime utc(Instant i) { return i.atOffset(ZoneOffset.UTC); }

    private static Row lock(Connection c, long caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.status, t.assignee_id, t.cell_id, g.code, t.community_id, t.district_id, g.worker_id, t.code,
                  t.category_code, t.version, t.close_due_at
                FROM cases t LEFT JOIN grid_cell g ON g.id = t.cell_id WHERE t.id = ? FOR UPDATE OF t""")) {
            ps.setLong(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                CaseRepository.Location where = new CaseRepository.Location(rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                        (Long) rs.getObject(7));
                CaseAction.CaseFacts facts = new CaseAction.CaseFacts(CaseStatus.byDb(rs.getString(1)).orElseThrow(),
                        (Long) rs.getObject(2), where);
                return new Row(facts, rs.getString(8), rs.getString(9), rs.getInt(10), rs.getObject(11, OffsetDateTime.class));
            }
        }
    }

    private static CaseStatus statusOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM cases WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return CaseStatus.byDb(rs.getString(1)).orElseThrow();
            }
        }
    }

    /** What the action needs, checked inside the transaction; null when all is there. */
    private static String checkNeeds(Connection c, CaseAction a, Request r, long caseId, CaseAction.Caller caller) throws SQLException {
        switch (a.needs) {
            case NOTE -> {
                if (r.note() == null || r.note().isBlank()) {
                    return a == CaseAction.HANDLE ? "say what was done (note)" : "give the reason (note) for " + a.db;
                }
            }
            case TARGET -> {
                if ((r.assigneeId() == null) == (r.departmentId() == null)) {
                    return "dispatch to either a grid worker (assignee_id) or a department (department_id)";
                }
                if (r.assigneeId() != null && !CategoryRepository.exists(c,
                        "SELECT 1 FROM app_user WHERE id = ? AND role = 'grid_worker' AND active", r.assigneeId())) {
                    return "assignee_id " + r.assigneeId() + " is not an active grid worker";
                }
                if (r.departmentId() != null && !CategoryRepository.exists(c,
                        "SELECT 1 FROM department WHERE id = ? AND active", r.departmentId())) {
                    return "department_id " + r.departmentId() + " is not an active department";
                }
            }
            case ORIGINAL -> {
                if (r.originalId() == null) return "name the original case (original_id) this duplicate is merged into";
                if (r.originalId() == caseId) return "a case cannot be merged into itself";
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT t.status, t.cell_id, g.code, t.community_id, t.district_id, g.worker_id
                        FROM cases t LEFT JOIN grid_cell g ON g.id = t.cell_id WHERE t.id = ? FOR SHARE OF t""")) {
                    ps.setLong(1, r.originalId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return "no case with id " + r.originalId();
                        CaseStatus s = CaseStatus.byDb(rs.getString(1)).orElseThrow();
                        CaseRepository.Location where = new CaseRepository.Location(rs.getLong(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5), (Long) rs.getObject(6));
                        if (!caller.scope().contains(where)) return "the original case is outside your area";
                        if (!s.open311Open()) return "the original case is " + s.db + "; merge only into an open case";
                    }
                }
                if (CategoryRepository.exists(c, "SELECT 1 FROM cases WHERE merged_into_id = ?", caseId)) {
                    return "other cases were merged into this one; merge the other way round";
                }
            }
            case NOTHING -> { }
        }
        return null;
    }
}
