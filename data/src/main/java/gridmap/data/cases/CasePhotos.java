package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Adding photos to a case: each photo belongs to the step it documents, the caller's latest
 * history row on the case (their report, or the feedback of their handling, or their
 * verification). At most {@link #PER_STEP} per step; the same photo sent again (a retry) is the
 * same photo, not a second one.
 */
public final class CasePhotos {
    public static final int PER_STEP = 3;

    private final DataSource ds;
    private final CaseNotifier notifier;

    /** notifier: where added photos are announced for live updates (null: nowhere). */
    public CasePhotos(DataSource ds, CaseNotifier notifier) {
        this.ds = ds;
        this.notifier = notifier;
    }

    public sealed interface Result {
        record Added(long photoId, boolean replayed) implements Result {}
        record NotFound() implements Result {}
        record OutOfScope() implements Result {}
        /** The caller has no step of their own on this case to attach the photo to. */
        record NoStepOfYours() implements Result {}
        record TooMany() implements Result {}
    }

    public Result add(long caseId, long userId, CaseScope scope, Actor actor, PhotoProcessor.Photo photo) throws SQLException {
        Result result = Tx.run(ds, c -> {
            CaseRepository.Location where;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.cell_id, g.code, t.community_id, t.district_id, g.worker_id FROM cases t LEFT JOIN grid_cell g ON g.id = t.cell_id
                    WHERE t.id = ? FOR UPDATE OF t""")) {
                ps.setLong(1, caseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return new Result.NotFound();
                    where = new CaseRepository.Location(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), (Long) rs.getObject(5));
                }
            }
            if (!scope.contains(where)) return new Result.OutOfScope();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM case_photo WHERE case_id = ? AND sha256 = ?")) {
                ps.setLong(1, caseId);
                ps.setBytes(2, photo.sha256());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return new Result.Added(rs.getLong(1), true);
                }
            }
            long eventId;
            try (PreparedStatement ps = c.prepareStatement("SELECT max(id) FROM case_event WHERE case_id = ? AND actor_id = ?")) {
                ps.setLong(1, caseId);
                ps.setLong(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    eventId = rs.getLong(1);
                    if (rs.wasNull()) return new Result.NoStepOfYours();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM case_photo WHERE event_id = ?")) {
                ps.setLong(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= PER_STEP) return new Result.TooMany();
                }
            }
            CaseHistory.storePhotos(c, caseId, eventId, userId, List.of(photo));
            long photoId;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM case_photo WHERE case_id = ? AND sha256 = ?")) {
                ps.setLong(1, caseId);
                ps.setBytes(2, photo.sha256());
                try (ResultSet rs = ps.executeQuery()) { rs.next(); photoId = rs.getLong(1); }
            }
            AuditLog.write(c, actor, "case.photo.add", "cases", caseId, null,
                    "{\"photo_id\":" + photoId + ",\"event_id\":" + eventId + ",\"bytes\":" + photo.bytes().length + "}");
            return new Result.Added(photoId, false);
        });
        if (notifier != null && result instanceof Result.Added a && !a.replayed()) notifier.changed(caseId, "moved");
        return result;
    }
}
