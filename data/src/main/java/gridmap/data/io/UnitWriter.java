package gridmap.data.io;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Administrative units, one level per import (from --level, the file's level field, or the
 * length of the codes: GB/T 2260 6 digits for a city (…00) or district, 9 for a street/town, 12
 * for a community/village). The parent is the unit named by --parent or the file's parent code
 * field; else the one whose code is the unit's code prefix, or failing that the one that contains
 * the unit. Siblings of one parent are cleaned together; redraws get lineage rows.
 */
final class UnitWriter extends VersionedWriter {
    private String level;

    UnitWriter() { super(ImportTarget.UNITS, "admin_unit", "parent_id"); }

    private static final Map<String, String> LEVEL_WORDS = Map.of("市", "city", "地级市", "city", "区县", "district", "区", "district",
            "县", "district", "街道", "street", "乡镇", "street", "社区", "community", "村", "community");

    static int codeLength(String level) { return level.equals("street") ? 9 : level.equals("community") ? 12 : 6; }

    static String parentLevel(String level) {
        int i = ImportOptions.LEVELS.indexOf(level);
        return i <= 0 ? null : ImportOptions.LEVELS.get(i - 1);
    }

    @Override
    String check(long n, Map<String, String> v, ImportContext ctx) {
        String code = v.get("code");
        if (!code.matches("[0-9]{6}([0-9]{3}){0,2}")) {
            return "code '" + TargetField.clip(code) + "' is not a unit code (GB/T 2260: 6 digits, + 3 for a street or town, + 3 for a community or village)";
        }
        String lv = ctx.options.level();
        if (lv == null && v.get("level") != null) {
            lv = ImportOptions.LEVELS.contains(v.get("level")) ? v.get("level") : LEVEL_WORDS.get(v.get("level"));
            if (lv == null) return "level '" + TargetField.clip(v.get("level")) + "' is not one of " + String.join(", ", ImportOptions.LEVELS);
        }
        if (lv == null) lv = switch (code.length()) { case 6 -> code.endsWith("00") ? "city" : "district"; case 9 -> "street"; default -> "community"; };
        if (code.length() != codeLength(lv)) return "code " + code + " has " + code.length() + " digits; a " + lv + " code has " + codeLength(lv);
        if (level == null) level = lv;
        else if (!level.equals(lv)) return "the file mixes levels (" + level + " and " + lv + "); import one level at a time, or give --level";
        v.put("level", lv);
        String parentLevel = parentLevel(lv);
        if (parentLevel == null) {
            v.remove("parent_code");
        } else if (ctx.options.parentCode() != null) {
            v.put("parent_code", ctx.options.parentCode());
            v.put("parent_from", "option");
        } else if (v.get("parent_code") != null) {
            v.put("parent_from", "field");
        } else {
            v.put("parent_code", switch (lv) { case "district" -> code.substring(0, 4) + "00"; case "street" -> code.substring(0, 6); default -> code.substring(0, 9); });
            v.put("parent_from", "prefix");
        }
        return null;
    }

    @Override
    void resolve(ImportContext ctx) throws SQLException {
        if (level == null) return; // nothing staged
        String parentLevel = parentLevel(level);
        if (parentLevel != null) {
            resolveParent(ctx, "parent_code", parentLevel, "unit");
        }
        if (parentLevel == null) ctx.update("UPDATE import_stage SET group_id = 0"); // cities: one group
        ctx.update("UPDATE import_stage s SET old_id = u.id FROM admin_unit u WHERE u.code = s.code AND u.valid_to IS NULL");
        ctx.errorsFrom("""
                SELECT s.n, s.code, 'code ' || s.code || ' is a current ' || u.level || ', not a ' || ?
                FROM import_stage s JOIN admin_unit u ON u.id = s.old_id WHERE u.level <> ? ORDER BY s.n""", "level", level, level);
    }

    @Override
    String groupKey(Map<String, String> v) { return v.getOrDefault("parent_code", ""); }

    @Override
    String groupsNotByKeySql() {
        return "SELECT count(*) FROM import_stage s JOIN admin_unit p ON p.id = s.ref_id WHERE p.code <> s.f->>'parent_code'";
    }

    @Override
    String storedSiblingsSql(ImportContext ctx) {
        return "SELECT coalesce(u.parent_id, 0), u.id, u.code, u.name, ST_AsBinary(u.geom) FROM admin_unit u"
                + " WHERE u.valid_to IS NULL AND u.level = '" + level + "'" // one of the four level words, checked in check()
                + " AND coalesce(u.parent_id, 0) IN (SELECT DISTINCT group_id FROM import_stage) ORDER BY 1, u.code";
    }

    @Override List<String> carriedColumns() { return List.of("level", "population", "households"); }

    @Override
    String carriedValues() {
        return "s.f->>'level', coalesce((s.f->>'population')::int, u.population, 0), coalesce((s.f->>'households')::int, u.households, 0)";
    }

    /**
     * Lineage: each new version against each old version of the same parent it overlaps; area_share
     * is the share of the new unit's area that came from the old one, population_share the share of
     * the old unit's people (taken as evenly spread) who live in the new one.
     */
    @Override
    void afterRedraw(ImportContext ctx, long event) throws SQLException {
        ctx.update("""
                INSERT INTO unit_lineage (change_event_id, predecessor_id, successor_id, area_share, population_share)
                SELECT ?, o.id, w.id, least(1, coalesce(x.a / nullif(ST_Area(w.geom::geography), 0), 0)),
                       least(1, coalesce(x.a / nullif(ST_Area(o.geom::geography), 0), 0))
                FROM import_pairs po JOIN admin_unit o ON o.id = po.old_id
                JOIN import_pairs pn ON true JOIN admin_unit w ON w.id = pn.new_id
                CROSS JOIN LATERAL (SELECT ST_Area(ST_Intersection(o.geom, w.geom)::geography) AS a) x
                WHERE o.geom && w.geom AND o.parent_id IS NOT DISTINCT FROM w.parent_id AND x.a > 1""", event);
        repoint(ctx, "admin_unit", "parent_id", " AND t.valid_to IS NULL", false);
        repoint(ctx, "grid_cell", "community_id", " AND t.valid_to IS NULL", false);
        repoint(ctx, "app_user", "district_id", "", true);
        repoint(ctx, "cases", "district_id", "", true);
        repoint(ctx, "cases", "community_id", "", true);
        repoint(ctx, "water_project", "district_id", "", true);
    }
}
