package gridmap.data.plan;

import java.util.Arrays;

/**
 * Where a plan stands. A draft is edited; a published plan is read-only and open for comment
 * (公示) until it goes back to draft, is committed or withdrawn; committed and withdrawn are final
 * (a committed plan is undone only by a new, compensating plan).
 */
public enum PlanStatus {
    DRAFT, PUBLISHED, COMMITTED, WITHDRAWN;

    /** The value in the database and the API. */
    public String code() { return name().toLowerCase(); }

    public static PlanStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown plan status '" + code + "'"));
    }

    public boolean isFinal() { return this == COMMITTED || this == WITHDRAWN; }

    /** Whether others than planners may open it: what is out for comment, and what became law. */
    public boolean isPublic() { return this == PUBLISHED || this == COMMITTED; }
}
