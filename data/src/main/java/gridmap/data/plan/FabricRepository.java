package gridmap.data.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import gridmap.geo.Polygons;

/**
 * Reads a plan's {@link Fabric}: the parent, its current descendants and their current cells, as
 * JTS geometries (WKB, so vertices arrive bit for bit as stored).
 */
public final class FabricRepository {
    private FabricRepository() {}

    private static final String UNIT_COLUMNS =
            "u.id, u.code, u.name, u.level, u.parent_id, ST_AsBinary(u.geom), u.population, u.households, u.valid_from, u.version";

    /** Throws NoSuchElementException when the parent is not a current unit. */
    public static Fabric load(Connection c, long parentId) throws SQLException {
        Fabric.UnitRow parent;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + UNIT_COLUMNS + " FROM admin_unit u WHERE u.id = ? AND u.valid_to IS NULL")) {
            ps.setLong(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new NoSuchElementException("no current administrative unit with id " + parentId);
                parent = unit(rs);
            }
        }
        List<Fabric.UnitRow> units = new ArrayList<>();
        // breadth first, so that parents come before their children
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE below(id, depth) AS (
                  SELECT id, 1 FROM admin_unit WHERE parent_id = ? AND valid_to IS NULL
                  UNION ALL
                  SELECT u.id, b.depth + 1 FROM admin_unit u JOIN below b ON u.parent_id = b.id WHERE u.valid_to IS NULL)
                """ + "SELECT " + UNIT_COLUMNS + " FROM admin_unit u JOIN below b ON b.id = u.id ORDER BY b.depth, u.code")) {
            ps.setLong(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) units.add(unit(rs));
            }
        }
        List<Fabric.CellRow> cells = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE below(id) AS (
                  SELECT id FROM admin_unit WHERE parent_id = ? AND valid_to IS NULL
                  UNION ALL
                  SELECT u.id FROM admin_unit u JOIN below b ON u.parent_id = b.id WHERE u.valid_to IS NULL)
                SELECT g.id, g.code, g.name, g.community_id, ST_AsBinary(g.geom), g.households, g.population, g.worker_id,
                       g.valid_from, g.version
                  FROM grid_cell g JOIN below b ON b.id = g.community_id WHERE g.valid_to IS NULL ORDER BY g.code""")) {
            ps.setLong(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cells.add(new Fabric.CellRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), geom(rs.getBytes(5)),
                            rs.getLong(6), rs.getLong(7), rs.getObject(8, Long.class), rs.getObject(9, java.time.LocalDate.class), rs.getInt(10)));
                }
            }
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        // a city's districts share only its first four digits (3407xx under 340700)
        String prefix = parent.level() == UnitLevel.CITY ? parent.code().substring(0, 4) : parent.code();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT code FROM admin_unit WHERE code LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) used.add(rs.getString(1));
            }
        }
        return new Fabric(parent, units, cells, used);
    }

    private static Fabric.UnitRow unit(ResultSet rs) throws SQLException {
        return new Fabric.UnitRow(rs.getLong(1), rs.getString(2), rs.getString(3), UnitLevel.of(rs.getString(4)), rs.getObject(5, Long.class),
                geom(rs.getBytes(6)), rs.getLong(7), rs.getLong(8), rs.getObject(9, java.time.LocalDate.class), rs.getInt(10));
    }

    static MultiPolygon geom(byte[] wkb) {
        try {
            return Polygons.toMultiPolygon(new WKBReader(Polygons.WGS84).read(wkb));
        } catch (ParseException e) {
            throw new IllegalStateException("the database returned WKB that does not parse", e);
        }
    }
}
