package gridmap.data.io;

import java.sql.SQLException;
import java.util.Map;

import gridmap.data.water.HydroWriter;

/**
 * River reaches (HydroRIVERS-style: HYRIV_ID, NEXT_DOWN, MAIN_RIV), one line per feature drawn in
 * the direction of flow. The river a reach belongs to is named by river_code and made when it
 * is new; the basin is the one named by basin_code, else the finest basin that holds the reach's
 * midpoint (none outside every basin). Reaches are not versioned: a changed reach is updated in
 * place. Downstream links are resolved by code after writing, so a file may come in any order,
 * and the stored reaches must still form a network (no cycles, no links to nowhere) or nothing
 * is written.
 */
final class ReachWriter extends TargetWriter {
    ReachWriter() { super(ImportTarget.RIVERS); }

    @Override
    String check(long n, Map<String, String> v, ImportContext ctx) {
        if (v.get("code").length() > 64) return "code is longer than 64 characters";
        if (v.get("river_code").length() > 64) return "river_code is longer than 64 characters";
        if (v.get("name") == null) v.put("name", v.get("river_name") != null ? v.get("river_name") : v.get("code"));
        if ("0".equals(v.get("next_down")) || v.get("code").equals(v.get("next_down"))) v.remove("next_down");
        return null;
    }

    @Override
    void resolve(ImportContext ctx) throws SQLException {
        ctx.update("UPDATE import_stage s SET old_id = r.id FROM river_reach r WHERE r.code = s.code");
        ctx.update("UPDATE import_stage s SET ref2_id = b.id FROM river_basin b WHERE b.code = s.f->>'basin_code'");
        ctx.errorsFrom("""
                SELECT n, code, 'no basin with code ' || (f->>'basin_code') FROM import_stage
                WHERE ref2_id IS NULL AND f->>'basin_code' IS NOT NULL ORDER BY n""", "basin_code");
        ctx.update("""
                UPDATE import_stage s SET ref2_id = (SELECT b.id FROM river_basin b WHERE ST_Intersects(b.geom, ST_LineInterpolatePoint(s.geom, 0.5))
                                                     ORDER BY b.level DESC, b.code LIMIT 1)
                WHERE s.ref2_id IS NULL AND s.f->>'basin_code' IS NULL""");
    }

    @Override
    void write(ImportContext ctx) throws SQLException {
        // rivers first: new ones made, named ones renamed as the file says
        ctx.update("""
                INSERT INTO river (code, name)
                SELECT DISTINCT ON (f->>'river_code') f->>'river_code', coalesce(f->>'river_name', f->>'river_code')
                FROM import_stage ORDER BY f->>'river_code', n
                ON CONFLICT (code) DO NOTHING""");
        ctx.update("""
                UPDATE river r SET name = x.name FROM (SELECT DISTINCT ON (f->>'river_code') f->>'river_code' AS code, f->>'river_name' AS name
                                                      FROM import_stage WHERE f->>'river_name' IS NOT NULL ORDER BY f->>'river_code', n) x
                WHERE r.code = x.code AND r.name <> x.name""");
        ctx.update("UPDATE import_stage s SET ref_id = r.id FROM river r WHERE r.code = s.f->>'river_code'");
        ctx.update("""
                UPDATE import_stage s SET action = c.action FROM (
                  SELECT s.n, CASE
                    WHEN s.name = r.name AND s.ref_id = r.river_id AND s.ref2_id IS NOT DISTINCT FROM r.basin_id
                         AND (NOT ? OR (s.f->>'next_down') IS NOT DISTINCT FROM d.code) AND ST_OrderingEquals(s.geom, r.geom) THEN 'unchanged'
                    ELSE 'update' END AS action
                  FROM import_stage s JOIN river_reach r ON r.id = s.old_id LEFT JOIN river_reach d ON d.id = r.next_down_id) c
                WHERE c.n = s.n""", mapped(ctx, "next_down"));
        Staging.reanalyze(ctx);
        ctx.update("""
                UPDATE river_reach r SET name = s.name, river_id = s.ref_id, basin_id = s.ref2_id, geom = s.geom
                FROM import_stage s WHERE s.action = 'update' AND r.id = s.old_id""");
        ctx.update("""
                INSERT INTO river_reach (code, river_id, name, basin_id, geom)
                SELECT s.code, s.ref_id, s.name, s.ref2_id, s.geom FROM import_stage s WHERE s.old_id IS NULL ORDER BY s.n""");
        // without a next_down field the stored links stay
        if (mapped(ctx, "next_down")) ctx.update("""
                UPDATE river_reach r SET next_down_id = d.id
                FROM import_stage s LEFT JOIN river_reach d ON d.code = s.f->>'next_down'
                WHERE r.code = s.code AND r.next_down_id IS DISTINCT FROM d.id""");
        ctx.warningsFrom("""
                SELECT s.n, s.code, 'NEXT_DOWN ' || (s.f->>'next_down') || ' is neither in the file nor stored; the link is left empty'
                FROM import_stage s JOIN river_reach r ON r.code = s.code WHERE s.f->>'next_down' IS NOT NULL AND r.next_down_id IS NULL ORDER BY s.n""",
                "next_down");
        networkErrors(ctx, HydroWriter.validateStoredReaches(ctx.c));
        countActions(ctx);
    }
}
