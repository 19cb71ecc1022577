package gridmap.data.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.ConflictException;
import gridmap.data.StaleVersionException;
import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Plans and their comments: create, read, edit a draft, publish for comment, take it back or
 * withdraw it. Every write is one transaction with its audit row; edits use optimistic locking
 * (the plan's version). A plan is checked by applying it whenever its operations are saved, so a
 * saved plan always applied to the units it was saved against ({@link Plan#basis()}).
 */
public final class PlanRepository {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            p.id, p.parent_id, pu.code, pu.name, p.name, p.description, p.author_id, a.display_name, p.status,
            p.operations::text, p.allow_non_contiguous, p.target::text, p.basis::text, p.comment_from, p.comment_to,
            p.change_event_id, e.effective_date, e.legal_ref, p.created_at, p.updated_at, p.version,
            (SELECT count(*) FROM plan_comment k WHERE k.plan_id = p.id)""";
    private static final String FROM = " FROM plan p JOIN admin_unit pu ON pu.id = p.parent_id JOIN app_user a ON a.id = p.author_id"
            + " LEFT JOIN change_event e ON e.id = p.change_event_id";

    private final DataSource ds;

    public PlanRepository(DataSource ds) { this.ds = ds; }

    /** What a new plan or an edit says; null members of an edit keep what was there. */
    public record Draft(String name, String description, List<Operation> operations, Boolean allowNonContiguous, Target target,
                        boolean clearTarget) {}

    /** Applies the plan to the parent's current units: a rejected plan (422) is never saved. */
    private static Map<Long, Integer> check(Connection c, long parentId, List<Operation> ops, boolean allowNonContiguous, Target target)
            throws SQLException {
        Fabric f = FabricRepository.load(c, parentId);
        new PlanApplier(f).setAllowNonContiguous(allowNonContiguous).setTarget(target).apply(ops);
        return basis(f);
    }

    static Map<Long, Integer> basis(Fabric f) {
        Map<Long, Integer> b = new LinkedHashMap<>();
        b.put(f.parent().id(), f.parent().version());
        for (Fabric.UnitRow u : f.units()) b.put(u.id(), u.version());
        return b;
    }

    public Plan create(Actor actor, long parentId, Draft d) throws SQLException {
        return Tx.run(ds, c -> {
            boolean allow = Boolean.TRUE.equals(d.allowNonContiguous());
            Map<Long, Integer> basis = check(c, parentId, d.operations(), allow, d.target());
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO plan (parent_id, name, description, author_id, operations, allow_non_contiguous, target, basis)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb) RETURNING id""")) {
                ps.setLong(1, parentId);
                ps.setString(2, d.name());
                ps.setString(3, d.description());
                ps.setLong(4, actor.userId());
                ps.setString(5, OperationJson.write(d.operations()).toString());
                ps.setBoolean(6, allow);
                ps.setString(7, d.target() == null ? null : OperationJson.write(d.target()).toString());
                ps.setString(8, JSON.valueToTree(basis).toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            AuditLog.write(c, actor, "plan.create", "plan", id, null, AuditLog.snapshot(c, "plan", "id", id));
            return read(c, id, false).orElseThrow();
        });
    }

    /** The id of the current unit with this code. */
    public Optional<Long> currentUnitId(String code) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM admin_unit WHERE code = ? AND valid_to IS NULL")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The geometries of current units, in the order of ids (missing ones left out). */
    public List<org.locationtech.jts.geom.MultiPolygon> currentGeometries(List<Long> ids) throws SQLException {
        List<org.locationtech.jts.geom.MultiPolygon> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_AsBinary(geom) FROM admin_unit WHERE id = ? AND valid_to IS NULL")) {
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) out.add(FabricRepository.geom(rs.getBytes(1)));
                }
            }
        }
        return out;
    }

    public Optional<Plan> get(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return read(c, id, false);
        }
    }

    static Optional<Plan> read(Connection c, long id, boolean forUpdate) throws SQLException {
        if (forUpdate) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plan WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                ps.executeQuery().close();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE p.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(plan(rs)) : Optional.empty();
            }
        }
    }

    /** Plans, newest first; parentId and status filter when given; publicOnly keeps published and committed ones. */
    public List<Plan> list(Long parentId, PlanStatus status, boolean publicOnly, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE true");
        List<Object> args = new ArrayList<>();
        if (parentId != null) { sql.append(" AND p.parent_id = ?"); args.add(parentId); }
        if (status != null) { sql.append(" AND p.status = ?"); args.add(status.code()); }
        if (publicOnly) sql.append(" AND p.status IN ('published', 'committed')");
        sql.append(" ORDER BY p.id DESC LIMIT ?");
        args.add(limit);
        List<Plan> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(plan(rs));
            }
        }
        return out;
    }

    /** Edits a draft (throws ConflictException for any other state, StaleVersionException for a stale version). */
    public Plan update(Actor actor, long id, int expectedVersion, Draft d) throws SQLException {
        return Tx.run(ds, c -> {
            Plan p = lockForChange(c, id, expectedVersion);
            if (p.status() != PlanStatus.DRAFT) {
                throw new ConflictException("plan " + id + " is " + p.status().code() + "; only a draft can be edited"
                        + (p.status() == PlanStatus.PUBLISHED ? " (take it back to draft first)" : ""));
            }
            String before = AuditLog.snapshot(c, "plan", "id", id);
            List<Operation> ops = d.operations() != null ? d.operations() : p.operations();
            boolean allow = d.allowNonContiguous() != null ? d.allowNonContiguous() : p.allowNonContiguous();
            Target target = d.clearTarget() ? null : d.target() != null ? d.target() : p.target();
            // re-checked against the units as they are now: the plan's basis moves to today
            Map<Long, Integer> basis = check(c, p.parentId(), ops, allow, target);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE plan SET name = ?, description = ?, operations = ?::jsonb, allow_non_contiguous = ?, target = ?::jsonb,
                      basis = ?::jsonb, updated_at = now(), version = version + 1 WHERE id = ?""")) {
                ps.setString(1, d.name() != null ? d.name() : p.name());
                ps.setString(2, d.description() != null ? d.description() : p.description());
                ps.setString(3, OperationJson.write(ops).toString());
                ps.setBoolean(4, allow);
                ps.setString(5, target == null ? null : OperationJson.write(target).toString());
                ps.setString(6, JSON.valueToTree(basis).toString());
                ps.setLong(7, id);
                ps.executeUpdate();
            }
            AuditLog.write(c, actor, "plan.update", "plan", id, before, AuditLog.snapshot(c, "plan", "id", id));
            return read(c, id, false).orElseThrow();
        });
    }

    /**
     * Moves a plan between draft, published and withdrawn: publish a draft for comment from
     * today until commentTo; take a published plan back to draft; withdraw a draft or published
     * plan (final). Committed and withdrawn plans do not move.
     */
    public Plan setStatus(Actor actor, long id, int expectedVersion, PlanStatus to, LocalDate commentTo, LocalDate today) throws SQLException {
        return Tx.run(ds, c -> {
            Plan p = lockForChange(c, id, expectedVersion);
            PlanStatus from = p.status();
            boolean ok = switch (to) {
                case PUBLISHED -> from == PlanStatus.DRAFT;
                case DRAFT -> from == PlanStatus.PUBLISHED;
                case WITHDRAWN -> from == PlanStatus.DRAFT || from == PlanStatus.PUBLISHED;
                case COMMITTED -> false;
            };
            if (!ok) throw new ConflictException("plan " + id + " is " + from.code() + " and cannot become " + to.code());
            if (to == PlanStatus.PUBLISHED && (commentTo == null || commentTo.isBefore(today))) {
                throw new gridmap.data.UnprocessableException("the comment period must end today or later, not " + commentTo);
            }
            String before = AuditLog.snapshot(c, "plan", "id", id);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE plan SET status = ?, comment_from = CASE WHEN ? THEN ? ELSE comment_from END,
                      comment_to = CASE WHEN ? THEN ? ELSE comment_to END, updated_at = now(), version = version + 1 WHERE id = ?""")) {
                boolean publish = to == PlanStatus.PUBLISHED;
                ps.setString(1, to.code());
                ps.setBoolean(2, publish);
                ps.setObject(3, publish ? today : null, Types.DATE);
                ps.setBoolean(4, publish);
                ps.setObject(5, publish ? commentTo : null, Types.DATE);
                ps.setLong(6, id);
                ps.executeUpdate();
            }
            AuditLog.write(c, actor, "plan." + (to == PlanStatus.PUBLISHED ? "publish" : to == PlanStatus.DRAFT ? "unpublish" : "withdraw"),
                    "plan", id, before, AuditLog.snapshot(c, "plan", "id", id));
            return read(c, id, false).orElseThrow();
        });
    }

    static Plan lockForChange(Connection c, long id, int expectedVersion) throws SQLException {
        Plan p = read(c, id, true).orElseThrow(() -> new NoSuchElementException("no plan with id " + id));
        if (p.version() != expectedVersion) throw new StaleVersionException("plan " + id, expectedVersion, p.version());
        return p;
    }

    // --- comments ------------------------------------------------------------------------------

    /** A comment; lon/lat null when it was left without a place. */
    public record Comment(long id, long planId, long authorId, String authorName, String body, Double lon, Double lat, OffsetDateTime createdAt) {}

    /** Adds a comment to a published plan within its comment period (ConflictException otherwise). */
    public Comment comment(Actor actor, long planId, String body, Double lon, Double lat, LocalDate today) throws SQLException {
        return Tx.run(ds, c -> {
            Plan p = read(c, planId, false).orElseThrow(() -> new NoSuchElementException("no plan with id " + planId));
            if (p.status() != PlanStatus.PUBLISHED) throw new ConflictException("plan " + planId + " is " + p.status().code() + ", not open for comment");
            if (p.commentTo() != null && today.isAfter(p.commentTo())) {
                throw new ConflictException("the comment period of plan " + planId + " ended on " + p.commentTo());
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO plan_comment (plan_id, author_id, body, geom)
                    VALUES (?, ?, ?, CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?, ?), 4326) END) RETURNING id""")) {
                ps.setLong(1, planId);
                ps.setLong(2, actor.userId());
                ps.setString(3, body);
                ps.setObject(4, lon, Types.DOUBLE);
                ps.setObject(5, lon, Types.DOUBLE);
                ps.setObject(6, lat, Types.DOUBLE);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            AuditLog.write(c, actor, "plan.comment", "plan_comment", id, null, AuditLog.snapshot(c, "plan_comment", "id", id));
            return comments(c, planId).stream().filter(k -> k.id() == id).findFirst().orElseThrow();
        });
    }

    public List<Comment> comments(long planId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return comments(c, planId);
        }
    }

    private static List<Comment> comments(Connection c, long planId) throws SQLException {
        List<Comment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k.id, k.plan_id, k.author_id, a.display_name, k.body, ST_X(k.geom), ST_Y(k.geom), k.created_at
                  FROM plan_comment k JOIN app_user a ON a.id = k.author_id WHERE k.plan_id = ? ORDER BY k.id""")) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Comment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, Double.class), rs.getObject(7, Double.class), rs.getObject(8, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    // --- reading rows ---------------------------------------------------------------------------

    private static Plan plan(ResultSet rs) throws SQLException {
        try {
            JsonNode ops = JSON.readTree(rs.getString(10));
            String target = rs.getString(12);
            Map<Long, Integer> basis = new LinkedHashMap<>();
            JSON.readTree(rs.getString(13)).fields().forEachRemaining(e -> basis.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
            return new Plan(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getLong(7), rs.getString(8), PlanStatus.of(rs.getString(9)), OperationJson.read(ops, OperationJson.STORED),
                    rs.getBoolean(11), target == null ? null : OperationJson.target(JSON.readTree(target), "target"), basis,
                    rs.getObject(14, LocalDate.class), rs.getObject(15, LocalDate.class), rs.getObject(16, Long.class),
                    rs.getObject(17, LocalDate.class), rs.getString(18), rs.getObject(19, OffsetDateTime.class),
                    rs.getObject(20, OffsetDateTime.class), rs.getInt(21), rs.getInt(22));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plan row " + rs.getLong(1) + " holds malformed JSON", e);
        }
    }
}
