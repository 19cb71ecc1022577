package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.ConflictException;
import gridmap.data.Tx;
import gridmap.data.UnprocessableException;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/** Case categories and their per-step deadlines: reference data an admin edits. */
public final class CategoryRepository {
    private final DataSource ds;

    public CategoryRepository(DataSource ds) { this.ds = ds; }

    public Map<String, Category> all() throws SQLException {
        Map<String, Category> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT k.code, k.kind, k.major_name, k.name, k.name_en, k.active, k.department_id, d.step, d.amount, d.unit
                FROM case_category k LEFT JOIN case_category_deadline d ON d.category_code = k.code ORDER BY k.code""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(1);
                Category k = out.computeIfAbsent(code, x -> {
                    try {
                        return new Category(x, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                                (Long) rs.getObject(7), new EnumMap<>(CaseStatus.Step.class));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (rs.getString(8) != null) {
                    k.deadlines().put(CaseStatus.Step.byDb(rs.getString(8)).orElseThrow(),
                            new Deadline(rs.getInt(9), Deadline.Unit.byDb(rs.getString(10)).orElseThrow()));
                }
            }
        }
        return out;
    }

    /** The categories as a JSON array for forms and the admin screen, with deadlines per step. */
    public String json(boolean activeOnly) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(json_agg(json_build_object('code', k.code, 'kind', k.kind, 'major_code', left(k.code, 2),
                  'major_name', k.major_name, 'name', k.name, 'name_en', k.name_en, 'active', k.active,
                  'department_id', k.department_id, 'version', k.version,
                  'deadlines', (SELECT json_object_agg(d.step, json_build_object('amount', d.amount, 'unit', d.unit))
                                FROM case_category_deadline d WHERE d.category_code = k.code)) ORDER BY k.code), '[]')::text
                FROM case_category k WHERE k.active OR NOT ?""")) {
            ps.setBoolean(1, activeOnly);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    public record Edit(String kind, String majorName, String name, String nameEn, boolean active, Long departmentId,
                       Map<CaseStatus.Step, Deadline> deadlines, Integer version) {}

    /**
     * Creates a category (version null) or changes one (version must match), with all four
     * deadlines, and its audit row. Returns the new version.
     */
    public int save(Actor actor, String code, Edit e) throws SQLException {
        if (e.deadlines().size() != CaseStatus.Step.values().length) {
            throw new UnprocessableException("a category needs a deadline for each step: register, dispatch, handle, verify");
        }
        return Tx.run(ds, c -> {
            String before = AuditLog.snapshot(c, "case_category", "code", code);
            if (e.departmentId() != null && !exists(c, "SELECT 1 FROM department WHERE id = ?", e.departmentId())) {
                throw new UnprocessableException("no department with id " + e.departmentId());
            }
            int version;
            if (e.version() == null) {
                if (before != null) throw new ConflictException("category " + code + " exists already; send its version to change it");
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO case_category (code, kind, major_name, name, name_en, active, department_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                    bind(ps, code, e);
                    ps.executeUpdate();
                }
                version = 0;
            } else {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE case_category SET code = ?, kind = ?, major_name = ?, name = ?, name_en = ?, active = ?,
                          department_id = ?, version = version + 1 WHERE code = ? AND version = ? RETURNING version""")) {
                    bind(ps, code, e);
                    ps.setString(8, code);
                    ps.setInt(9, e.version());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            if (before == null) throw new java.util.NoSuchElementException("no category " + code);
                            throw new ConflictException("category " + code + " was changed by someone else; reload it and try again");
                        }
                        version = rs.getInt(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM case_category_deadline WHERE category_code = ?")) {
                    ps.setString(1, code);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO case_category_deadline (category_code, step, amount, unit) VALUES (?, ?, ?, ?)")) {
                for (var d : e.deadlines().entrySet()) {
                    ps.setString(1, code);
                    ps.setString(2, d.getKey().db);
                    ps.setInt(3, d.getValue().amount());
                    ps.setString(4, d.getValue().unit().db);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            String after;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT (to_jsonb(k) || jsonb_build_object('deadlines', (SELECT jsonb_object_agg(step, amount || ' ' || unit)
                      FROM case_category_deadline WHERE category_code = k.code)))::text FROM case_category k WHERE code = ?""")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); after = rs.getString(1); }
            }
            AuditLog.write(c, actor, before == null ? "category.create" : "category.update", "case_category", code, before, after);
            return version;
        });
    }

    private static void bind(PreparedStatement ps, String code, Edit e) throws SQLException {
        ps.setString(1, code);
        ps.setString(2, e.kind());
        ps.setString(3, e.majorName());
        ps.setString(4, e.name());
        ps.setString(5, e.nameEn());
        ps.setBoolean(6, e.active());
        if (e.departmentId() == null) ps.setNull(7, Types.BIGINT); else ps.setLong(7, e.departmentId());
    }

    static boolean exists(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }
}
