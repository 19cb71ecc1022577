package gridmap.data.io;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Water projects (points, lines or polygons). The district is the one named by district_code or
 * else the one containing a point of the project; the basin likewise, the most detailed level
 * first. Projects are not versioned: a changed project is updated in place.
 */
final class ProjectWriter extends TargetWriter {
    ProjectWriter() { super(ImportTarget.PROJECTS); }

    @Override
    String check(long n, Map<String, String> v, ImportContext ctx) {
        for (String money : List.of("budget_wan_yuan", "spent_wan_yuan")) {
            if (v.get(money) == null) continue;
            double d = Double.parseDouble(v.get(money));
            if (d < 0) return money + " must not be negative";
            if (d >= 1e12) return money + " is implausibly large";
        }
        for (String date : List.of("start_date", "end_date")) {
            if (v.get(date) == null) continue;
            int y = Integer.parseInt(v.get(date).substring(0, 4));
            if (y < 1900 || y > 2200) return date + " " + v.get(date) + " is not a plausible date";
        }
        if (v.get("start_date") != null && v.get("end_date") != null && v.get("end_date").compareTo(v.get("start_date")) < 0) {
            return "end_date " + v.get("end_date") + " is before start_date " + v.get("start_date");
        }
        return null;
    }

    @Override
    void resolve(ImportContext ctx) throws SQLException {
        ctx.update("""
                UPDATE import_stage s SET ref_id = d.id FROM admin_unit d
                WHERE d.code = s.f->>'district_code' AND d.level = 'district' AND d.valid_to IS NULL""");
        ctx.errorsFrom("""
                SELECT n, code, 'no current district with code ' || (f->>'district_code') FROM import_stage
                WHERE ref_id IS NULL AND f->>'district_code' IS NOT NULL ORDER BY n""", "district_code");
        ctx.update("""
                UPDATE import_stage s SET ref_id = (SELECT d.id FROM admin_unit d WHERE d.level = 'district' AND d.valid_to IS NULL
                                                    AND d.geom && ST_PointOnSurface(s.geom) AND ST_Intersects(d.geom, ST_PointOnSurface(s.geom)) ORDER BY d.code LIMIT 1)
                WHERE s.ref_id IS NULL AND s.f->>'district_code' IS NULL""");
        ctx.update("UPDATE import_stage s SET ref2_id = b.id FROM river_basin b WHERE b.code = s.f->>'basin_code'");
        ctx.errorsFrom("""
                SELECT n, code, 'no basin with code ' || (f->>'basin_code') FROM import_stage
                WHERE ref2_id IS NULL AND f->>'basin_code' IS NOT NULL ORDER BY n""", "basin_code");
        ctx.update("""
                UPDATE import_stage s SET ref2_id = (SELECT b.id FROM river_basin b WHERE b.geom && ST_PointOnSurface(s.geom) AND ST_Intersects(b.geom, ST_PointOnSurface(s.geom))
                                                     ORDER BY b.level DESC, b.code LIMIT 1)
                WHERE s.ref2_id IS NULL AND s.f->>'basin_code' IS NULL""");
        // a chief is named as registers name people; the project is tied to the one active chief of
        // that name on record. Chiefs are people, not carried by layer files: a name with no such
        // chief leaves the project without one, said in the report, to be assigned in the water view.
        ctx.update("""
                UPDATE import_stage s SET ref3_id = c.id FROM river_chief c
                WHERE c.name = s.f->>'river_chief' AND c.active
                  AND NOT EXISTS (SELECT 1 FROM river_chief o WHERE o.name = c.name AND o.active AND o.id <> c.id)""");
        ctx.warningsFrom("""
                SELECT n, code, CASE WHEN (SELECT count(*) FROM river_chief c WHERE c.name = s.f->>'river_chief' AND c.active) > 1
                                     THEN 'several river chiefs are named ' || (f->>'river_chief') || '; the project is left without one'
                                     ELSE 'no river chief named ' || (f->>'river_chief') || ' is on record; the project is left without one' END
                FROM import_stage s WHERE ref3_id IS NULL AND f->>'river_chief' IS NOT NULL ORDER BY n""", "river_chief");
        ctx.update("UPDATE import_stage s SET old_id = w.id FROM water_project w WHERE w.code = s.code");
    }

