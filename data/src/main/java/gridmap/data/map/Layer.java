package gridmap.data.map;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The map layers and the SQL that turns each row into a GeoJSON Feature. Building the Feature
 * text in PostGIS (ST_AsGeoJSON plus json_build_object) means the server only streams bytes:
 * no geometry is parsed or re-serialised in Java on the hot path.
 *
 * <p>Each {@code from} binds the alias {@code t} with columns {@code id} and {@code geom}, and
 * says whether the table is versioned (an as-of date filters it).
 */
public enum Layer {
    CITY("city", "城市", "City", "MultiPolygon", unitFrom("city"), Sql.UNIT_PROPS, true),
    DISTRICTS("districts", "区县", "Districts", "MultiPolygon", unitFrom("district"), Sql.UNIT_PROPS, true),
    STREETS("streets", "街道/乡镇", "Streets & towns", "MultiPolygon", unitFrom("street"), Sql.UNIT_PROPS, true),
    COMMUNITIES("communities", "社区/村", "Communities", "MultiPolygon", unitFrom("community"), Sql.UNIT_PROPS, true),
    GRID_CELLS("grid-cells", "网格", "Grid cells", "MultiPolygon",
            "grid_cell t JOIN admin_unit c ON c.id = t.community_id LEFT JOIN app_user w ON w.id = t.worker_id",
            "'id', t.id, 'code', t.code, 'name', t.name, 'community_id', t.community_id, 'community_name', c.name,"
            + " 'households', t.households, 'population', t.population, 'version', t.version,"
            + " 'area_km2', round((ST_Area(t.geom::geography) / 1e6)::numeric, 3)", true,
            "'worker_id', t.worker_id, 'worker_name', w.display_name"),
    BASINS("basins", "流域", "River basins", "MultiPolygon",
            "river_basin t LEFT JOIN river_basin d ON d.id = t.next_down_id",
            "'id', t.id, 'code', t.code, 'pfaf_code', t.pfaf_code, 'name', t.name, 'level', t.level, 'parent_id', t.parent_id,"
            + " 'next_down_id', t.next_down_id, 'next_down_code', d.code, 'sub_area_km2', t.sub_area_km2, 'up_area_km2', t.up_area_km2,"
            + " 'area_km2', round((ST_Area(t.geom::geography) / 1e6)::numeric, 3)", false),
    RIVERS("rivers", "河流", "Rivers", "LineString",
            "river_reach t JOIN river r ON r.id = t.river_id LEFT JOIN river_basin b ON b.id = t.basin_id",
            "'id', t.id, 'code', t.code, 'name', t.name, 'river_code', r.code, 'river_name', r.name, 'river_name_en', r.name_en,"
            + " 'basin_id', t.basin_id, 'up_area_km2', b.up_area_km2, 'next_down_id', t.next_down_id,"
            + " 'length_km', round((t.length_m / 1000)::numeric, 2)", false),
    CHIEF_REACHES("chief-reaches", "河长制河段", "River-chief reaches", "MultiLineString",
            "chief_reach t JOIN river r ON r.id = t.river_id LEFT JOIN river_chief k ON k.id = t.chief_id",
            "'id', t.id, 'code', t.code, 'name', t.name, 'level', t.level, 'river_name', r.name, 'chief_id', t.chief_id,"
            + " 'chief_name', k.name, 'chief_position', k.position, 'version', t.version", false),
    WATER_PROJECTS("water-projects", "水利工程", "Water projects", "Geometry",
            "water_project t LEFT JOIN admin_unit d ON d.id = t.district_id LEFT JOIN river_basin b ON b.id = t.basin_id"
            + " LEFT JOIN river_chief k ON k.id = t.river_chief_id WHERE t.retired_at IS NULL",
            "'id', t.id, 'code', t.code, 'name', t.name, 'project_type', t.project_type, 'status', t.status,"
            + " 'budget_wan_yuan', t.budget_wan_yuan, 'spent_wan_yuan', t.spent_wan_yuan, 'responsible_unit', t.responsible_unit,"
            + " 'river_chief_id', t.river_chief_id, 'river_chief', k.name, 'district_id', t.district_id, 'district_name', d.name,"
            + " 'basin_id', t.basin_id, 'basin_name', b.name, 'start_date', t.start_date, 'end_date', t.end_date, 'version', t.version", false),
    CASES("cases", "案件", "Cases", "Point",
            "cases t JOIN case_category k ON k.code = t.category_code LEFT JOIN grid_cell g ON g.id = t.cell_id"
            + " LEFT JOIN admin_unit c ON c.id = t.community_id",
            "'id', t.id, 'code', t.code, 'category_code', t.category_code, 'category_name', k.name,"
            + " 'category_name_en', k.name_en, 'status', t.status, 'source', t.source, 'description', t.description,"
            + " 'address', t.address, 'reported_at', t.reported_at, 'due_at', t.due_at, 'closed_at', t.closed_at,"
            + " 'cell_code', g.code, 'community_name', c.name", false);

