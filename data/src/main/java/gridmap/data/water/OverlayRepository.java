package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an area (a basin, a buffer around a project, a drawn zone) holds of the administrative
 * map: the districts, communities and grid cells it meets, each with the share of the area's
 * surface it holds, and the people in it, weighted by how much of each grid cell lies inside.
 *
 * <p>Everything is measured on the cells, once: communities are unions of cells and districts
 * unions of communities, so their parts are sums of cell parts. The part of the area outside
 * every cell is reported too, so the shares of districts (or of communities, or of cells) and
 * the outside add up to 1. Areas are m² on the ellipsoid (PostGIS geography). Where published
 * district boundaries overlap (they do, by slivers: see the data README) their cells overlap too;
 * such a sliver counts in both districts and the shares are of the sum of the parts.
 */
public final class OverlayRepository {
    private OverlayRepository() {}

    /** One unit's part of the area: km², share of the area, people living in that part. */
    public record Share(long id, String code, String name, double areaKm2, double share, double population) {}

    public record Overlay(double areaKm2, double population, List<Share> districts, List<Share> communities, List<Share> cells,
                          double outsideAreaKm2, double outsideShare) {}

    /** Below this a cell only touches the area (a shared border): not a part of it. */
    private static final double TOUCH_M2 = 1.0;

    /**
     * The overlay of the geometry that {@code zone} selects (one row, one column) on the current
     * grid cells.
     */
    static Overlay overlay(Connection c, Stmt zone) throws SQLException {
        record Piece(long cell, String cellCode, String cellName, long community, String communityCode, String communityName,
                     long district, String districtCode, String districtName, double pieceM2, double people, double zoneM2) {}
        Stmt sql = new Stmt("WITH z AS MATERIALIZED (SELECT g AS geom, ST_Area(g::geography) AS m2 FROM (").add(zone.toString(), zone.args())
                .add(") s(g))\n" + """
                SELECT g.id, g.code, g.name, k.id, k.code, k.name, d.id, d.code, d.name,
                  coalesce(CASE WHEN ST_CoveredBy(g.geom, z.geom) THEN ST_Area(g.geom::geography)
                                ELSE ST_Area(ST_Intersection(g.geom, z.geom)::geography) END, 0) AS piece_m2,
                  g.population, ST_Area(g.geom::geography) AS cell_m2, z.m2
                FROM z LEFT JOIN grid_cell g ON g.valid_to IS NULL AND g.geom && z.geom AND ST_Intersects(g.geom, z.geom)
                LEFT JOIN admin_unit k ON k.id = g.community_id LEFT JOIN admin_unit s ON s.id = k.parent_id
                LEFT JOIN admin_unit d ON d.id = s.parent_id""");
        List<Piece> pieces = sql.list(c, rs -> {
            double piece = rs.getDouble(10), cell = rs.getDouble(12);
            return new Piece(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                    rs.getLong(7), rs.getString(8), rs.getString(9), piece, cell > 0 ? rs.getInt(11) * Math.min(1, piece / cell) : 0,
                    rs.getDouble(13));
        });
        double zoneM2 = pieces.isEmpty() ? 0 : pieces.get(0).zoneM2();
        List<Piece> parts = pieces.stream().filter(p -> p.cellCode() != null && p.pieceM2() > TOUCH_M2).toList();
        double covered = parts.stream().mapToDouble(Piece::pieceM2).sum();
        double outside = Math.max(0, zoneM2 - covered), whole = covered + outside;
        Map<Long, double[]> byCommunity = new LinkedHashMap<>(), byDistrict = new LinkedHashMap<>();
        Map<Long, String[]> names = new LinkedHashMap<>();
        List<Share> cells = new ArrayList<>();
        double people = 0;
        for (Piece p : parts) {
            cells.add(new Share(p.cell(), p.cellCode(), p.cellName(), p.pieceM2() / 1e6, p.pieceM2() / whole, p.people()));
            add(byCommunity, p.community(), p.pieceM2(), p.people());
            add(byDistrict, p.district(), p.pieceM2(), p.people());
            names.putIfAbsent(p.community(), new String[] {p.communityCode(), p.communityName()});
            names.putIfAbsent(p.district(), new String[] {p.districtCode(), p.districtName()});
            people += p.people();
        }
        return new Overlay(whole / 1e6, people, shares(byDistrict, names, whole), shares(byCommunity, names, whole),
                sorted(cells), outside / 1e6, whole > 0 ? outside / whole : 0);
    }

