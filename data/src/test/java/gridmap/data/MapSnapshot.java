package gridmap.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Puts the map back as it was after a test committed boundary plans, without reloading the demo:
 * rows the commits added (units, cells, lineage, change events, plans) are deleted, the rows they
 * closed are current again with their old versions, cases and dispatchers point where they did.
 * Identities are not reset, so ids are never reused and the audit trail (which stays, being
 * append-only) never names two things with one id.
 */
public final class MapSnapshot {
    private final DataSource ds;
    private final Map<String, Long> maxIds = new HashMap<>();
    private final Map<Long, Integer> units = new HashMap<>(), cells = new HashMap<>();
    private final Map<Long, Object[]> cases = new HashMap<>();
    private final Map<Long, Long> districts = new HashMap<>();

    private static final List<String> TABLES = List.of("admin_unit", "grid_cell", "change_event", "unit_lineage", "plan", "plan_comment");

    private MapSnapshot(DataSource ds) { this.ds = ds; }

    public static MapSnapshot take(DataSource ds) throws SQLException {
        MapSnapshot s = new MapSnapshot(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM " + t)) {
                    rs.next();
                    s.maxIds.put(t, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, version FROM admin_unit WHERE valid_to IS NULL")) {
                while (rs.next()) s.units.put(rs.getLong(1), rs.getInt(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT id, version FROM grid_cell WHERE valid_to IS NULL")) {
                while (rs.next()) s.cells.put(rs.getLong(1), rs.getInt(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT id, cell_id, community_id, district_id, version, updated_at FROM cases")) {
                while (rs.next()) {
                    s.cases.put(rs.getLong(1), new Object[] {rs.getObject(2), rs.getObject(3), rs.getObject(4), rs.getInt(5),
                            rs.getObject(6, OffsetDateTime.class)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, district_id FROM app_user")) {
                while (rs.next()) s.districts.put(rs.getLong(1), rs.getObject(2, Long.class));
            }
        }
        return s;
    }

    public void restore() throws SQLException {
        Tx.run(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, cell_id, community_id, district_id, version FROM cases")) {
                List<Long> changed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] was = cases.get(rs.getLong(1));
                        if (was != null && (!java.util.Objects.equals(was[0], rs.getObject(2)) || !java.util.Objects.equals(was[1], rs.getObject(3))
                                || !java.util.Objects.equals(was[2], rs.getObject(4)) || !was[3].equals(rs.getInt(5)))) {
                            changed.add(rs.getLong(1));
                        }
                    }
                }
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE cases SET cell_id = ?, community_id = ?, district_id = ?, version = ?, updated_at = ? WHERE id = ?")) {
                    for (long id : changed) {
                        Object[] was = cases.get(id);
                        for (int i = 0; i < 5; i++) up.setObject(i + 1, was[i]);
                        up.setLong(6, id);
                        up.addBatch();
                    }
                    up.executeBatch();
                }
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE app_user SET district_id = ? WHERE id = ? AND district_id IS DISTINCT FROM ?")) {
                for (var e : districts.entrySet()) {
                    up.setObject(1, e.getValue());
                    up.setLong(2, e.getKey());
                    up.setObject(3, e.getValue());
                    up.addBatch();
                }
                up.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM plan_comment WHERE id > " + maxIds.get("plan_comment")
                        + " OR plan_id IN (SELECT id FROM plan WHERE id > " + maxIds.get("plan") + " OR change_event_id > " + maxIds.get("change_event") + ")");
                st.execute("DELETE FROM plan WHERE id > " + maxIds.get("plan") + " OR change_event_id > " + maxIds.get("change_event"));
                st.execute("DELETE FROM unit_lineage WHERE id > " + maxIds.get("unit_lineage") + " OR change_event_id > " + maxIds.get("change_event"));
                st.execute("DELETE FROM change_event WHERE id > " + maxIds.get("change_event"));
                st.execute("DELETE FROM grid_cell WHERE id > " + maxIds.get("grid_cell"));
                st.execute("DELETE FROM admin_unit WHERE id > " + maxIds.get("admin_unit"));
            }
            reopen(c, "admin_unit", units);
            reopen(c, "grid_cell", cells);
            return null;
        });
    }

    /** table is one of this class's constants */
    private static void reopen(Connection c, String table, Map<Long, Integer> current) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE " + table + " SET valid_to = NULL, version = ? WHERE id = ? AND (valid_to IS NOT NULL OR version <> ?)")) {
            for (var e : current.entrySet()) {
                up.setInt(1, e.getValue());
                up.setLong(2, e.getKey());
                up.setInt(3, e.getValue());
                up.addBatch();
            }
            up.executeBatch();
        }
    }
}
