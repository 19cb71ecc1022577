package gridmap.data.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import gridmap.data.ConflictException;

/**
 * Whether the units a plan was saved against are still as they were: each unit of the basis
 * still current with the same version, and no new unit below the parent. Otherwise the plan is
 * stale (HTTP 409), with a message that says what changed.
 */
final class Basis {
    private Basis() {}

    /** How many changed units the message names before "and N more". */
    private static final int NAMED = 8;

    static void requireUnchanged(Connection c, long planId, Map<Long, Integer> basis, Fabric now) throws SQLException {
        Map<Long, Integer> current = PlanRepository.basis(now);
        List<String> changes = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        for (var e : basis.entrySet()) {
            Integer v = current.get(e.getKey());
            if (v == null) gone.add(e.getKey());
            else if (!v.equals(e.getValue())) changes.add(label(now, e.getKey()) + " was edited");
        }
        Map<Long, String> goneLabels = describeGone(c, gone);
        for (long id : gone) changes.add(goneLabels.get(id));
        for (long id : current.keySet()) if (!basis.containsKey(id)) changes.add(label(now, id) + " is new");
        if (changes.isEmpty()) return;
        String list = String.join("; ", changes.subList(0, Math.min(NAMED, changes.size())))
                + (changes.size() > NAMED ? "; and " + (changes.size() - NAMED) + " more" : "");
        throw new ConflictException("plan " + planId + " is stale: units changed since it was saved (" + list
                + "); save the plan again to re-check it against the units as they are now");
    }

    private static String label(Fabric f, long id) {
        if (f.parent().id() == id) return f.parent().code() + " " + f.parent().name();
        return f.units().stream().filter(u -> u.id() == id).map(u -> u.code() + " " + u.name()).findFirst().orElse("unit " + id);
    }

    /** "340705001001 王家社区 was closed on 2010-07-01 by change 3 (文号)" for units no longer current. */
    private static Map<Long, String> describeGone(Connection c, List<Long> ids) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT u.id, u.code, u.name, u.valid_to, e.id, e.legal_ref FROM admin_unit u
                  LEFT JOIN LATERAL (SELECT ce.id, ce.legal_ref FROM unit_lineage l JOIN change_event ce ON ce.id = l.change_event_id
                                      WHERE l.predecessor_id = u.id ORDER BY ce.id DESC LIMIT 1) e ON true
                 WHERE u.id = ANY(?)""")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String s = rs.getString(2) + " " + rs.getString(3) + " was closed on " + rs.getObject(4, java.time.LocalDate.class);
                    if (rs.getObject(5) != null) s += " by change " + rs.getLong(5) + (rs.getString(6) == null ? "" : " (" + rs.getString(6) + ")");
                    out.put(rs.getLong(1), s);
                }
            }
        }
        for (long id : ids) out.putIfAbsent(id, "unit " + id + " no longer exists");
        return out;
    }
}
