package gridmap.data.io;

import java.sql.SQLException;

/**
 * Writing a versioned boundary table (admin_unit, grid_cell): a new code is inserted; a code
 * whose geometry or name changed gets its current version closed on the effective date and a new
 * version from that date, with a change event of type {@code redraw} (and, for units, lineage
 * rows), exactly as a committed plan does; a change of counts alone (population, households) is
 * an update in place, and so is a unit whose shape stays but which takes a vertex a changed
 * neighbour now shares (re-noded); anything else is left alone and counted as unchanged. Rows that refer to a
 * redrawn version (children, cells, cases, accounts) are moved to its successor, so they follow
 * the code.
 */
abstract class VersionedWriter extends TargetWriter {
    final String table;
    /** The column that holds the parent: parent_id (units) or community_id (cells). */
    final String refColumn;

    VersionedWriter(ImportTarget target, String table, String refColumn) {
        super(target);
        this.table = table;
        this.refColumn = refColumn;
    }

    /** Columns copied to a new version besides code, name, the reference, geometry and valid_from. */
    abstract java.util.List<String> carriedColumns();

    /** SQL values for {@link #carriedColumns()} from stage s (mapped fields in s.f) and old version u (may be null). */
    abstract String carriedValues();

    /** Whether (in SQL over s and u) the counts in the file equal the stored ones. */
    static final String SAME_COUNTS = "coalesce((s.f->>'population')::int, u.population) = u.population"
            + " AND coalesce((s.f->>'households')::int, u.households) = u.households";

    /**
     * Finds each staged feature's parent unit (ref_id): by the code in field codeField, or, when
     * that code was only derived from the feature's own code prefix, by containment of a point
     * inside the feature (reported as a warning). A feature without a parent is an error.
     */
    static void resolveParent(ImportContext ctx, String codeField, String parentLevel, String noun) throws SQLException {
        // the parent is also the group of siblings cleaned together: both set in one pass over the stage
        ctx.update("""
                UPDATE import_stage s SET ref_id = p.id, group_id = p.id FROM admin_unit p
                WHERE p.code = s.f->>? AND p.valid_to IS NULL AND p.level = ?""", codeField, parentLevel);
        ctx.update("""
                UPDATE import_stage s SET ref_id = c.id, group_id = c.id FROM (
                  SELECT s.n, (SELECT p.id FROM admin_unit p WHERE p.level = ? AND p.valid_to IS NULL
                               AND p.geom && ST_PointOnSurface(s.geom) AND ST_Intersects(p.geom, ST_PointOnSurface(s.geom)) ORDER BY p.code LIMIT 1) AS id
                  FROM import_stage s WHERE s.ref_id IS NULL AND s.f->>'parent_from' = 'prefix') c
                WHERE c.n = s.n AND c.id IS NOT NULL""", parentLevel);
        ctx.warningsFrom("""
                SELECT s.n, s.code, 'no ' || ? || ' ' || (s.f->>?) || '; parent found by containment: ' || p.code || ' ' || p.name
                FROM import_stage s JOIN admin_unit p ON p.id = s.ref_id
                WHERE s.f->>'parent_from' = 'prefix' AND p.code <> s.f->>? ORDER BY s.n""", codeField, parentLevel, codeField, codeField);
        ctx.errorsFrom("""
                SELECT n, code, 'missing parent: no current ' || ? || ' with code ' || (f->>?)
                       || CASE WHEN f->>'parent_from' = 'prefix' THEN ' and none contains the ' || ? ELSE '' END
                FROM import_stage WHERE ref_id IS NULL ORDER BY n""", codeField, parentLevel, codeField, noun);
    }

    @Override
    String groupNamesSql(ImportContext ctx) {
        return "SELECT p.id, p.code, p.name FROM admin_unit p WHERE p.id IN (SELECT DISTINCT group_id FROM import_stage)";
    }

    /** After new versions exist: record lineage (units) and move what referred to the old versions. */
    abstract void afterRedraw(ImportContext ctx, long changeEventId) throws SQLException;

