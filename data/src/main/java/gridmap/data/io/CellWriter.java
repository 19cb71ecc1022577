package gridmap.data.io;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Grid cells: 15-digit codes, each in one community — named by --parent or the file's community
 * code field, else the community whose code is the cell's first 12 digits, or failing that the
 * community that contains it. The cells of one community are cleaned together. A redrawn cell
 * keeps its grid worker, and cases in it move to the new version.
 */
final class CellWriter extends VersionedWriter {
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[0-9]{15}");

    CellWriter() { super(ImportTarget.CELLS, "grid_cell", "community_id"); }

    @Override
    String check(long n, Map<String, String> v, ImportContext ctx) {
        String code = v.get("code");
        if (!CODE.matcher(code).matches()) return "code '" + TargetField.clip(code) + "' is not a grid cell code (15 digits: the community's 12 and a serial)";
        if (ctx.options.parentCode() != null) {
            if (ctx.options.parentCode().length() != 12) return "a cell's parent is a community (12 digits), not " + ctx.options.parentCode();
            v.put("community_code", ctx.options.parentCode());
            v.put("parent_from", "option");
        } else if (v.get("community_code") != null) {
            v.put("parent_from", "field");
        } else {
            v.put("community_code", code.substring(0, 12));
            v.put("parent_from", "prefix");
        }
        return null;
    }

    @Override
    void resolve(ImportContext ctx) throws SQLException {
        resolveParent(ctx, "community_code", "community", "cell");
        ctx.update("UPDATE import_stage s SET old_id = g.id FROM grid_cell g WHERE g.code = s.code AND g.valid_to IS NULL");
    }

    @Override
    String groupKey(Map<String, String> v) { return v.get("community_code"); }

    @Override
    String groupsNotByKeySql() {
        return "SELECT count(*) FROM import_stage s JOIN admin_unit p ON p.id = s.ref_id WHERE p.code <> s.f->>'community_code'";
    }

    @Override
    String storedSiblingsSql(ImportContext ctx) {
        return "SELECT g.community_id, g.id, g.code, g.name, ST_AsBinary(g.geom) FROM grid_cell g"
                + " WHERE g.valid_to IS NULL AND g.community_id IN (SELECT DISTINCT group_id FROM import_stage) ORDER BY 1, g.code";
    }

    @Override List<String> carriedColumns() { return List.of("households", "population", "worker_id"); }

    @Override
    String carriedValues() {
        return "coalesce((s.f->>'households')::int, u.households, 0), coalesce((s.f->>'population')::int, u.population, 0), u.worker_id";
    }

    @Override
    void afterRedraw(ImportContext ctx, long event) throws SQLException {
        repoint(ctx, "cases", "cell_id", "", true);
    }
}
