package gridmap.data.io;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import gridmap.data.water.HydroWriter;

/**
 * River basins, HydroBASINS-style: HYBAS_ID (code), PFAF_ID (Pfafstetter code: its length is the
 * level), NEXT_DOWN (the downstream basin, 0 for none), SUB_AREA/UP_AREA (km², checked against
 * the geometry). The basins of one level are cleaned together. Basins are not versioned: a changed
 * basin is updated in place. Parents (the Pfafstetter code minus its last digit) and downstream
 * links are resolved by code after writing, so a file may hold several levels and any order.
 */
final class BasinWriter extends TargetWriter {
    /** SUB_AREA differing from the geometry's area by more than this share is reported. */
    static final double AREA_TOLERANCE = 0.05;

    BasinWriter() { super(ImportTarget.BASINS); }

    @Override
    String check(long n, Map<String, String> v, ImportContext ctx) {
        String pfaf = v.get("pfaf_code");
        if (!pfaf.matches("[0-9]{1,20}")) return "pfaf_code '" + TargetField.clip(pfaf) + "' is not a Pfafstetter code (digits only)";
        if (v.get("code").length() > 64) return "code is longer than 64 characters";
        if (v.get("name") == null) v.put("name", v.get("code"));
        if ("0".equals(v.get("next_down")) || v.get("code").equals(v.get("next_down"))) v.remove("next_down");
        if ("0".equals(v.get("main_basin"))) v.remove("main_basin");
        for (String area : List.of("sub_area", "up_area")) {
            if (v.get(area) != null && !(Double.parseDouble(v.get(area)) > 0)) return area + " must be a positive number of km²";
        }
        if (v.get("dist_main") != null && Double.parseDouble(v.get("dist_main")) < 0) return "dist_main must not be negative";
        if (v.get("endo") != null && !v.get("endo").matches("[012]")) return "endo must be 0, 1 or 2 (as HydroBASINS codes it)";
        return null;
    }

    @Override
    void resolve(ImportContext ctx) throws SQLException {
        ctx.update("UPDATE import_stage SET group_id = length(f->>'pfaf_code')");
        ctx.update("UPDATE import_stage s SET old_id = b.id FROM river_basin b WHERE b.code = s.code");
        ctx.errorsFrom("""
                SELECT s.n, s.code, 'HYBAS_ID ' || s.code || ' already belongs to basin ' || b.code FROM import_stage s
                JOIN river_basin b ON b.hybas_id = %s AND b.code <> s.code ORDER BY s.n""".formatted(HYBAS_ID), "code");
        ctx.warningsFrom("""
                SELECT n, code, 'SUB_AREA ' || (f->>'sub_area') || ' km² differs from the area of the geometry, '
                       || round((ST_Area(geom::geography) / 1e6)::numeric, 1) || ' km²'
                FROM import_stage WHERE f->>'sub_area' IS NOT NULL
                  AND abs((f->>'sub_area')::float8 - ST_Area(geom::geography) / 1e6) > ? * ST_Area(geom::geography) / 1e6
                ORDER BY n""", "sub_area", AREA_TOLERANCE);
    }

    /** A numeric code is a HydroBASINS id, kept as such. */
    private static final String HYBAS_ID = "CASE WHEN s.code ~ '^[0-9]{1,18}$' THEN s.code::bigint END";
    /** The HydroBASINS attributes as stored. */
    private static final String ATTRIBUTES = "hybas_id, sub_area_km2, up_area_km2, dist_main_km, endo";

    /**
     * Their values in the order of {@link #ATTRIBUTES}: what the file says (SUB_AREA measured on
     * geom where a feature has none); for a field the file does not have at all, the stored value
     * (stored: true, alias b), or for a new basin the measured area and empty links and figures.
     */
    private static String attributeValues(ImportContext ctx, String geom, boolean stored) {
        java.util.function.BiFunction<String, String, String> v = (field, fromFile) ->
                mapped(ctx, field) || !stored ? fromFile : "b." + switch (field) {
                    case "sub_area" -> "sub_area_km2";
                    case "up_area" -> "up_area_km2";
                    case "dist_main" -> "dist_main_km";
                    default -> field;
                };
        return HYBAS_ID + ", " + v.apply("sub_area", "coalesce((s.f->>'sub_area')::float8, ST_Area(" + geom + "::geography) / 1e6)") + ", "
                + v.apply("up_area", "(s.f->>'up_area')::float8") + ", " + v.apply("dist_main", "(s.f->>'dist_main')::float8") + ", "
                + v.apply("endo", "coalesce((s.f->>'endo')::smallint, 0)");
    }

    @Override
    String groupKey(Map<String, String> v) { return String.valueOf(v.get("pfaf_code").length()); }

    @Override
    String storedSiblingsSql(ImportContext ctx) {
        return "SELECT b.level, b.id, b.code, b.name, ST_AsBinary(b.geom) FROM river_basin b"
                + " WHERE b.level IN (SELECT DISTINCT group_id FROM import_stage) ORDER BY 1, b.code";
    }

