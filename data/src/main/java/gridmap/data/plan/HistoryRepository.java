package gridmap.data.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import javax.sql.DataSource;

import gridmap.data.map.Layer;

/**
 * The history of units: what a unit came from and became (lineage), the units of a level valid on
 * a day, and the code crosswalk between two days that statistics offices need after a reform.
 */
public final class HistoryRepository {
    private final DataSource ds;

    public HistoryRepository(DataSource ds) { this.ds = ds; }

    public record UnitRef(long id, String code, String name, String level, LocalDate validFrom, LocalDate validTo) {}

    public record Change(long id, String type, LocalDate effectiveDate, String legalRef, String description, Long planId) {}

    /** A neighbour in the lineage graph, with the shares of the predecessor's area and people that went across. */
    public record Link(UnitRef unit, double areaShare, double populationShare, Change change) {}

    public record Lineage(UnitRef unit, List<Link> predecessors, List<Link> successors) {}

    public Lineage lineage(long unitId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            UnitRef self;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, code, name, level, valid_from, valid_to FROM admin_unit WHERE id = ?")) {
                ps.setLong(1, unitId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new NoSuchElementException("no administrative unit with id " + unitId);
                    self = unit(rs, 1);
                }
            }
            return new Lineage(self, links(c, unitId, "successor_id", "predecessor_id"), links(c, unitId, "predecessor_id", "successor_id"));
        }
    }

    /** column names are this class's constants */
    private static List<Link> links(Connection c, long id, String self, String other) throws SQLException {
        List<Link> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.code, u.name, u.level, u.valid_from, u.valid_to, l.area_share, l.population_share,"
                + " e.id, e.change_type, e.effective_date, e.legal_ref, e.description, p.id"
                + " FROM unit_lineage l JOIN admin_unit u ON u.id = l." + other + " JOIN change_event e ON e.id = l.change_event_id"
                + " LEFT JOIN plan p ON p.change_event_id = e.id WHERE l." + self + " = ? ORDER BY e.effective_date, u.code")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Link(unit(rs, 1), rs.getDouble(7), rs.getDouble(8), new Change(rs.getLong(9), rs.getString(10),
                            rs.getObject(11, LocalDate.class), rs.getString(12), rs.getString(13), rs.getObject(14, Long.class))));
                }
            }
        }
        return out;
    }

    private static UnitRef unit(ResultSet rs, int i) throws SQLException {
        return new UnitRef(rs.getLong(i), rs.getString(i + 1), rs.getString(i + 2), rs.getString(i + 3),
                rs.getObject(i + 4, LocalDate.class), rs.getObject(i + 5, LocalDate.class));
    }

    /**
     * The units below a unit valid on a day (null: today's) as GeoJSON Feature texts: its
     * children, or with a level its descendants of that level (the communities of a district
     * with streets, say).
     */
    public List<String> children(long unitId, LocalDate asOf, UnitLevel level) throws SQLException {
        String valid = asOf == null ? "u.valid_to IS NULL" : "u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to > ?)";
        String sql = "WITH RECURSIVE below(id) AS (SELECT u.id FROM admin_unit u WHERE u.parent_id = ? AND " + valid
                + " UNION ALL SELECT u.id FROM admin_unit u JOIN below b ON u.parent_id = b.id WHERE " + valid + ")"
                + " SELECT " + Layer.DISTRICTS.featureExpression()
                + " FROM admin_unit t LEFT JOIN admin_unit p ON p.id = t.parent_id WHERE t.id IN (SELECT id FROM below) AND "
                + (level == null ? "t.parent_id = ?" : "t.level = ?") + " ORDER BY t.code";
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, unitId);
            if (asOf != null) { // both halves of the recursion test validity
                for (int k = 0; k < 4; k++) ps.setObject(i++, asOf);
            }
            if (level == null) ps.setLong(i, unitId); else ps.setString(i, level.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * One row of the crosswalk: an old unit (valid on the first day) and a new one (valid on the
     * second) with the share of the old unit's area and people now in the new one; to* are null
     * when nothing of the level covers the old unit any more (the level was removed).
     */
    public record Crossing(String fromCode, String fromName, String toCode, String toName, double areaShare, double populationShare) {}

    /**
     * Old code → new code for units of a level between two days, within the units whose code
     * starts with prefix (null: all). A unit valid on both days maps to itself (a changed unit
     * gets a new row, so it is unchanged) and takes nothing from the others, whose area and
     * people went to units not valid on the first day (either way in time). Their area
     * shares are the measured overlaps (geography), and population shares follow the grid cells
     * valid on the first day (each counted where its interior point lies), or the area when the
     * old unit had no people in cells. Each old unit's shares sum to 1. Overlaps are computed on the
     * coverage's 1e-8° grid (fixed-precision overlay), so units that only share a border do not
     * produce slivers, and overlaps under 1e-7 of the old unit's area are left out.
     */
    public List<Crossing> crosswalk(LocalDate from, LocalDate to, UnitLevel level, String prefix) throws SQLException {
        String sql = """
                WITH o AS (SELECT id, code, name, geom FROM admin_unit WHERE level = ? AND code LIKE ? ESCAPE '\\'
                             AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)),
                     n AS (SELECT id, code, name, geom, (valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)) AS was
                             FROM admin_unit WHERE level = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)),
                     moved AS (SELECT * FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE n.id = o.id)),
                     area AS (SELECT o.id AS oid, o.id AS nid, 1.0::float8 AS a FROM o JOIN n ON n.id = o.id
                              UNION ALL
                              SELECT m.id, n.id, ST_Area(ST_Intersection(m.geom, n.geom, 1e-8)::geography) / ST_Area(m.geom::geography)
                                FROM moved m JOIN n ON NOT n.was AND n.geom && m.geom AND ST_Intersects(m.geom, n.geom)),
                     pop AS (SELECT m.id AS oid, n.id AS nid, sum(g.population)::float8 AS p
                               FROM moved m
                               JOIN grid_cell g ON g.geom && m.geom AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)
                                AND ST_Covers(m.geom, ST_PointOnSurface(g.geom))
                               JOIN n ON NOT n.was AND n.geom && g.geom AND ST_Covers(n.geom, ST_PointOnSurface(g.geom))
                              GROUP BY m.id, n.id),
                     pairs AS (SELECT a.oid, a.nid, a.a, p.p FROM area a LEFT JOIN pop p ON p.oid = a.oid AND p.nid = a.nid WHERE a.a > 1e-7),
                     shares AS (SELECT oid, nid, a / sum(a) OVER w AS area_share,
                                       CASE WHEN coalesce(sum(p) OVER w, 0) > 0 THEN coalesce(p, 0) / sum(p) OVER w ELSE a / sum(a) OVER w END AS pop_share
                                  FROM pairs WINDOW w AS (PARTITION BY oid))
                SELECT o.code, o.name, n.code, n.name, s.area_share, s.pop_share
                  FROM o JOIN shares s ON s.oid = o.id JOIN n ON n.id = s.nid
                UNION ALL
                SELECT o.code, o.name, NULL, NULL, 0, 0 FROM o WHERE NOT EXISTS (SELECT 1 FROM pairs WHERE pairs.oid = o.id)
                ORDER BY 1, 3""";
        List<Crossing> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, level.code());
            ps.setString(i++, prefix == null ? "%" : gridmap.data.Like.prefix(prefix));
            ps.setObject(i++, from);
            ps.setObject(i++, from);
            ps.setObject(i++, from);
            ps.setObject(i++, from);
            ps.setString(i++, level.code());
            ps.setObject(i++, to);
            ps.setObject(i++, to);
            ps.setObject(i++, from);
            ps.setObject(i++, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Crossing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
                }
            }
        }
        return out;
    }

    /** The crosswalk as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the Chinese names). */
    public static void writeCsv(List<Crossing> rows, Writer out) {
        try {
            gridmap.data.Csv.bom(out);
            out.write("from_code,from_name,to_code,to_name,area_share,population_share\r\n");
            for (Crossing r : rows) {
                out.write(String.join(",", csv(r.fromCode()), csv(r.fromName()), csv(r.toCode()), csv(r.toName()),
                        String.format("%.6f", r.areaShare()), String.format("%.6f", r.populationShare())));
                out.write("\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String v) { return gridmap.data.Csv.field(v); }
}
