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
    /** Using the import API at all (its jobs); what may be imported is decided per target by the three below. */
    IMPORT("import"),
    /** Dry runs of unit and cell imports (checking a boundary file and its report). */
    IMPORT_BOUNDARIES_PREVIEW("import:boundaries:preview"),
    /** Importing units and cells for real. */
    IMPORT_BOUNDARIES("import:boundaries"),
    /** Importing river basins and water projects, dry run or for real. */
    IMPORT_WATER("import:water"),
    /** Opening every boundary plan, drafts included, and comparing plans. */
    PLANS_READ("plans:read"),
    /** Drafting plans: create, edit, publish for comment, withdraw, ask for a suggestion. */
    PLANS_EDIT("plans:edit"),
    /** Committing a plan: the boundaries change on its effective date. */
    PLANS_COMMIT("plans:commit"),
    /** Opening plans published for comment (公示) and commenting on them: anyone with an account. */
    PLANS_COMMENT("plans:comment"),
    /** Create and edit water projects, assign river chiefs, read a chief's full contact. */
    WATER_WRITE("water:write"),
    ADMIN("admin");

    public final String code;

    Permission(String code) { this.code = code; }

    /**
     * Role → permissions. Planners work on boundaries and see no case details (citizens' reports
     * are the case handlers' business); watershed planners also run the water projects and the
     * river-chief roster and read boundary plans; viewers read everything and change nothing, but
     * like everyone with an account may comment on a plan published for comment.
     */
    public static final Map<String, Set<Permission>> BY_ROLE = Map.of(
            "admin", EnumSet.allOf(Permission.class),
            "planner", EnumSet.of(MAP_READ, GEOMETRY_CHECK, PLANS_READ, PLANS_EDIT, PLANS_COMMIT, PLANS_COMMENT, IMPORT, IMPORT_BOUNDARIES_PREVIEW),
            "watershed_planner", EnumSet.of(MAP_READ, GEOMETRY_CHECK, WATER_WRITE, PLANS_READ, PLANS_COMMENT, IMPORT, IMPORT_WATER),
            "dispatcher", EnumSet.of(MAP_READ, CASES_READ, CASES_CREATE, CASES_PROCESS, PEOPLE_READ, PLANS_COMMENT),
            "grid_worker", EnumSet.of(MAP_READ, CASES_READ, CASES_CREATE, CASES_PROCESS, PLANS_COMMENT),
            "viewer", EnumSet.of(MAP_READ, CASES_READ, PLANS_COMMENT));

    public static Permission byCode(String code) {
        for (Permission p : values()) if (p.code.equals(code)) return p;
        throw new IllegalArgumentException(code);
    }
}
