package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.Tx;

import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;
import gridmap.data.map.Layer;

/** Cases: read one within a scope, locate a point in the cell hierarchy, report a new one. */
public final class CaseRepository {
    private final DataSource ds;

    public CaseRepository(DataSource ds) { this.ds = ds; }

    /** Case categories as a JSON array, for report forms. */
    public String categoriesJson() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(json_agg(k ORDER BY code), '[]')::text FROM case_category k"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    public boolean categoryExists(String code) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM case_category WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }

    /** Whether a case exists at all (to tell 404 from 403). */
    public boolean exists(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cases WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }

    /** The case as a GeoJSON Feature, if it exists and lies in scope. */
    public Optional<String> featureById(long id, CaseScope scope) throws SQLException {
        String sql = Layer.CASES.featureByIdSql("") + " AND " + scope.sql();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            if (scope.parameter() != null) ps.setLong(2, scope.parameter());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Where a point falls: its current grid cell and that cell's community, district and worker. */
    public record Location(long cellId, String cellCode, long communityId, long districtId, Long workerId) {}

    private static Optional<Location> locate(Connection c, double lon, double lat) throws SQLException {
        // FOR KEY SHARE on the cell: it cannot be replaced (redistricting) while a case is put in it
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.code, g.community_id, s.parent_id, g.worker_id
                FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id
                WHERE g.valid_to IS NULL AND ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
                ORDER BY g.id LIMIT 1 FOR KEY SHARE OF g""")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Location(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), (Long) rs.getObject(5)));
            }
        }
    }

    public record NewCase(String categoryCode, String description, String address, String source, double lon, double lat) {}

    /** What became of a report: created (as a Feature), outside every cell, or outside the reporter's area. */
    public sealed interface Report {
        record Created(String feature) implements Report {}
        record OutsideCells() implements Report {}
        record OutOfScope(String cellCode) implements Report {}
    }

    /**
     * Reports a case at a point: locates it in its grid cell, community and district, checks the
     * reporter's scope and writes it, assigned by default to the cell's grid worker, with its
     * audit row, all in one transaction. Codes are TL + date (UTC+8) + serial of the day.
     */
    public Report report(Actor actor, NewCase k, CaseScope scope) throws SQLException {
        return Tx.run(ds, c -> {
            Optional<Location> located = locate(c, k.lon(), k.lat());
            if (located.isEmpty()) return new Report.OutsideCells();
            Location where = located.get();
            if (!scope.contains(where)) return new Report.OutOfScope(where.cellCode());
            String prefix;
            try (PreparedStatement ps = c.prepareStatement("SELECT 'TL' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                prefix = rs.getString(1);
            }
            // one reporter at a time per day number: serials stay gap-free and unique
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, prefix);
                ps.executeQuery().close();
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO cases (code, category_code, status, source, description, address, geom, cell_id,
                      community_id, district_id, assignee_id, reported_at, updated_at)
                    VALUES (? || lpad((SELECT coalesce(max(substr(code, 11)::int), 0) + 1 FROM cases WHERE code LIKE ? || '%')::text, 4, '0'),
                      ?, 'reported', ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?, ?, now(), now())
                    RETURNING id""")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix);
                ps.setString(3, k.categoryCode());
                ps.setString(4, k.source());
                ps.setString(5, k.description());
                ps.setString(6, k.address());
                ps.setDouble(7, k.lon());
                ps.setDouble(8, k.lat());
                ps.setLong(9, where.cellId());
                ps.setLong(10, where.communityId());
                ps.setLong(11, where.districtId());
                if (where.workerId() == null) ps.setNull(12, Types.BIGINT); else ps.setLong(12, where.workerId());
                try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
            }
            AuditLog.write(c, actor, "case.create", "cases", id, null, AuditLog.snapshot(c, "cases", "id", id));
            String feature;
            try (PreparedStatement ps = c.prepareStatement(Layer.CASES.featureByIdSql(""))) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); feature = rs.getString(1); }
            }
            return new Report.Created(feature);
        });
    }
}
