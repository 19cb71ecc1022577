package gridmap.data.io;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Historical cases (points). Each is located as of the day it was reported: in the grid cell,
 * community and district valid then (outside every cell it is kept without a cell, with a
 * warning). A case whose code is stored already is counted as unchanged when it is the same, and
 * refused when it differs: an import adds history, it does not move live cases through their
 * workflow.
 */
final class CaseWriter extends TargetWriter {
    CaseWriter() { super(ImportTarget.CASES); }

    @Override
    String check(long n, Map<String, String> v, ImportContext ctx) {
        if (v.get("code").length() > 64) return "code is longer than 64 characters";
        java.time.OffsetDateTime reported = java.time.OffsetDateTime.parse(v.get("reported_at"));
        for (String f : new String[] {"closed_at", "updated_at"}) {
            if (v.get(f) != null && java.time.OffsetDateTime.parse(v.get(f)).isBefore(reported)) return f + " is before reported_at";
        }
        if (v.get("source") == null) v.put("source", gridmap.data.cases.CaseSource.PATROL.code);
        if (v.get("description") == null) v.put("description", "");
        return null;
    }

    /** Where a case point lay on the day it was reported: (cell, community) as of that date. */
    private static final String AS_OF = "v.valid_from <= (s.f->>'reported_at')::timestamptz::date"
            + " AND (v.valid_to IS NULL OR v.valid_to > (s.f->>'reported_at')::timestamptz::date)";

    @Override
    void resolve(ImportContext ctx) throws SQLException {
        ctx.errorsFrom("""
                SELECT s.n, s.code, 'unknown category ' || (s.f->>'category_code') FROM import_stage s
                WHERE NOT EXISTS (SELECT 1 FROM case_category k WHERE k.code = s.f->>'category_code') ORDER BY s.n""", "category_code");
        ctx.update("""
                UPDATE import_stage s SET ref2_id = (SELECT v.id FROM grid_cell v WHERE v.geom && ST_PointOnSurface(s.geom) AND ST_Intersects(v.geom, ST_PointOnSurface(s.geom)) AND %s
                                                     ORDER BY v.id LIMIT 1)""".formatted(AS_OF));
        ctx.update("""
                UPDATE import_stage s SET ref_id = coalesce((SELECT g.community_id FROM grid_cell g WHERE g.id = s.ref2_id),
                  (SELECT v.id FROM admin_unit v WHERE v.level = 'community' AND v.geom && ST_PointOnSurface(s.geom) AND ST_Intersects(v.geom, ST_PointOnSurface(s.geom)) AND %s LIMIT 1))
                """.formatted(AS_OF));
        ctx.update("""
                UPDATE import_stage s SET group_id = (SELECT v.id FROM admin_unit v WHERE v.level = 'district' AND v.geom && ST_PointOnSurface(s.geom)
                                                      AND ST_Intersects(v.geom, ST_PointOnSurface(s.geom)) AND %s LIMIT 1)""".formatted(AS_OF));
        ctx.warningsFrom("""
                SELECT n, code, 'outside every grid cell on ' || ((f->>'reported_at')::timestamptz::date) || '; kept without a cell'
                FROM import_stage WHERE ref2_id IS NULL ORDER BY n""", "geometry");
        ctx.update("UPDATE import_stage s SET old_id = k.id FROM cases k WHERE k.code = s.code");
    }

    /** The stored attribute columns, and their values from the stage in the same order. */
    private static final List<String> COLUMNS = List.of("category_code", "status", "source", "description", "address", "reported_at", "due_at", "closed_at");
    private static final String VALUES = "s.f->>'category_code', s.f->>'status', s.f->>'source', s.f->>'description', s.f->>'address',"
            + " (s.f->>'reported_at')::timestamptz, (s.f->>'due_at')::timestamptz, (s.f->>'closed_at')::timestamptz";

    @Override
    void write(ImportContext ctx) throws SQLException {
        ctx.update("UPDATE import_stage SET action = 'differs' WHERE old_id IS NOT NULL");
        ctx.update("""
                UPDATE import_stage s SET action = 'unchanged' FROM cases k
                WHERE k.id = s.old_id AND ROW(%s) IS NOT DISTINCT FROM ROW(%s) AND ST_Equals(k.geom, s.geom)"""
                .formatted(VALUES, prefixed("k", COLUMNS)));
        Staging.reanalyze(ctx);
        ctx.errorsFrom("""
                SELECT n, code, 'case ' || code || ' is stored already with different content; an import only adds cases'
                FROM import_stage WHERE action = 'differs' ORDER BY n""", "code");
        if (ctx.report.hasErrors()) return;
        ctx.update("""
                INSERT INTO cases (code, %s, geom, cell_id, community_id, district_id, updated_at)
                SELECT s.code, %s, s.geom, s.ref2_id, s.ref_id, s.group_id,
                       coalesce((s.f->>'updated_at')::timestamptz, (s.f->>'closed_at')::timestamptz, (s.f->>'reported_at')::timestamptz)
                FROM import_stage s WHERE s.old_id IS NULL""".formatted(String.join(", ", COLUMNS), VALUES));
        countActions(ctx);
    }
}
