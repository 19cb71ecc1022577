package gridmap.data.water;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a water project stands, and where it may go next: planned → approved → under
 * construction → completed, with suspension possible before completion and a suspended project
 * resuming at any earlier stage. Completed is final (a new phase is a new project). A test holds
 * the codes to the CHECK constraints of water_project and water_project_status.
 */
public enum ProjectStatus {
    PLANNED, APPROVED, UNDER_CONSTRUCTION, COMPLETED, SUSPENDED;

    public String code() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optional<ProjectStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    public Set<ProjectStatus> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(APPROVED, SUSPENDED);
            case APPROVED -> EnumSet.of(PLANNED, UNDER_CONSTRUCTION, SUSPENDED);
            case UNDER_CONSTRUCTION -> EnumSet.of(COMPLETED, SUSPENDED);
            case SUSPENDED -> EnumSet.of(PLANNED, APPROVED, UNDER_CONSTRUCTION);
            case COMPLETED -> EnumSet.noneOf(ProjectStatus.class);
        };
    }

    public boolean mayBecome(ProjectStatus to) { return next().contains(to); }
}