    /** Shared SQL fragments (a nested class, since enum constants cannot read the enum's own statics). */
    static final class Sql {
        private Sql() {}
        static final String UNIT_PROPS = "'id', t.id, 'code', t.code, 'name', t.name, 'level', t.level,"
            + " 'parent_id', t.parent_id, 'parent_name', p.name, 'population', t.population,"
            + " 'households', t.households, 'area_km2', round((ST_Area(t.geom::geography) / 1e6)::numeric, 3),"
            + " 'valid_from', t.valid_from, 'valid_to', t.valid_to";
    }

    private static String unitFrom(String level) {
        return "admin_unit t LEFT JOIN admin_unit p ON p.id = t.parent_id WHERE t.level = '" + level + "'";
    }

    public final String id;
    public final String titleZh;
    public final String titleEn;
    public final String geometryType;
    final String from;
    final String properties;
    final boolean versioned;
    /** Properties naming people (a cell's grid worker): only for readers who may see them. */
    final String personalProperties;

    Layer(String id, String titleZh, String titleEn, String geometryType, String from, String properties, boolean versioned) {
        this(id, titleZh, titleEn, geometryType, from, properties, versioned, "");
    }

    Layer(String id, String titleZh, String titleEn, String geometryType, String from, String properties, boolean versioned,
          String personalProperties) {
        this.id = id;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.geometryType = geometryType;
        this.from = from;
        this.properties = properties;
        this.versioned = versioned;
        this.personalProperties = personalProperties;
    }

    public static Optional<Layer> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** Whether reading this layer is limited by a {@link gridmap.data.cases.CaseScope}. */
    public boolean isScoped() { return this == CASES; }

    public static List<String> ids() { return Arrays.stream(values()).map(l -> l.id).toList(); }

    /** Significant digits of GeoJSON coordinates: 1e-7° is about 1 cm. */
    static final int DECIMALS = 7;

    /** The feature text of one row, without personal properties. */
    public String featureExpression() { return featureExpression("", false); }

    /**
     * The feature text of one row, with more properties (name/value pairs for json_build_object)
     * and, when people is true, the properties that name people.
     */
    String featureExpression(String extraProperties, boolean people) {
        String extra = extraProperties;
        if (people && !personalProperties.isEmpty()) extra = extra.isEmpty() ? personalProperties : extra + ", " + personalProperties;
        return "'{\"type\":\"Feature\",\"id\":' || t.id || ',\"geometry\":' || ST_AsGeoJSON(t.geom, " + DECIMALS
                + ") || ',\"properties\":' || json_build_object(" + properties
                + (extra.isEmpty() ? "" : ", " + extra) + ")::text || '}'";
    }

    /**
     * SQL for one row of this layer's table as Feature text, by {@code t.id = ?}, whatever its
     * validity or level (a caller may append {@code AND …}).
     */
    public String featureByIdSql(String extraProperties) { return featureByIdSql(extraProperties, false); }

    /** As {@link #featureByIdSql(String)}, with the properties naming people when people is true. */
    public String featureByIdSql(String extraProperties, boolean people) {
        String table = from.contains(" WHERE ") ? from.substring(0, from.indexOf(" WHERE ")) : from;
        return "SELECT " + featureExpression(extraProperties, people) + " FROM " + table + " WHERE t.id = ?";
    }

    /**
     * SQL for the Feature text of the rows of {@code source} (a CTE of rows just written, say),
     * read as if they were rows of this layer's table: the same joins, alias {@code t}.
     */
    public String featureSqlOver(String source) {
        String table = from.contains(" WHERE ") ? from.substring(0, from.indexOf(" WHERE ")) : from;
        int alias = table.indexOf(" t ");
        if (alias < 0) throw new IllegalStateException(id + " has no alias t");
        return "SELECT " + featureExpression() + " FROM " + source + " t" + table.substring(alias + 2);
    }

    String whereKeyword() { return from.contains(" WHERE ") ? " AND " : " WHERE "; }
}
