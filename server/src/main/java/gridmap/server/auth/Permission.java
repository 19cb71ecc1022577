package gridmap.server.auth;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** What an action needs. Roles grant permissions; API tokens carry some of them as scopes. */
public enum Permission {
    MAP_READ("map:read"),
    CASES_READ("cases:read"),
    CASES_CREATE("cases:create"),
    /** Moving cases along the workflow; which steps, for which cases, the workflow table decides. */
    CASES_PROCESS("cases:process"),
    GEOMETRY_CHECK("geometry:check"),
    CELLS_ASSIGN("cells:assign"),
    /** Seeing who the grid workers are (names, contact): for those who dispatch or supervise them. */
    PEOPLE_READ("people:read"),
    /** Create and edit water projects, assign river chiefs, read a chief's full contact. */
    WATER_WRITE("water:write"),
    ADMIN("admin");

    public final String code;

    Permission(String code) { this.code = code; }

    /**
     * Role → permissions. Planners work on boundaries and see no case details (citizens' reports
     * are the case handlers' business); watershed planners also run the water projects and the
     * river-chief roster; viewers read everything and change nothing.
     */
    public static final Map<String, Set<Permission>> BY_ROLE = Map.of(
            "admin", EnumSet.allOf(Permission.class),
            "planner", EnumSet.of(MAP_READ, GEOMETRY_CHECK),
            "watershed_planner", EnumSet.of(MAP_READ, GEOMETRY_CHECK, WATER_WRITE),
            "dispatcher", EnumSet.of(MAP_READ, CASES_READ, CASES_CREATE, CASES_PROCESS, PEOPLE_READ),
            "grid_worker", EnumSet.of(MAP_READ, CASES_READ, CASES_CREATE, CASES_PROCESS),
            "viewer", EnumSet.of(MAP_READ, CASES_READ));

    public static Permission byCode(String code) {
        for (Permission p : values()) if (p.code.equals(code)) return p;
        throw new IllegalArgumentException(code);
    }
}
