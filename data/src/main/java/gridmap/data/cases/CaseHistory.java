package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import gridmap.data.audit.Actor;

/**
 * The writes every step of a case shares: its history row and its photos.
 */
final class CaseHistory {
    /** The NOTIFY channel of case changes ({@link CaseNotifier}); the payload carries ids only, never personal data. */
    static final String CHANNEL = "gridmap_cases";

    private CaseHistory() {}

    static long append(Connection c, long caseId, Actor actor, String action, CaseStatus from, CaseStatus to, String note,
                       Long assigneeId, Long departmentId, Long relatedCaseId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_event (case_id, at, actor_id, actor_name, action, from_status, to_status, note, assignee_id,
                  department_id, related_case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setLong(1, caseId);
            ps.setObject(2, at.atOffset(ZoneOffset.UTC));
            CaseIntake.setLong(ps, 3, actor.userId());
            ps.setString(4, actor.name());
            ps.setString(5, action);
            ps.setString(6, from == null ? null : from.db);
            ps.setString(7, to.db);
            ps.setString(8, note);
            CaseIntake.setLong(ps, 9, assigneeId);
            CaseIntake.setLong(ps, 10, departmentId);
            CaseIntake.setLong(ps, 11, relatedCaseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void storePhotos(Connection c, long caseId, long eventId, Long userId, List<PhotoProcessor.Photo> photos) throws SQLException {
        if (photos == null || photos.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO case_photo (case_id, event_id, content_type, original_type, bytes, sha256, width, height, thumb, uploaded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (PhotoProcessor.Photo p : photos) {
                ps.setLong(1, caseId);
                ps.setLong(2, eventId);
                ps.setString(3, p.contentType());
                ps.setString(4, p.originalType());
                ps.setBytes(5, p.bytes());
                ps.setBytes(6, p.sha256());
                ps.setInt(7, p.width());
                ps.setInt(8, p.height());
                ps.setBytes(9, p.thumb());
                CaseIntake.setLong(ps, 10, userId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