    /** A stored column, the file's field it comes from (null: always found by the import), and its value from the stage. */
    private record Column(String name, String field, String value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("name", "name", "s.name"),
            new Column("project_type", "project_type", "s.f->>'project_type'"),
            new Column("status", "status", "s.f->>'status'"),
            new Column("budget_wan_yuan", "budget_wan_yuan", "coalesce((s.f->>'budget_wan_yuan')::numeric, 0)"),
            new Column("spent_wan_yuan", "spent_wan_yuan", "coalesce((s.f->>'spent_wan_yuan')::numeric, 0)"),
            new Column("responsible_unit", "responsible_unit", "s.f->>'responsible_unit'"),
            new Column("river_chief_id", "river_chief", "s.ref3_id"),
            new Column("district_id", null, "s.ref_id"),
            new Column("basin_id", null, "s.ref2_id"),
            new Column("start_date", "start_date", "(s.f->>'start_date')::date"),
            new Column("end_date", "end_date", "(s.f->>'end_date')::date"));

    private static String names() { return String.join(", ", COLUMNS.stream().map(Column::name).toList()); }

    private static String newValues() { return String.join(", ", COLUMNS.stream().map(Column::value).toList()); }

    /**
     * The values of an update: what the file says, and the stored value (w) for a field the file
     * does not have at all, so that a register without, say, river chiefs or dates keeps those
     * given in the water view.
     */
    private static String updatedValues(ImportContext ctx) {
        return String.join(", ", COLUMNS.stream()
                .map(c -> c.field() == null || mapped(ctx, c.field()) ? c.value() : "w." + c.name()).toList());
    }

    @Override
    void write(ImportContext ctx) throws SQLException {
        ctx.update("""
                UPDATE import_stage s SET action = c.action FROM (
                  SELECT s.n, CASE
                    WHEN ROW(%1$s) IS NOT DISTINCT FROM ROW(%2$s) AND ST_OrderingEquals(s.geom, w.geom) THEN 'unchanged'
                    ELSE 'update' END AS action
                  FROM import_stage s JOIN water_project w ON w.id = s.old_id) c
                WHERE c.n = s.n""".formatted(updatedValues(ctx), prefixed("w", COLUMNS.stream().map(Column::name).toList())));
        Staging.reanalyze(ctx);
        // the status history gains a row wherever the file moves a project (read before the update changes it)
        ctx.update("""
                INSERT INTO water_project_status (project_id, status, changed_by, note)
                SELECT w.id, s.f->>'status', ?, 'import' FROM import_stage s JOIN water_project w ON w.id = s.old_id
                WHERE s.action = 'update' AND w.status <> s.f->>'status'""", ctx.actor.userId());
        ctx.update("UPDATE water_project w SET (" + names() + ", geom) = (" + updatedValues(ctx) + ", s.geom),"
                + " version = w.version + 1, updated_at = now() FROM import_stage s WHERE s.action = 'update' AND w.id = s.old_id");
        ctx.update("INSERT INTO water_project (code, " + names() + ", geom) SELECT s.code, " + newValues() + ", s.geom"
                + " FROM import_stage s WHERE s.old_id IS NULL");
        ctx.update("""
                INSERT INTO water_project_status (project_id, status, changed_by, note)
                SELECT w.id, w.status, ?, 'import' FROM import_stage s JOIN water_project w ON w.code = s.code WHERE s.old_id IS NULL""",
                ctx.actor.userId());
        countActions(ctx);
    }
}
