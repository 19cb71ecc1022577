package gridmap.data.io;

import java.util.Arrays;
import java.util.List;

/** The states of cases.status (the table's CHECK constraint lists the same codes; a test keeps them equal). */
public enum CaseStatus {
    REPORTED("reported"),
    REGISTERED("registered"),
    DISPATCHED("dispatched"),
    IN_PROGRESS("in_progress"),
    HANDLED("handled"),
    CLOSED("closed"),
    CLOSED_NOT_FIXED("closed_not_fixed"),
    REJECTED("rejected"),
    PARKED("parked");

    public final String code;

    CaseStatus(String code) { this.code = code; }

    public static List<String> codes() { return Arrays.stream(values()).map(v -> v.code).toList(); }
}
