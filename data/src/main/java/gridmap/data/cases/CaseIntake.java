package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.map.Layer;

/**
 * Reporting a case (信息收集): the point is located in its grid cell, community and district,
 * the case is assigned to the cell's grid worker, gets its code and the deadline of its first
 * step, and is written with its reporter details, photos, first history row and audit row in one
 * transaction. With an idempotency key, the same key (from the same caller) returns the case
 * its first use created, also when the two requests arrive at the same moment.
 */
public final class CaseIntake {
    private final DataSource ds;
    private final ReferenceData reference;
    private final Clock clock;
    private final CaseNotifier notifier;

    public CaseIntake(DataSource ds, ReferenceData reference) { this(ds, reference, Clock.systemUTC(), null); }

    public CaseIntake(DataSource ds, ReferenceData reference, Clock clock) { this(ds, reference, clock, null); }

    /** notifier: where committed reports are announced for live updates (null: nowhere). */
    public CaseIntake(DataSource ds, ReferenceData reference, Clock clock, CaseNotifier notifier) {
        this.ds = ds;
        this.reference = reference;
        this.clock = clock;
        this.notifier = notifier;
    }

    /** Optional details of the person who reported (issue 11): never shown in full outside the command centre. */
    public record Reporter(String name, String phone, String contactPreference) {
        public boolean isEmpty() { return name == null && phone == null; }
    }

    public record NewCase(String categoryCode, String description, String address, String source, String priority,
                          double lon, double lat, Reporter reporter, List<PhotoProcessor.Photo> photos, String mediaUrl) {}

    /**
     * Who reports: the audit actor, the account (null for none), the token (null for a session),
     * the cases they may act on, and the idempotency key with the request's digest (key null: none).
     */
    public record Origin(Actor actor, Long userId, Long tokenId, CaseScope scope, String idempotencyPrincipal,
                         String idempotencyKey, byte[] requestSha256, java.time.Duration repeatWindow) {
        /** Public intake (Open311): the same token filing the very same report again within the window is refused. */
        public Origin rejectingRepeatsWithin(java.time.Duration window) {
            return new Origin(actor, userId, tokenId, scope, idempotencyPrincipal, idempotencyKey, requestSha256, window);
        }
    }

    public sealed interface Result {
        /** The case (as a GeoJSON Feature); replayed when an idempotency key had been used before. */
        record Created(long id, String code, String feature, boolean replayed) implements Result {}
        record OutsideCells(String nearestCellCode, double distanceMetres) implements Result {}
        record OutOfScope(String cellCode) implements Result {}
        record UnknownCategory() implements Result {}
        /** The idempotency key was used before for a different request. */
        record KeyReused(String code) implements Result {}
        /** The same token filed exactly this report a moment ago (public intake). */
        record Repeat(String code) implements Result {}
    }