    @Override
    void write(ImportContext ctx) throws SQLException {
        ctx.update("""
                UPDATE import_stage s SET action = c.action FROM (
                  SELECT s.n, CASE
                    WHEN (coalesce(k.same_geom, false) OR (k.final IS NULL AND ST_OrderingEquals(s.geom, b.geom)))
                         AND s.name = b.name AND s.f->>'pfaf_code' = b.pfaf_code
                         AND (NOT ? OR (s.f->>'next_down') IS NOT DISTINCT FROM d.code) AND (NOT ? OR (s.f->>'main_basin') IS NOT DISTINCT FROM m.code)
                         AND ROW(%s) IS NOT DISTINCT FROM ROW(b.hybas_id, b.sub_area_km2, b.up_area_km2, b.dist_main_km, b.endo) THEN 'unchanged'
                    ELSE 'update' END AS action
                  FROM import_stage s LEFT JOIN import_clean k ON k.n = s.n JOIN river_basin b ON b.id = s.old_id
                  LEFT JOIN river_basin d ON d.id = b.next_down_id LEFT JOIN river_basin m ON m.id = b.main_basin_id) c
                WHERE c.n = s.n""".formatted(attributeValues(ctx, "b.geom", true)), mapped(ctx, "next_down"), mapped(ctx, "main_basin"));
        Staging.reanalyze(ctx);
        ctx.update("""
                UPDATE river_basin b SET geom = ST_Multi(%s), name = s.name, pfaf_code = s.f->>'pfaf_code',
                  level = length(s.f->>'pfaf_code'), (%s) = (%s), version = b.version + 1
                FROM import_stage s LEFT JOIN import_clean k ON k.n = s.n
                WHERE s.action = 'update' AND b.id = s.old_id""".formatted(FINAL_GEOM, ATTRIBUTES, attributeValues(ctx, FINAL_GEOM, true)));
        ctx.update("UPDATE river_basin b SET geom = ST_Multi(x.final), version = b.version + 1 FROM import_sibling x WHERE b.id = x.id");
        ctx.update("""
                INSERT INTO river_basin (code, pfaf_code, name, level, geom, %s)
                SELECT s.code, s.f->>'pfaf_code', s.name, length(s.f->>'pfaf_code'), ST_Multi(%s), %s
                FROM import_stage s LEFT JOIN import_clean k ON k.n = s.n WHERE s.old_id IS NULL""".formatted(ATTRIBUTES, FINAL_GEOM,
                attributeValues(ctx, FINAL_GEOM, false)));
        ctx.update("""
                UPDATE river_basin b SET parent_id = (SELECT p.id FROM river_basin p
                                                      WHERE p.pfaf_code = left(b.pfaf_code, length(b.pfaf_code) - 1) ORDER BY p.id LIMIT 1)
                FROM import_stage s WHERE b.code = s.code AND b.level > 1""");
        // links the file has no field for stay as stored
        if (mapped(ctx, "next_down")) ctx.update("""
                UPDATE river_basin b SET next_down_id = d.id
                FROM import_stage s LEFT JOIN river_basin d ON d.code = s.f->>'next_down'
                WHERE b.code = s.code AND (d.id IS NULL OR d.id <> b.id)""");
        if (mapped(ctx, "main_basin")) ctx.update("""
                UPDATE river_basin b SET main_basin_id = m.id
                FROM import_stage s LEFT JOIN river_basin m ON m.code = s.f->>'main_basin'
                WHERE b.code = s.code""");
        ctx.warningsFrom("""
                SELECT s.n, s.code, 'MAIN_BAS ' || (s.f->>'main_basin') || ' is neither in the file nor stored; the link is left empty'
                FROM import_stage s JOIN river_basin b ON b.code = s.code WHERE s.f->>'main_basin' IS NOT NULL AND b.main_basin_id IS NULL ORDER BY s.n""", "main_basin");
        ctx.warningsFrom("""
                SELECT s.n, s.code, 'NEXT_DOWN ' || (s.f->>'next_down') || ' is neither in the file nor stored; the link is left empty'
                FROM import_stage s JOIN river_basin b ON b.code = s.code WHERE s.f->>'next_down' IS NOT NULL AND b.next_down_id IS NULL ORDER BY s.n""", "next_down");
        ctx.warningsFrom("""
                SELECT s.n, s.code, 'no basin with Pfafstetter code ' || left(b.pfaf_code, length(b.pfaf_code) - 1) || ' to nest in'
                FROM import_stage s JOIN river_basin b ON b.code = s.code WHERE b.level > 1 AND b.parent_id IS NULL ORDER BY s.n""", "pfaf_code");
        // the levels written must still be drainage networks (no cycles, codes unique per system, …)
        List<Integer> levels = ctx.rows("SELECT DISTINCT group_id FROM import_stage").stream().map(r -> ((Number) r[0]).intValue()).toList();
        networkErrors(ctx, HydroWriter.validateStoredLevels(ctx.c, levels));
        countActions(ctx);
        ctx.report.counts.updated += ctx.count("SELECT count(*) FROM import_sibling");
    }
}