    @Override
    void write(ImportContext ctx) throws SQLException {
        // rows with a new code keep action NULL: inserted (no pass over them on a first import)
        if (ctx.update("""
                UPDATE import_stage s SET action = c.action FROM (
                  SELECT s.n, CASE
                    WHEN (coalesce(k.same_geom, false) OR (k.final IS NULL AND ST_OrderingEquals(s.geom, u.geom)))
                         AND s.name IS NOT DISTINCT FROM u.name AND u.%2$s IS NOT DISTINCT FROM s.ref_id
                      THEN CASE WHEN %3$s THEN 'unchanged' ELSE 'update' END
                    WHEN coalesce(k.renode, false) AND s.name IS NOT DISTINCT FROM u.name AND u.%2$s IS NOT DISTINCT FROM s.ref_id
                      THEN 'renode'
                    ELSE 'redraw' END AS action
                  FROM import_stage s LEFT JOIN import_clean k ON k.n = s.n JOIN %1$s u ON u.id = s.old_id) c
                WHERE c.n = s.n""".formatted(table, refColumn, SAME_COUNTS)) > 0) {
            Staging.reanalyze(ctx);
        }
        ctx.errorsFrom("""
                SELECT s.n, s.code, 'the effective date ' || ?::text || ' is not after the start of the current version ('
                       || u.valid_from || '); give an --effective-date after it'
                FROM import_stage s JOIN %1$s u ON u.id = s.old_id WHERE s.action = 'redraw' AND u.valid_from >= ?
                UNION ALL
                SELECT NULL, u.code, 'the stored ' || u.code || ' (changed by the cleaning) started ' || u.valid_from
                       || '; give an --effective-date after it'
                FROM import_sibling x JOIN %1$s u ON u.id = x.id WHERE NOT x.renode AND u.valid_from >= ?""".formatted(table),
                "effective_date", ctx.effectiveDate, ctx.effectiveDate, ctx.effectiveDate);
        if (ctx.report.hasErrors()) return;

        ctx.update("UPDATE " + table + " u SET valid_to = ?, version = u.version + 1 FROM import_stage s WHERE s.action = 'redraw' AND u.id = s.old_id",
                ctx.effectiveDate);
        ctx.update("UPDATE " + table + " u SET valid_to = ?, version = u.version + 1 FROM import_sibling x WHERE u.id = x.id AND NOT x.renode",
                ctx.effectiveDate);
        // the same shape with the vertices its neighbours now share: corrected in place, no new version
        ctx.update("UPDATE " + table + " u SET geom = ST_Multi(x.final), version = u.version + 1 FROM import_sibling x WHERE u.id = x.id AND x.renode");
        ctx.update("UPDATE " + table + " u SET geom = ST_Multi(k.final), population = coalesce((s.f->>'population')::int, u.population),"
                + " households = coalesce((s.f->>'households')::int, u.households), version = u.version + 1"
                + " FROM import_stage s JOIN import_clean k ON k.n = s.n WHERE s.action = 'renode' AND u.id = s.old_id");
        ctx.update("""
                INSERT INTO %1$s (code, name, %2$s, geom, valid_from, %3$s)
                SELECT s.code, s.name, s.ref_id, ST_Multi(%4$s), ?, %5$s
                FROM import_stage s LEFT JOIN import_clean k ON k.n = s.n LEFT JOIN %1$s u ON u.id = s.old_id
                WHERE s.old_id IS NULL OR s.action = 'redraw'""".formatted(table, refColumn, String.join(", ", carriedColumns()), FINAL_GEOM,
                carriedValues()), ctx.effectiveDate);
        ctx.update("""
                INSERT INTO %1$s (code, name, %2$s, geom, valid_from, %3$s)
                SELECT u.code, u.name, u.%2$s, ST_Multi(x.final), ?, %4$s
                FROM import_sibling x JOIN %1$s u ON u.id = x.id WHERE NOT x.renode""".formatted(table, refColumn,
                String.join(", ", carriedColumns()), String.join(", ", carriedColumns().stream().map(c -> "u." + c).toList())), ctx.effectiveDate);
        // the new versions of redrawn rows, for lineage and for moving what referred to the old ones
        ctx.update("UPDATE import_stage s SET new_id = t.id FROM " + table + " t WHERE s.action = 'redraw' AND t.code = s.code AND t.valid_to IS NULL");
        ctx.update("UPDATE import_sibling x SET new_id = t.id FROM " + table + " u, " + table + " t"
                + " WHERE NOT x.renode AND u.id = x.id AND t.code = u.code AND t.valid_to IS NULL");
        ctx.update("UPDATE " + table + " u SET population = coalesce((s.f->>'population')::int, u.population),"
                + " households = coalesce((s.f->>'households')::int, u.households), version = u.version + 1"
                + " FROM import_stage s WHERE s.action = 'update' AND u.id = s.old_id");

        countActions(ctx);
        ImportReport.Counts n = ctx.report.counts;
        n.redrawn += ctx.count("SELECT count(*) FROM import_sibling WHERE NOT renode");
        n.renoded += ctx.count("SELECT count(*) FROM import_sibling WHERE renode");
        if (n.redrawn > 0) {
            long event = ctx.count("""
                    INSERT INTO change_event (change_type, effective_date, legal_ref, description, created_by)
                    VALUES ('redraw', ?, ?, ?, ?) RETURNING id""", ctx.effectiveDate, ctx.options.legalRef(),
                    "import of " + ctx.fileName + " (sha256 " + ctx.sha256.substring(0, 16) + "…): " + n.redrawn + " " + target.id + " redrawn",
                    ctx.actor.userId());
            ctx.report.changeEventId = event;
            ctx.update("CREATE TEMP TABLE import_pairs ON COMMIT DROP AS"
                    + " SELECT old_id, new_id FROM import_stage WHERE action = 'redraw' UNION ALL SELECT id, new_id FROM import_sibling WHERE NOT renode");
            afterRedraw(ctx, event);
        }
    }

    /** Moves rows of table.column that point to an old version to its successor. */
    static void repoint(ImportContext ctx, String table, String column, String extraWhere, boolean bumpVersion) throws SQLException {
        ctx.update("UPDATE " + table + " t SET " + column + " = p.new_id" + (bumpVersion ? ", version = t.version + 1" : "")
                + " FROM import_pairs p WHERE t." + column + " = p.old_id" + extraWhere);
    }
}
