package gridmap.data.cases;

import static gridmap.data.cases.CaseStatus.CLOSED;
import static gridmap.data.cases.CaseStatus.CLOSED_NOT_FIXED;
import static gridmap.data.cases.CaseStatus.DISPATCHED;
import static gridmap.data.cases.CaseStatus.HANDLED;
import static gridmap.data.cases.CaseStatus.IN_PROGRESS;
import static gridmap.data.cases.CaseStatus.MERGED;
import static gridmap.data.cases.CaseStatus.PARKED;
import static gridmap.data.cases.CaseStatus.REGISTERED;
import static gridmap.data.cases.CaseStatus.REJECTED;
import static gridmap.data.cases.CaseStatus.REPORTED;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The workflow of a case as one table: each action, the states it may start from, the state it
 * leads to, who may take it, and what it needs. The database holds the same rows in
 * {@code case_transition} and refuses any other status change (a test compares the two).
 *
 * <pre>
 * reported ──register──▶ registered ──dispatch──▶ dispatched ──start──▶ in_progress ──handle──▶ handled ──verify──▶ closed
 *    │                      │  ▲                     ▲                                              │
 *    └─reject─▶ rejected     │  └──resume── parked    └──────────── fail_verification (返工) ◀────────┘
 *                            └─park─▶ (from registered, dispatched, in_progress)
 * close_not_fixed: registered … handled ─▶ closed_not_fixed;  reopen: closed, closed_not_fixed, rejected ─▶ registered;
 * merge: reported, registered ─▶ merged (a duplicate into its original)
 * </pre>
 */
public enum CaseAction {
    REGISTER("register", REGISTERED, EnumSet.of(REPORTED), EnumSet.of(Who.COMMAND), Needs.NOTHING),
    REJECT("reject", REJECTED, EnumSet.of(REPORTED), EnumSet.of(Who.COMMAND), Needs.NOTE),
    DISPATCH("dispatch", DISPATCHED, EnumSet.of(REGISTERED), EnumSet.of(Who.COMMAND), Needs.TARGET),
    START("start", IN_PROGRESS, EnumSet.of(DISPATCHED), EnumSet.of(Who.COMMAND, Who.ASSIGNEE), Needs.NOTHING),
    HANDLE("handle", HANDLED, EnumSet.of(IN_PROGRESS), EnumSet.of(Who.COMMAND, Who.ASSIGNEE), Needs.NOTE),
    VERIFY("verify", CLOSED, EnumSet.of(HANDLED), EnumSet.of(Who.COMMAND, Who.CELL_WORKER), Needs.NOTHING),
    FAIL_VERIFICATION("fail_verification", DISPATCHED, EnumSet.of(HANDLED), EnumSet.of(Who.COMMAND, Who.CELL_WORKER), Needs.NOTE),
    CLOSE_NOT_FIXED("close_not_fixed", CLOSED_NOT_FIXED, EnumSet.of(REGISTERED, DISPATCHED, IN_PROGRESS, HANDLED),
            EnumSet.of(Who.COMMAND), Needs.NOTE),
    PARK("park", PARKED, EnumSet.of(REGISTERED, DISPATCHED, IN_PROGRESS), EnumSet.of(Who.COMMAND), Needs.NOTE),
    RESUME("resume", REGISTERED, EnumSet.of(PARKED), EnumSet.of(Who.COMMAND), Needs.NOTHING),
    REOPEN("reopen", REGISTERED, EnumSet.of(CLOSED, CLOSED_NOT_FIXED, REJECTED), EnumSet.of(Who.COMMAND), Needs.NOTE),
    MERGE("merge", MERGED, EnumSet.of(REPORTED, REGISTERED), EnumSet.of(Who.COMMAND), Needs.ORIGINAL);

    /**
     * Who may act: the command centre (a dispatcher in whose district the case lies, or an
     * admin), the grid worker the case is dispatched to, or the grid worker of the case's cell
     * (who checks the work on site).
     */
    public enum Who { COMMAND, ASSIGNEE, CELL_WORKER }

    /** What the request must carry: a note (reason or feedback), an assignee or department, the original case. */
    public enum Needs { NOTHING, NOTE, TARGET, ORIGINAL }

    public final String db;
    public final CaseStatus to;
    public final Set<CaseStatus> from;
    public final Set<Who> who;
    public final Needs needs;

    CaseAction(String db, CaseStatus to, Set<CaseStatus> from, Set<Who> who, Needs needs) {
        this.db = db;
        this.to = to;
        this.from = from;
        this.who = who;
        this.needs = needs;
    }

    public static Optional<CaseAction> byDb(String db) {
        return Arrays.stream(values()).filter(a -> a.db.equals(db)).findFirst();
    }

    /** Whether this caller, in the role they have, could ever take this action on this case. */
    public boolean mayBeTakenBy(Caller caller, CaseFacts k) {
        for (Who w : who) if (caller.is(w, k)) return true;
        return false;
    }

    /** The actions this caller may take on the case in its current state. */
    public static List<CaseAction> allowedNow(Caller caller, CaseFacts k) {
        return Arrays.stream(values()).filter(a -> a.from.contains(k.status()) && a.mayBeTakenBy(caller, k)).toList();
    }

    /** Who is acting: a user with a role and the cases in their reach. */
    public record Caller(long userId, String role, CaseScope scope) {
        boolean is(Who w, CaseFacts k) {
            return switch (w) {
                case COMMAND -> ("dispatcher".equals(role) || "admin".equals(role)) && scope.contains(k.location());
                case ASSIGNEE -> "grid_worker".equals(role) && k.assigneeId() != null && k.assigneeId() == userId;
                case CELL_WORKER -> "grid_worker".equals(role) && k.location().workerId() != null && k.location().workerId() == userId;
            };
        }
    }

    /** What the rules look at: the state, the assignee and where the case lies. */
    public record CaseFacts(CaseStatus status, Long assigneeId, CaseRepository.Location location) {}
}
