package gridmap.data.map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/** Single administrative units and the name/code search that zooms the map to one. */
public final class UnitRepository {
    private final DataSource ds;

    public UnitRepository(DataSource ds) { this.ds = ds; }

    /**
     * One unit of any level (current or historical) as GeoJSON Feature text, with its number of
     * children valid on asOf (null: today's), and the number of lineage links it has each way. The
     * four unit layers share one table and one shape; DISTRICTS stands for them.
     */
    public Optional<String> featureById(long id, java.time.LocalDate asOf) throws SQLException {
        String valid = asOf == null ? "k.valid_to IS NULL" : "k.valid_from <= DATE '" + asOf + "' AND (k.valid_to IS NULL OR k.valid_to > DATE '" + asOf + "')";
        return one(Layer.DISTRICTS.featureByIdSql(
                "'children', (SELECT count(*) FROM admin_unit k WHERE k.parent_id = t.id AND " + valid + "),"
                + " 'predecessors', (SELECT count(*) FROM unit_lineage l WHERE l.successor_id = t.id),"
                + " 'successors', (SELECT count(*) FROM unit_lineage l WHERE l.predecessor_id = t.id)"), id);
    }

    /** One grid cell (current or historical) as GeoJSON Feature text. */
    /** A grid cell as a Feature; its grid worker named only when people is true. */
    public Optional<String> cellById(long id, boolean people) throws SQLException {
        return one(Layer.GRID_CELLS.featureByIdSql("", people), id);
    }

    private Optional<String> one(String sql, long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public record Hit(String kind, long id, String code, String name, String level, double[] bbox) {}

    /**
     * Units and cells valid on asOf (null: current ones) whose name contains q or whose code starts
     * with q; units first, larger first.
     */
    public List<Hit> search(String q, int limit, java.time.LocalDate asOf) throws SQLException {
        String like = gridmap.data.Like.contains(q);
        String prefix = gridmap.data.Like.prefix(q);
        String valid = asOf == null ? "valid_to IS NULL" : "valid_from <= DATE '" + asOf + "' AND (valid_to IS NULL OR valid_to > DATE '" + asOf + "')";
        String sql = """
                SELECT kind, id, code, name, level, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (
                  SELECT 'unit' AS kind, id, code, name, level, geom::box2d AS e,
                         CASE level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'street' THEN 2 ELSE 3 END AS rank
                    FROM admin_unit WHERE %1$s AND (name LIKE ? OR code LIKE ?)
                  UNION ALL
                  SELECT 'cell', id, code, name, 'grid_cell', geom::box2d, 4
                    FROM grid_cell WHERE %1$s AND (name LIKE ? OR code LIKE ?)
                ) s ORDER BY rank, code LIMIT ?""".formatted(valid);
        List<Hit> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            ps.setString(2, prefix);
            ps.setString(3, like);
            ps.setString(4, prefix);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Hit(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            new double[] {rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9)}));
                }
            }
        }
        return out;
    }

    /** Extent of the current city units, [minLon, minLat, maxLon, maxLat], or null when empty. */
    public double[] extent() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM admin_unit"
                        + " WHERE valid_to IS NULL AND level IN ('city', 'district')) s WHERE e IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)} : null;
        }
    }
}
