package gridmap.data.io;

import java.sql.SQLException;
import java.util.Map;

/**
 * The part of an import that knows its target table: per-feature checks of the mapped values,
 * resolving references after staging (parents, communities, districts…), the stored siblings
 * for the coverage cleaning, and the final write from the scratch tables in set-based SQL.
 * One subclass per {@link ImportTarget}.
 */
abstract class TargetWriter {
    final ImportTarget target;

    TargetWriter(ImportTarget target) { this.target = target; }

    static TargetWriter of(ImportTarget t) {
        return switch (t) {
            case UNITS -> new UnitWriter();
            case CELLS -> new CellWriter();
            case BASINS -> new BasinWriter();
            case RIVERS -> new ReachWriter();
            case PROJECTS -> new ProjectWriter();
            case CASES -> new CaseWriter();
        };
    }

    /**
     * Checks one feature's mapped values (text, already normalised by type) and may add derived
     * ones (a level, a parent code); returns the problem, or null. values holds code and name.
     */
    abstract String check(long n, Map<String, String> values, ImportContext ctx);

    /** After staging: fills ref_id/ref2_id, group_id and old_id of import_stage and reports what is missing. */
    abstract void resolve(ImportContext ctx) throws SQLException;

    /**
     * For cleaned targets: the stored current rows of the groups being imported, as (group_id,
     * id, code, name, geometry WKB), ordered by group_id then code; one parameter-free statement.
     */
    String storedSiblingsSql(ImportContext ctx) { throw new UnsupportedOperationException(target.id + " is not cleaned"); }

    /**
     * For cleaned targets: the key of a feature's group as its values name it (parent code,
     * community code, Pfafstetter level), for the check while reading; null when not known then.
     */
    String groupKey(Map<String, String> values) { return null; }

    /**
     * For cleaned targets, after resolving: SQL counting the staged features whose group is not
     * the one their key named (found by containment instead); null when keys always decide.
     */
    String groupsNotByKeySql() { return null; }

    /** For cleaned targets: (group_id, code, name) of the parents the groups stand for, for the report. */
    String groupNamesSql(ImportContext ctx) { return null; }

    /** Writes every staged feature (action insert/redraw/update/unchanged) and counts them in the report. */
    abstract void write(ImportContext ctx) throws SQLException;

    /** The cleaned geometry when cleaning changed it, else the staged one (SQL over import_stage s LEFT JOIN import_clean k). */
    static final String FINAL_GEOM = "coalesce(k.final, s.geom)";

    /** "a.x, a.y" for columns x, y. */
    static String prefixed(String alias, java.util.List<String> columns) {
        return String.join(", ", columns.stream().map(c -> alias + "." + c).toList());
    }

    /** Fills the report's counts from import_stage's actions. */
    static void countActions(ImportContext ctx) throws SQLException {
        ImportReport.Counts n = ctx.report.counts;
        for (Object[] row : ctx.rows("SELECT coalesce(action, 'insert'), count(*) FROM import_stage GROUP BY 1")) {
            long k = ((Number) row[1]).longValue();
            switch ((String) row[0]) {
                case "insert" -> n.inserted = k;
                case "redraw" -> n.redrawn = k;
                case "update" -> n.updated = k;
                case "renode" -> n.renoded = k;
                default -> n.unchanged = k;
            }
        }
    }

    /** Each problem of a drainage network the import left behind, as an error on the feature it names (when it is in the file). */
    static void networkErrors(ImportContext ctx, java.util.List<gridmap.geo.hydro.NetworkProblem> problems) throws SQLException {
        for (gridmap.geo.hydro.NetworkProblem p : problems) {
            Object[] at = ctx.rows("SELECT n FROM import_stage WHERE code = ?", p.id()).stream().findFirst().orElse(null);
            ctx.report.error(at == null ? null : ((Number) at[0]).longValue(), p.id(), "next_down",
                    "network: " + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " (" + p.detail() + ")",
                    p.location() == null ? null : new double[] {p.location().x, p.location().y});
        }
    }

    /** Whether the file has a field for this target field (a field it lacks keeps what is stored on an update). */
    static boolean mapped(ImportContext ctx, String field) { return ctx.report.mapping.containsKey(field); }
}
