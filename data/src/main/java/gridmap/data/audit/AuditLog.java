package gridmap.data.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The audit trail: one row per write, inserted on the writer's own connection inside its
 * transaction, so a write and its audit row commit or roll back together. Rows are never
 * changed (a trigger refuses UPDATE, DELETE and TRUNCATE).
 */
public final class AuditLog {
    /** Columns never copied into before/after snapshots. */
    private static final String HIDDEN = "- 'password_hash' - 'secret_sha256' - 'geom'";

    private final DataSource ds;

    public AuditLog(DataSource ds) { this.ds = ds; }

    public static void write(Connection c, Actor actor, String action, String entity, Object entityId,
                             String beforeJson, String afterJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after, request_id)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")) {
            if (actor.userId() == null) ps.setNull(1, Types.BIGINT); else ps.setLong(1, actor.userId());
            ps.setString(2, actor.name());
            ps.setString(3, action);
            ps.setString(4, entity);
            ps.setString(5, entityId == null ? null : entityId.toString());
            ps.setString(6, beforeJson);
            ps.setString(7, afterJson);
            ps.setString(8, actor.requestId());
            ps.executeUpdate();
        }
    }

    /**
     * The row as JSON (secrets and geometry left out), or null when absent. table is one of this
     * code's own constants, never user input.
     */
    public static String snapshot(Connection c, String table, String keyColumn, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT (to_jsonb(t) " + HIDDEN + ")::text FROM " + table + " t WHERE " + keyColumn + " = ?")) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Filters for browsing; null fields do not filter. Dates are whole days in UTC+8, inclusive. */
    public record Filter(String actor, String action, String entity, LocalDate from, LocalDate to, int limit, int offset) {}

    public record Page(long total, List<Map<String, Object>> items) {}

    private static String where(Filter f, List<Object> args) {
        StringBuilder w = new StringBuilder(" WHERE true");
        if (f.actor() != null) { w.append(" AND actor_name = ?"); args.add(f.actor()); }
        if (f.action() != null) { w.append(" AND action LIKE ? ESCAPE '\\'"); args.add(gridmap.data.Like.prefix(f.action())); }
        if (f.entity() != null) { w.append(" AND entity = ?"); args.add(f.entity()); }
        if (f.from() != null) { w.append(" AND at >= ?"); args.add(f.from().atStartOfDay().atOffset(ZoneOffset.ofHours(8))); }
        if (f.to() != null) { w.append(" AND at < ?"); args.add(f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.ofHours(8))); }
        return w.toString();
    }

    public Page find(Filter f) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor_id, actor_name, action, entity, entity_id,"
                    + " before::text, after::text, request_id FROM audit_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                List<Object> all = new ArrayList<>(args);
                all.add(f.limit());
                all.add(f.offset());
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", rs.getLong(1));
                        m.put("at", rs.getObject(2, java.time.OffsetDateTime.class).toString());
                        m.put("actor_id", rs.getObject(3));
                        m.put("actor_name", rs.getString(4));
                        m.put("action", rs.getString(5));
                        m.put("entity", rs.getString(6));
                        m.put("entity_id", rs.getString(7));
                        m.put("before", new RawJson(rs.getString(8)));
                        m.put("after", new RawJson(rs.getString(9)));
                        m.put("request_id", rs.getString(10));
                        items.add(m);
                    }
                }
            }
            return new Page(total, items);
        }
    }

    /** JSON text from the database, written as is by the server's JSON mapper. */
    public record RawJson(String json) {}

    /** Writes every matching row as CSV (RFC 4180), newest first. */
    public void writeCsv(Filter f, Writer out) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor_name, action, entity, entity_id,"
                    + " before::text, after::text, request_id FROM audit_log" + where + " ORDER BY id DESC")) {
                ps.setFetchSize(1000);
                bind(ps, args);
                out.write("id,at,actor,action,entity,entity_id,before,after,request_id\r\n");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 1; i <= 9; i++) {
                            if (i > 1) out.write(',');
                            out.write(gridmap.data.Csv.field(i == 2 ? rs.getObject(2, java.time.OffsetDateTime.class).toString() : rs.getString(i)));
                        }
                        out.write("\r\n");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                c.rollback();
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
    }
}
