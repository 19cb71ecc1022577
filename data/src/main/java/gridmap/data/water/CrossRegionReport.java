package gridmap.data.water;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.Csv;

/**
 * The cross-region coordination report (流域和区域协作): every basin that spans more than one
 * district, with each district's share of its area and people, the projects there and their
 * money, the units responsible for them and the river chiefs answerable in that district.
 *
 * <p>A district counts when it holds at least {@code minShare} of the basin's area, so a border
 * that grazes a basin by a few hundred square metres does not make it a coordination case. A
 * project counts in the district that holds most of it (its district), so budgets add up.
 */
public final class CrossRegionReport {
    private final DataSource ds;

    public CrossRegionReport(DataSource ds) { this.ds = ds; }

    public record Part(long districtId, String districtCode, String districtName, double areaKm2, double areaShare, double population,
                       double populationShare, long projects, BigDecimal budgetWanYuan, BigDecimal spentWanYuan,
                       List<String> responsibleUnits, List<String> riverChiefs) {}

    public record Row(long basinId, String code, String name, int level, String pfafCode, double areaKm2, double population,
                      List<Part> districts, List<String> cityRiverChiefs) {}

    public List<Row> rows(Integer level, double minShare) throws SQLException {
        try (Connection c = ds.getConnection()) {
            // the level filter only when there is one (a parameter that may be null spoils the planner's estimates)
            String basins = "b AS MATERIALIZED (SELECT id, code, name, level, pfaf_code, geom FROM river_basin"
                    + (level == null ? ")" : " WHERE level = " + level + ")");
            record Head(long id, String code, String name, int level, String pfaf, double km2) {}
            Map<Long, Head> heads = new LinkedHashMap<>();
            for (Head h : new Stmt("WITH " + basins + " SELECT id, code, name, level, pfaf_code, ST_Area(geom::geography) / 1e6 FROM b"
                    + " ORDER BY level, pfaf_code, id")
                    .list(c, rs -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getDouble(6)))) {
                heads.put(h.id(), h);
            }
            record Piece(long basin, long district, String code, String name, double km2, double people) {}
            List<Piece> pieces = new Stmt("WITH " + basins + """
                    , piece AS (
                      SELECT b.id AS basin_id, s.parent_id AS district_id, g.population, ST_Area(g.geom::geography) AS cell_m2,
                        CASE WHEN ST_CoveredBy(g.geom, b.geom) THEN ST_Area(g.geom::geography)
                             ELSE ST_Area(ST_Intersection(g.geom, b.geom)::geography) END AS m2
                      FROM b JOIN grid_cell g ON g.valid_to IS NULL AND g.geom && b.geom AND ST_Intersects(g.geom, b.geom)
                      JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id)
                    SELECT p.basin_id, d.id, d.code, d.name, sum(p.m2) / 1e6, sum(p.population * p.m2 / p.cell_m2)
                    FROM piece p JOIN admin_unit d ON d.id = p.district_id GROUP BY p.basin_id, d.id, d.code, d.name
                    ORDER BY p.basin_id, 5 DESC""")
                    .list(c, rs -> new Piece(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
            record Money(long projects, BigDecimal budget, BigDecimal spent, List<String> units) {}
            Map<String, Money> money = new HashMap<>();
            for (Object[] r : new Stmt("WITH " + basins + """
                    SELECT b.id, p.district_id, count(*), sum(p.budget_wan_yuan), sum(p.spent_wan_yuan),
                      array_to_string(array_agg(DISTINCT p.responsible_unit ORDER BY p.responsible_unit), '|')
                    FROM b JOIN water_project p ON p.retired_at IS NULL AND p.district_id IS NOT NULL AND p.geom && b.geom
                      AND ST_Intersects(p.geom, b.geom) GROUP BY b.id, p.district_id""")
                    .list(c, rs -> new Object[] {rs.getLong(1) + "/" + rs.getLong(2),
                            new Money(rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5), List.of(rs.getString(6).split("\\|")))})) {
                money.put((String) r[0], (Money) r[1]);
            }
            Map<String, List<String>> chiefs = new HashMap<>();
            for (String[] r : new Stmt("WITH " + basins + """
                    SELECT b.id || '/' || coalesce(CASE u.level WHEN 'district' THEN u.id WHEN 'street' THEN u.parent_id
                        WHEN 'community' THEN (SELECT s.parent_id FROM admin_unit s WHERE s.id = u.parent_id) END, 0),
                      array_to_string(array_agg(DISTINCT k.name || '（' || k.position || '）'), '|')
                    FROM b JOIN chief_reach r ON r.geom && b.geom AND ST_Intersects(r.geom, b.geom)
                    JOIN river_chief k ON k.id = r.chief_id LEFT JOIN admin_unit u ON u.id = r.admin_unit_id
                    GROUP BY 1""").list(c, rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                chiefs.put(r[0], List.of(r[1].split("\\|")));
            }

            Map<Long, List<Piece>> byBasin = new LinkedHashMap<>();
            for (Piece p : pieces) byBasin.computeIfAbsent(p.basin(), k -> new ArrayList<>()).add(p);
            List<Row> out = new ArrayList<>();
            for (Head h : heads.values()) {
                List<Piece> ps = byBasin.getOrDefault(h.id(), List.of());
                double people = ps.stream().mapToDouble(Piece::people).sum();
                List<Part> parts = new ArrayList<>();
                for (Piece p : ps) {
                    double share = h.km2() > 0 ? p.km2() / h.km2() : 0;
                    if (share < minShare) continue;
                    Money m = money.getOrDefault(h.id() + "/" + p.district(), new Money(0, BigDecimal.ZERO, BigDecimal.ZERO, List.of()));
                    parts.add(new Part(p.district(), p.code(), p.name(), p.km2(), share, p.people(), people > 0 ? p.people() / people : 0,
                            m.projects(), m.budget(), m.spent(), m.units(), chiefs.getOrDefault(h.id() + "/" + p.district(), List.of())));
                }
                if (parts.size() < 2) continue;
                out.add(new Row(h.id(), h.code(), h.name(), h.level(), h.pfaf(), h.km2(), people, parts,
                        chiefs.getOrDefault(h.id() + "/0", List.of())));
            }
            return out;
        }
    }

    /** The report as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read the Chinese): one line per basin and district. */
    public static void writeCsv(List<Row> rows, Writer out) throws IOException {
        out.write('\uFEFF');
        out.write("basin_code,basin_name,level,pfaf_code,basin_area_km2,basin_population,district_code,district_name,area_km2,"
                + "area_share,population,population_share,projects,budget_wan_yuan,spent_wan_yuan,responsible_units,river_chiefs,city_river_chiefs\r\n");
        for (Row r : rows) {
            for (Part p : r.districts()) {
                String[] f = {r.code(), r.name(), String.valueOf(r.level()), r.pfafCode(), num(r.areaKm2(), 3), num(r.population(), 0),
                        p.districtCode(), p.districtName(), num(p.areaKm2(), 3), num(p.areaShare(), 4), num(p.population(), 0),
                        num(p.populationShare(), 4), String.valueOf(p.projects()), p.budgetWanYuan().toPlainString(),
                        p.spentWanYuan().toPlainString(), String.join("；", p.responsibleUnits()), String.join("；", p.riverChiefs()),
                        String.join("；", r.cityRiverChiefs())};
                for (int i = 0; i < f.length; i++) {
                    if (i > 0) out.write(',');
                    out.write(Csv.field(f[i]));
                }
                out.write("\r\n");
            }
        }
    }

    private static String num(double v, int decimals) { return String.format(Locale.ROOT, "%." + decimals + "f", v); }
}
