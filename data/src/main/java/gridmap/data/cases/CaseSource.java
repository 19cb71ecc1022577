package gridmap.data.cases;

import java.util.Arrays;
import java.util.List;

/** The sources of cases.source (the table's CHECK constraint lists the same codes; a test keeps them equal). */
public enum CaseSource {
    PATROL("patrol"),
    CITIZEN("citizen"),
    HOTLINE("hotline"),
    VIDEO("video"),
    REFERRAL("referral");

    public final String code;

    CaseSource(String code) { this.code = code; }

    public static List<String> codes() { return Arrays.stream(values()).map(v -> v.code).toList(); }
}