    private static void add(Map<Long, double[]> sums, long id, double m2, double people) {
        double[] s = sums.computeIfAbsent(id, k -> new double[2]);
        s[0] += m2;
        s[1] += people;
    }

    private static List<Share> shares(Map<Long, double[]> sums, Map<Long, String[]> names, double whole) {
        List<Share> out = new ArrayList<>();
        for (var e : sums.entrySet()) {
            String[] n = names.get(e.getKey());
            out.add(new Share(e.getKey(), n[0], n[1], e.getValue()[0] / 1e6, e.getValue()[0] / whole, e.getValue()[1]));
        }
        return sorted(out);
    }

    private static List<Share> sorted(List<Share> shares) {
        shares.sort(Comparator.comparingDouble(Share::share).reversed().thenComparing(Share::code));
        return shares;
    }

    /** Current projects meeting the zone, largest budget first. */
    static List<ProjectSummary> projects(Connection c, Stmt zone) throws SQLException {
        return new Stmt("WITH z AS MATERIALIZED (").add(zone.toString(), zone.args()).add(") SELECT " + ProjectSummary.COLUMNS
                + ProjectSummary.FROM + ", z WHERE p.retired_at IS NULL AND p.geom && z.geom AND ST_Intersects(p.geom, z.geom)"
                + " ORDER BY p.budget_wan_yuan DESC, p.code").list(c, ProjectSummary::of);
    }

    /** An open case in a water analysis: where and what, without the reporter's text. */
    public record OpenCase(long id, String code, String categoryCode, String categoryName, String status, String reportedAt,
                           double lon, double lat, Double distanceM) {
        OpenCase withDistance(double m) { return new OpenCase(id, code, categoryCode, categoryName, status, reportedAt, lon, lat, m); }
    }

    public record Cases(long open, long openWater, List<OpenCase> listed) {}

    /** Open cases inside the zone: counted, and listed as far as the view allows (newest first). */
    static Cases cases(Connection c, Stmt zone, CaseView view) throws SQLException {
        long[] counts = new Stmt("WITH z AS MATERIALIZED (").add(zone.toString(), zone.args()).add(") SELECT count(*), count(*) FILTER (WHERE "
                + CaseView.WATER + ") FROM cases t, z WHERE " + CaseView.OPEN + " AND t.geom && z.geom AND ST_Intersects(t.geom, z.geom)")
                .one(c, rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElseThrow();
        List<OpenCase> listed = List.of();
        if (view.lists()) {
            Stmt cond = view.condition();
            listed = new Stmt("WITH z AS MATERIALIZED (").add(zone.toString(), zone.args()).add(") SELECT " + CASE_COLUMNS
                    + " FROM cases t JOIN case_category k ON k.code = t.category_code, z WHERE " + CaseView.OPEN
                    + " AND t.geom && z.geom AND ST_Intersects(t.geom, z.geom) AND ").add(cond.toString(), cond.args())
                    .add(" ORDER BY t.reported_at DESC, t.id LIMIT 500").list(c, OverlayRepository::openCase);
        }
        return new Cases(counts[0], counts[1], listed);
    }

    static final String CASE_COLUMNS = "t.id, t.code, t.category_code, k.name, t.status, to_json(t.reported_at)#>>'{}', ST_X(t.geom), ST_Y(t.geom)";

    /** The case in the first columns ({@link #CASE_COLUMNS}), without a distance. */
    static OpenCase openCase(java.sql.ResultSet rs) throws SQLException {
        return new OpenCase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getDouble(7), rs.getDouble(8), null);
    }
}
