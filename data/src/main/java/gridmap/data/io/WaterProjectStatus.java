package gridmap.data.io;

import java.util.Arrays;
import java.util.List;

/** The states of water_project.status (the table's CHECK constraint lists the same codes; a test keeps them equal). */
public enum WaterProjectStatus {
    PLANNED("planned"),
    APPROVED("approved"),
    UNDER_CONSTRUCTION("under_construction"),
    COMPLETED("completed"),
    SUSPENDED("suspended");

    public final String code;

    WaterProjectStatus(String code) { this.code = code; }

    public static List<String> codes() { return Arrays.stream(values()).map(v -> v.code).toList(); }
}
