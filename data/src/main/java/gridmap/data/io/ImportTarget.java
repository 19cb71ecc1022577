package gridmap.data.io;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import gridmap.data.cases.CaseSource;
import gridmap.data.cases.CaseStatus;
import gridmap.data.water.ProjectStatus;
import gridmap.data.water.ProjectType;
import gridmap.geo.io.GeometryScreen;

/**
 * What an import fills, the fields it understands (with the well-known names a file may use
 * for them) and the geometry it can hold. Field names that are longer than a shapefile allows
 * are also recognised cut to 10 characters ({@link ShapefileNames}), so an export read back maps
 * itself.
 */
public enum ImportTarget {
    UNITS("units", GeometryScreen.Kind.POLYGONAL, true, List.of(
            TargetField.text("code", true, "adcode", "行政区划代码", "区划代码", "代码", "编码", "xzqdm", "xzqhdm", "gb"),
            TargetField.text("name", true, "名称", "名字", "行政区划名称", "xzqmc", "mc", "name_zh"),
            TargetField.text("level", false, "级别", "层级"),
            TargetField.text("parent_code", false, "parent_adcode", "上级代码", "sjdm"),
            TargetField.integer("population", "pop", "人口", "rk"),
            TargetField.integer("households", "hh", "户数", "hs"))),
    CELLS("cells", GeometryScreen.Kind.POLYGONAL, true, List.of(
            TargetField.text("code", true, "网格编码", "网格代码", "wgbm", "grid_code", "cell_code"),
            TargetField.text("name", false, "名称", "网格名称", "wgmc"),
            TargetField.text("community_code", false, "社区代码", "社区编码", "sqdm"),
            TargetField.integer("households", "hh", "户数", "hs"),
            TargetField.integer("population", "pop", "人口", "rk"))),
    BASINS("basins", GeometryScreen.Kind.POLYGONAL, false, List.of(
            TargetField.text("code", true, "hybas_id", "basin_code", "流域编码", "流域代码"),
            TargetField.text("pfaf_code", true, "pfaf_id", "pfaf", "pfafstetter"),
            TargetField.text("name", false, "名称", "流域名称"),
            TargetField.text("next_down", false, "next_down_code", "nextdown", "下游流域"),
            TargetField.number("sub_area", "sub_area_km2", "area_km2"),
            TargetField.number("up_area", "up_area_km2"),
            TargetField.text("main_basin", false, "main_bas", "main_basin_code"),
            TargetField.number("dist_main", "dist_main_km"),
            TargetField.integer("endo"))),
    RIVERS("rivers", GeometryScreen.Kind.LINE, false, List.of(
            TargetField.text("code", true, "hyriv_id", "reach_code", "河段编码", "河段代码"),
            TargetField.text("name", false, "名称", "河段名称"),
            TargetField.text("river_code", true, "main_riv", "河流编码", "河流代码"),
            TargetField.text("river_name", false, "河流名称", "河名"),
            TargetField.text("next_down", false, "next_down_code", "下游河段"),
            TargetField.text("basin_code", false, "流域编码"))),
    PROJECTS("projects", GeometryScreen.Kind.ANY, false, List.of(
            TargetField.text("code", true, "工程编码", "项目编码", "project_code"),
            TargetField.text("name", true, "名称", "工程名称", "项目名称"),
            TargetField.oneOf("project_type", true, Arrays.stream(ProjectType.values()).map(ProjectType::code).toList(), "type", "类型", "工程类型"),
            TargetField.oneOf("status", true, Arrays.stream(ProjectStatus.values()).map(ProjectStatus::code).toList(), "状态"),
            TargetField.number("budget_wan_yuan", "budget", "预算", "投资", "投资万元"),
            TargetField.number("spent_wan_yuan", "spent", "已完成投资", "支出"),
            TargetField.text("responsible_unit", true, "责任单位", "owner", "建设单位"),
            TargetField.text("river_chief", false, "河长"), // a chief on record, by name
            TargetField.text("district_code", false, "区县代码"),
            TargetField.text("basin_code", false, "流域编码"),
            TargetField.date("start_date", "start_year", "year", "开工日期", "开工年份"),
            TargetField.date("end_date", "完工日期", "竣工日期"))),
    CASES("cases", GeometryScreen.Kind.POINT, false, List.of(
            TargetField.text("code", true, "案件编号", "case_code"),
            TargetField.text("category_code", true, "category", "类别代码", "类别"),
            // a merged case needs the case it was merged into: not something a file can bring
            TargetField.oneOf("status", true, Arrays.stream(CaseStatus.values()).filter(s -> s != CaseStatus.MERGED).map(s -> s.db).toList(), "状态"),
            TargetField.oneOf("source", false, CaseSource.codes(), "来源"),
            TargetField.text("description", false, "描述", "问题描述"),
            TargetField.text("address", false, "地址"),
            TargetField.timestamp("reported_at", true, "上报时间", "reported"),
            TargetField.timestamp("due_at", false, "截止时间"),
            TargetField.timestamp("closed_at", false, "结案时间"),
            TargetField.timestamp("updated_at", false, "更新时间")));

    public final String id;
    public final GeometryScreen.Kind geometryKind;
    /** Whether siblings are cleaned into a coverage as they enter (polygon layers that tile a parent). */
    public final boolean cleaned;
    /** Whether a changed feature gets a new version (units, cells) rather than an update in place. */
    public final boolean versioned;
    public final List<TargetField> fields;

    ImportTarget(String id, GeometryScreen.Kind kind, boolean versioned, List<TargetField> fields) {
        this.id = id;
        this.geometryKind = kind;
        this.cleaned = kind == GeometryScreen.Kind.POLYGONAL;
        this.versioned = versioned;
        this.fields = fields;
    }

    public static Optional<ImportTarget> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static List<String> ids() { return Arrays.stream(values()).map(t -> t.id).toList(); }

    public Optional<TargetField> field(String name) {
        for (TargetField f : fields) if (f.name().equals(name)) return Optional.of(f); // once per field of each feature read
        return Optional.empty();
    }
}