    /** Rolls back a report whose idempotency key another transaction committed first. */
    private static final class KeyTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;
        KeyTaken() { super(null, null, false, false); }
    }

    public Result report(Origin o, NewCase k) throws SQLException {
        if (o.idempotencyKey() != null) {
            Optional<Result> earlier = replay(o);
            if (earlier.isPresent()) return earlier.get();
        }
        ReferenceData.Snapshot ref = reference.get();
        Category category = ref.categories().get(k.categoryCode());
        if (category == null || !category.active()) return new Result.UnknownCategory();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime reportedAt = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime due = ref.calendar().add(now, category.deadline(CaseStatus.Step.REGISTER)).atOffset(ZoneOffset.UTC);
        try {
            Result r = Tx.run(ds, c -> {
                if (o.repeatWindow() != null && o.tokenId() != null) {
                    // a repeat has the first report's point, which was in a cell and in scope: checking it first changes no answer
                    String earlier = repeatOf(c, o, k, now);
                    if (earlier != null) return new Result.Repeat(earlier);
                }
                boolean reporter = k.reporter() != null && !k.reporter().isEmpty();
                Written w = write(c, o, k, reportedAt, due, reporter);
                if (w.cellCode() == null) return nearest(c, k.lon(), k.lat());
                if (w.id() == 0) return new Result.OutOfScope(w.cellCode());
                if (o.idempotencyKey() != null && !claimKey(c, o, w.id())) throw new KeyTaken();
                if (reporter) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO case_reporter (case_id, name, phone, contact_preference) VALUES (?, ?, ?, ?)")) {
                        ps.setLong(1, w.id());
                        ps.setString(2, k.reporter().name());
                        ps.setString(3, k.reporter().phone());
                        ps.setString(4, k.reporter().contactPreference() == null ? "none" : k.reporter().contactPreference());
                        ps.executeUpdate();
                    }
                }
                CaseHistory.storePhotos(c, w.id(), w.eventId(), o.userId(), k.photos());
                return new Result.Created(w.id(), w.code(), w.feature(), false);
            });
            if (notifier != null && r instanceof Result.Created c) notifier.changed(c.id(), "created");
            return r;
        } catch (KeyTaken e) {
            return replay(o).orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
        }
    }

    /** The statement's outcome: no cell (cellCode null), a cell outside the scope (id 0), or the case written. */
    private record Written(String cellCode, long id, String code, long eventId, String feature) {}

    /**
     * Locates the point in its grid cell (community, district, grid worker; a key-share lock on
     * the cell, so that it cannot be replaced while a case is put in it; on a border the lower id
     * decides), checks the caller's scope there, and writes the case, its first history row and
     * its audit row, returning the Feature to answer with: one statement, one round trip, for
     * the hot path of intake.
     */
    private static Written write(Connection c, Origin o, NewCase k, OffsetDateTime reportedAt, OffsetDateTime due, boolean reporter)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH loc AS (
                  SELECT g.id, g.code, g.community_id, s.parent_id AS district_id, g.worker_id
                  FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id
                  WHERE g.valid_to IS NULL AND ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
                  ORDER BY g.id LIMIT 1 FOR KEY SHARE OF g),
                ins AS (
                  INSERT INTO cases (code, category_code, status, source, priority, description, address, geom, cell_id,
                    community_id, district_id, assignee_id, reported_at, due_at, updated_at, reported_by, token_id, media_url)
                  SELECT next_case_code(?), ?, 'reported', ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), loc.id,
                    loc.community_id, loc.district_id, loc.worker_id, ?, ?, ?, ?, ?, ?
                  FROM loc WHERE\s""" + o.scope().locatedSql() + """

                  RETURNING *),
                ev AS (
                  INSERT INTO case_event (case_id, at, actor_id, actor_name, action, to_status)
                  SELECT id, reported_at, ?, ?, 'report', 'reported' FROM ins RETURNING id),
                au AS (
                  INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, after, request_id)
                  SELECT ?, ?, 'case.create', 'cases', ins.id::text,
                    (to_jsonb(ins) - 'geom') || jsonb_build_object('reporter_details', ?::boolean, 'photos', ?::int), ? FROM ins)
                SELECT loc.code, ins.id, ins.code, ev.id, (""" + Layer.CASES.featureSqlOver("ins") + """
                ) FROM loc LEFT JOIN ins ON true LEFT JOIN ev ON true""")) {
            int i = 0;
            ps.setDouble(++i, k.lon());
            ps.setDouble(++i, k.lat());
            ps.setObject(++i, reportedAt);
            ps.setString(++i, k.categoryCode());
            ps.setString(++i, k.source());
            ps.setString(++i, k.priority());
            ps.setString(++i, k.description());
            ps.setString(++i, k.address());
            ps.setDouble(++i, k.lon());
            ps.setDouble(++i, k.lat());
            ps.setObject(++i, reportedAt);
            ps.setObject(++i, due);
            ps.setObject(++i, reportedAt);
            setLong(ps, ++i, o.userId());
            setLong(ps, ++i, o.tokenId());
            ps.setString(++i, k.mediaUrl());
            if (o.scope().parameter() != null) ps.setLong(++i, o.scope().parameter());
            setLong(ps, ++i, o.actor().userId());
            ps.setString(++i, o.actor().name());
            setLong(ps, ++i, o.actor().userId());
            ps.setString(++i, o.actor().name());
            ps.setBoolean(++i, reporter);
            ps.setInt(++i, k.photos() == null ? 0 : k.photos().size());
            ps.setString(++i, o.actor().requestId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new Written(null, 0, null, 0, null);
                return new Written(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5));
            }
        }
    }

    /**
     * An identical report by the same token within the window (same service, description,
     * address and point), checked under a lock per token so that two identical requests sent at
     * once cannot both pass.
     */
    private static String repeatOf(Connection c, Origin o, NewCase k, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(311, ?)")) {
            ps.setInt(1, (int) (o.tokenId() % Integer.MAX_VALUE));
            ps.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT code FROM cases WHERE token_id = ? AND reported_at > ? AND category_code = ? AND description = ?
                  AND coalesce(address, '') = coalesce(?, '') AND abs(ST_X(geom) - ?) < 1e-9 AND abs(ST_Y(geom) - ?) < 1e-9
                ORDER BY reported_at DESC LIMIT 1""")) {
            ps.setLong(1, o.tokenId());
            ps.setObject(2, now.minus(o.repeatWindow()).atOffset(ZoneOffset.UTC));
            ps.setString(3, k.categoryCode());
            ps.setString(4, k.description());
            ps.setString(5, k.address());
            ps.setDouble(6, k.lon());
            ps.setDouble(7, k.lat());
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
        }
    }

    /** The case snapshot for the audit row: the case row, and only whether reporter details were given. */
    static String auditSnapshot(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT ((to_jsonb(t) - 'geom') || jsonb_build_object('reporter_details', EXISTS (SELECT 1 FROM case_reporter r WHERE r.case_id = t.id),
                  'photos', (SELECT count(*) FROM case_photo p WHERE p.case_id = t.id)))::text FROM cases t WHERE id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
        }
    }

    /** The earlier result of this idempotency key, if it was used. */
    private Optional<Result> replay(Origin o) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT i.request_sha256, t.id, t.code FROM idempotency_key i JOIN cases t ON t.id = i.case_id
                WHERE i.principal = ? AND i.key = ?""")) {
            ps.setString(1, o.idempotencyPrincipal());
            ps.setString(2, o.idempotencyKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                if (!Arrays.equals(rs.getBytes(1), o.requestSha256())) return Optional.of(new Result.KeyReused(rs.getString(3)));
                long id = rs.getLong(2);
                String feature;
                try (PreparedStatement f = c.prepareStatement(Layer.CASES.featureByIdSql(""))) {
                    f.setLong(1, id);
                    try (ResultSet fr = f.executeQuery()) { fr.next(); feature = fr.getString(1); }
                }
                return Optional.of(new Result.Created(id, rs.getString(3), feature, true));
            }
        }
    }

    /** Inserts the key; false when another transaction holds it (we waited for it to commit). */
    private static boolean claimKey(Connection c, Origin o, long caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO idempotency_key (principal, key, request_sha256, case_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (principal, key) DO NOTHING""")) {
            ps.setString(1, o.idempotencyPrincipal());
            ps.setString(2, o.idempotencyKey());
            ps.setBytes(3, o.requestSha256());
            ps.setLong(4, caseId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The nearest current cell to a point outside all of them, by distance on the ellipsoid. */
    private static Result nearest(Connection c, double lon, double lat) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT code, ST_Distance(geom::geography, p::geography) AS d
                FROM (SELECT code, geom, ST_SetSRID(ST_MakePoint(?, ?), 4326) AS p FROM grid_cell WHERE valid_to IS NULL
                      ORDER BY geom <-> ST_SetSRID(ST_MakePoint(?, ?), 4326) LIMIT 8) n
                ORDER BY d LIMIT 1""")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setDouble(3, lon);
            ps.setDouble(4, lat);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Result.OutsideCells(rs.getString(1), rs.getDouble(2)) : new Result.OutsideCells(null, Double.NaN);
            }
        }
    }

    /** Forgets idempotency keys older than a day (a client retries within minutes, not days). */
    public int expireKeys() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'")) {
            return ps.executeUpdate();
        }
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }
}
