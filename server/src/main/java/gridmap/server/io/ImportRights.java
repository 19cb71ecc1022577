package gridmap.server.io;

import gridmap.data.io.ImportTarget;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;

/**
 * Who may import what: units and cells, administrators (planners may dry-run them to check a
 * file); river basins and water projects, administrators and watershed planners; historical
 * cases, administrators.
 */
final class ImportRights {
    private ImportRights() {}

    static boolean may(Principal who, ImportTarget t, boolean dryRun) {
        return switch (t) {
            case UNITS, CELLS -> who.may(Permission.IMPORT_BOUNDARIES) || dryRun && who.may(Permission.IMPORT_BOUNDARIES_PREVIEW);
            case BASINS, PROJECTS -> who.may(Permission.IMPORT_WATER);
            case CASES -> who.may(Permission.ADMIN);
        };
    }

    static void check(Principal who, ImportTarget t, boolean dryRun) {
        if (may(who, t, dryRun)) return;
        boolean preview = !dryRun && may(who, t, true);
        throw new ApiException(403, "your role (" + who.role() + ") may not import " + t.id
                + (preview ? " for real; run it as a dry run (dry_run=true) and ask an administrator to import it" : ""));
    }
}
