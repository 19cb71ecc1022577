package gridmap.data.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * The states of a case, as stored in {@code cases.status} (a test compares them with the
 * column's CHECK). Each open state has a running deadline, that of the step it waits for.
 */
public enum CaseStatus {
    REPORTED("reported", Step.REGISTER),
    REGISTERED("registered", Step.DISPATCH),
    REJECTED("rejected", null),
    DISPATCHED("dispatched", Step.HANDLE),
    IN_PROGRESS("in_progress", Step.HANDLE),
    HANDLED("handled", Step.VERIFY),
    CLOSED("closed", null),
    CLOSED_NOT_FIXED("closed_not_fixed", null),
    /** 挂账: cannot be solved now; kept with a reason, its clock stopped. */
    PARKED("parked", null),
    /** A duplicate merged into its original. */
    MERGED("merged", null);

    public final String db;
    /** The step whose deadline runs while a case is in this state; null when no clock runs. */
    public final Step runningStep;

    CaseStatus(String db, Step runningStep) {
        this.db = db;
        this.runningStep = runningStep;
    }

    /** Whether the work on the case is still going on (a deadline runs, it can be overdue). */
    public boolean inProgress() { return runningStep != null; }

    /** Open311's two states: parked cases are still open there, finished ones closed. */
    public boolean open311Open() { return inProgress() || this == PARKED; }

    public static Optional<CaseStatus> byDb(String db) {
        return Arrays.stream(values()).filter(s -> s.db.equals(db)).findFirst();
    }

    /** The in-progress states as a SQL list literal, e.g. for partial indexes and filters. */
    public static String inProgressSqlList() {
        return Arrays.stream(values()).filter(CaseStatus::inProgress).map(s -> "'" + s.db + "'")
                .reduce((a, b) -> a + "," + b).orElseThrow();
    }

    /** The steps of the loop that carry a deadline (case_category_deadline.step). */
    public enum Step {
        REGISTER("register"), DISPATCH("dispatch"), HANDLE("handle"), VERIFY("verify");

        public final String db;

        Step(String db) { this.db = db; }

        public static Optional<Step> byDb(String db) {
            return Arrays.stream(values()).filter(s -> s.db.equals(db)).findFirst();
        }
    }
}
