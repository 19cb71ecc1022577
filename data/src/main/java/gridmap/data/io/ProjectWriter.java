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
        if (v.get("budget_wan_yuan") != null && Double.parseDouble(v.get("budget_wan_yuan")) < 0) return "budget_wan_yuan must not be negative";
        if (v.get("budget_wan_yuan") != null && Double.parseDouble(v.get("budget_wan_yuan")) >= 1e12) return "budget_wan_yuan is implausibly large";
        if (v.get("start_year") != null) {
            int y = Integer.parseInt(v.get("start_year"));
            if (y < 1900 || y > 2200) return "start_year " + y + " is not a plausible year";
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
        ctx.update("UPDATE import_stage s SET old_id = w.id FROM water_project w WHERE w.code = s.code");
    }

    /** The stored attribute columns, and their values from the stage in the same order. */
    private static final List<String> COLUMNS = List.of("name", "project_type", "status", "budget_wan_yuan", "responsible_unit", "river_chief",
            "district_id", "basin_id", "start_year");
    private static final String VALUES = "s.name, s.f->>'project_type', s.f->>'status', (s.f->>'budget_wan_yuan')::numeric, s.f->>'responsible_unit',"
            + " s.f->>'river_chief', s.ref_id, s.ref2_id, (s.f->>'start_year')::int";

    @Override
    void write(ImportContext ctx) throws SQLException {
        ctx.update("""
                UPDATE import_stage s SET action = c.action FROM (
                  SELECT s.n, CASE
                    WHEN ROW(%1$s) IS NOT DISTINCT FROM ROW(%2$s) AND ST_OrderingEquals(s.geom, w.geom) THEN 'unchanged'
                    ELSE 'update' END AS action
                  FROM import_stage s JOIN water_project w ON w.id = s.old_id) c
                WHERE c.n = s.n""".formatted(VALUES, prefixed("w", COLUMNS)));
        Staging.reanalyze(ctx);
        ctx.update("UPDATE water_project w SET (" + String.join(", ", COLUMNS) + ", geom) = (" + VALUES + ", s.geom), version = w.version + 1"
                + " FROM import_stage s WHERE s.action = 'update' AND w.id = s.old_id");
        ctx.update("INSERT INTO water_project (code, " + String.join(", ", COLUMNS) + ", geom) SELECT s.code, " + VALUES + ", s.geom"
                + " FROM import_stage s WHERE s.old_id IS NULL");
        countActions(ctx);
    }
}
