package gridmap.data.water;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.water.BasinRepository.BasinRef;

/**
 * Basins on the administrative map: for one basin, the districts, communities and grid cells it
 * covers with their shares and people, and the projects in or across it counted by type and
 * status; for every basin at once, the figures a choropleth needs.
 */
public final class BasinAnalysis {
    private final DataSource ds;
    private final BasinRepository basins;

    public BasinAnalysis(DataSource ds) {
        this.ds = ds;
        this.basins = new BasinRepository(ds);
    }

    /** Projects of one type or status: how many, with what budget and spending (万元). */
    public record Tally(String key, long count, BigDecimal budgetWanYuan, BigDecimal spentWanYuan) {}

    public record BasinOverlay(BasinRef basin, OverlayRepository.Overlay overlay, List<ProjectSummary> projects, List<Tally> byType,
                               List<Tally> byStatus, BigDecimal budgetWanYuan, BigDecimal spentWanYuan) {}

    public Optional<BasinOverlay> overlay(long basinId) throws SQLException {
        Optional<BasinRef> basin = basins.byId(basinId);
        if (basin.isEmpty()) return Optional.empty();
        try (Connection c = ds.getConnection()) {
            Stmt zone = new Stmt("SELECT geom FROM river_basin WHERE id = ?", basinId);
            List<ProjectSummary> projects = OverlayRepository.projects(c, zone);
            return Optional.of(new BasinOverlay(basin.get(), OverlayRepository.overlay(c, zone), projects,
                    tally(projects, ProjectSummary::projectType), tally(projects, ProjectSummary::status),
                    projects.stream().map(ProjectSummary::budgetWanYuan).reduce(BigDecimal.ZERO, BigDecimal::add),
                    projects.stream().map(ProjectSummary::spentWanYuan).reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
    }

    private static List<Tally> tally(List<ProjectSummary> projects, java.util.function.Function<ProjectSummary, String> key) {
        Map<String, Tally> out = new LinkedHashMap<>();
        for (ProjectSummary p : projects) {
            out.merge(key.apply(p), new Tally(key.apply(p), 1, p.budgetWanYuan(), p.spentWanYuan()),
                    (a, b) -> new Tally(a.key(), a.count() + 1, a.budgetWanYuan().add(b.budgetWanYuan()), a.spentWanYuan().add(b.spentWanYuan())));
        }
        List<Tally> list = new ArrayList<>(out.values());
        list.sort(java.util.Comparator.comparing(Tally::key));
        return list;
    }

    /** The figures of one basin for a map: area, people (area-weighted from cells), districts met, projects in or across it. */
    public record Stats(long id, String code, String name, int level, String pfafCode, double areaKm2, double population,
                        int districts, long projects, BigDecimal budgetWanYuan, BigDecimal spentWanYuan) {}

    /**
     * Every basin (of one level, or all), in one statement. People are counted once, on the
     * finest basins (those without children), and a basin's are the sum of its finest
     * descendants': the levels nest exactly (HydroBASINS builds them so; the demo's tests check
     * it), and overlaying only the finest level halves the work. A cell's people are split by the
     * share of the cell inside the basin, a ratio of two planar areas within one cell of about a
     * kilometre, where the lon/lat scale varies by less than 1e-4; basins' own areas are measured
     * on the ellipsoid.
     */
    public List<Stats> stats(Integer level) throws SQLException {
        try (Connection c = ds.getConnection()) {
            // the level filter only when there is one: a parameter that may be null would cost the
            // planner its estimates (and the statement ten times the time)
            Stmt sql = new Stmt("WITH RECURSIVE b AS MATERIALIZED (SELECT id, code, name, level, pfaf_code, geom FROM river_basin"
                    + (level == null ? ")," : " WHERE level = ?),"), level == null ? new Object[0] : new Object[] {level});
            return sql.add("""
                    tree AS (SELECT id AS root, id AS node FROM b
                             UNION ALL SELECT t.root, k.id FROM tree t JOIN river_basin k ON k.parent_id = t.node),
                    finest AS MATERIALIZED (SELECT root, node FROM tree t WHERE NOT EXISTS (SELECT 1 FROM river_basin k WHERE k.parent_id = t.node)),
                    leaf AS MATERIALIZED (SELECT l.id, l.geom FROM river_basin l WHERE l.id IN (SELECT node FROM finest)),
                    piece AS MATERIALIZED (
                      SELECT l.id AS leaf, s.parent_id AS district_id,
                        g.population * CASE WHEN ST_CoveredBy(g.geom, l.geom) THEN 1.0
                          ELSE ST_Area(ST_Intersection(g.geom, l.geom)) / ST_Area(g.geom) END AS people
                      FROM leaf l JOIN grid_cell g ON g.valid_to IS NULL AND g.geom && l.geom AND ST_Intersects(g.geom, l.geom)
                      JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id),
                    pop AS (SELECT f.root AS basin_id, sum(p.people) AS people, count(DISTINCT p.district_id) FILTER (WHERE p.people > 0) AS districts
                            FROM finest f JOIN piece p ON p.leaf = f.node GROUP BY f.root),
                    proj AS (SELECT b.id AS basin_id, count(*) AS n, sum(p.budget_wan_yuan) AS budget, sum(p.spent_wan_yuan) AS spent
                             FROM b JOIN water_project p ON p.retired_at IS NULL AND p.geom && b.geom AND ST_Intersects(p.geom, b.geom)
                             GROUP BY b.id)
                    SELECT b.id, b.code, b.name, b.level, b.pfaf_code, ST_Area(b.geom::geography) / 1e6, coalesce(pop.people, 0),
                      coalesce(pop.districts, 0), coalesce(proj.n, 0), coalesce(proj.budget, 0), coalesce(proj.spent, 0)
                    FROM b LEFT JOIN pop ON pop.basin_id = b.id LEFT JOIN proj ON proj.basin_id = b.id ORDER BY b.level, b.pfaf_code, b.id""")
                    .list(c, rs -> new Stats(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getDouble(6),
                            rs.getDouble(7), rs.getInt(8), rs.getLong(9), rs.getBigDecimal(10), rs.getBigDecimal(11)));
        }
    }
}
