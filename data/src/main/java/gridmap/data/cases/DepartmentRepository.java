package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import gridmap.data.ConflictException;
import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/** Departments that cases are dispatched to: a list for dispatchers, edited by admins. */
public final class DepartmentRepository {
    private final DataSource ds;

    public DepartmentRepository(DataSource ds) { this.ds = ds; }

    public String json() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'name_en', name_en,
                  'active', active, 'version', version) ORDER BY code), '[]')::text FROM department""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Creates a department (id null) or changes one at its version; returns its id. */
    public long save(Actor actor, Long id, String code, String name, String nameEn, boolean active, Integer version) throws SQLException {
        return Tx.run(ds, c -> {
            if (id == null) {
                if (CategoryRepository.exists(c, "SELECT 1 FROM department WHERE code = ?", code)) {
                    throw new ConflictException("a department with code " + code + " exists already");
                }
                long newId;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO department (code, name, name_en, active) VALUES (?, ?, ?, ?) RETURNING id")) {
                    ps.setString(1, code);
                    ps.setString(2, name);
                    ps.setString(3, nameEn);
                    ps.setBoolean(4, active);
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); newId = rs.getLong(1); }
                }
                AuditLog.write(c, actor, "department.create", "department", newId, null, AuditLog.snapshot(c, "department", "id", newId));
                return newId;
            }
            String before = AuditLog.snapshot(c, "department", "id", id);
            if (before == null) throw new java.util.NoSuchElementException("no department with id " + id);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE department SET code = ?, name = ?, name_en = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?")) {
                ps.setString(1, code);
                ps.setString(2, name);
                ps.setString(3, nameEn);
                ps.setBoolean(4, active);
                ps.setLong(5, id);
                ps.setInt(6, version == null ? -1 : version);
                if (ps.executeUpdate() == 0) throw new ConflictException("department " + id + " was changed by someone else; reload it and try again");
            }
            AuditLog.write(c, actor, "department.update", "department", id, before, AuditLog.snapshot(c, "department", "id", id));
            return id;
        });
    }
}
