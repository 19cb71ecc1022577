package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.StaleVersionException;
import gridmap.data.Tx;
import gridmap.data.UnprocessableException;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * The river-chief system (河长制): chiefs, the responsibility reaches they answer for, who was
 * chief of a reach when, and a chief's list — their reaches, the projects on them and the open
 * water cases near them. A chief's phone is personal data: lists show it masked, the full
 * number is read one chief at a time and every such read is audited.
 */
public final class ChiefRepository {
    /** A project within this many metres of a reach is "on" it (a dike, an outfall, an intake). */
    public static final double PROJECT_NEAR_M = 1000;
    /** An open water case within this many metres of a reach concerns it. */
    public static final double CASE_NEAR_M = 500;

    private final DataSource ds;

    public ChiefRepository(DataSource ds) { this.ds = ds; }

    public record Chief(long id, String name, String level, String position, String phoneMasked, boolean active, int version,
                        long reaches) {}

    public record ChiefReach(long id, String code, String name, String level, long riverId, String riverName, Long chiefId,
                             String chiefName, String chiefPosition, Long unitId, String unitName, double lengthKm, int version) {}

    /** A unit a reach crosses, and how much of the reach lies in it. */
    public record Crossed(long id, String code, String name, String level, double lengthKm) {}

    public record Assignment(Long chiefId, String chiefName, String assignedAt, String assignedBy, String note) {}

    public record ReachDetail(ChiefReach reach, List<Crossed> districts, List<Crossed> communities, List<ProjectSummary> projects,
                              OverlayRepository.Cases cases, List<Assignment> history) {}

    public record ChiefList(Chief chief, List<ReachDetail> reaches) {}

    private static final String CHIEF_COLUMNS = "k.id, k.name, k.level, k.position, k.phone, k.active, k.version,"
            + " (SELECT count(*) FROM chief_reach r WHERE r.chief_id = k.id)";

    private static Chief chief(java.sql.ResultSet rs) throws SQLException {
        return new Chief(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), mask(rs.getString(5)), rs.getBoolean(6),
                rs.getInt(7), rs.getLong(8));
    }

    /** 139****1234: enough to tell two numbers apart, not enough to call. */
    static String mask(String phone) {
        if (phone == null) return null;
        if (phone.length() <= 7) return "*".repeat(phone.length());
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    private static final String REACH_COLUMNS = "r.id, r.code, r.name, r.level, v.id, v.name, k.id, k.name, k.position, u.id, u.name,"
            + " ST_Length(r.geom::geography) / 1000, r.version";
    private static final String REACH_FROM = " FROM chief_reach r JOIN river v ON v.id = r.river_id LEFT JOIN river_chief k ON k.id = r.chief_id"
            + " LEFT JOIN admin_unit u ON u.id = r.admin_unit_id ";

    private static ChiefReach reach(java.sql.ResultSet rs) throws SQLException {
        return new ChiefReach(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                (Long) rs.getObject(7), rs.getString(8), rs.getString(9), (Long) rs.getObject(10), rs.getString(11), rs.getDouble(12), rs.getInt(13));
    }

    public List<Chief> chiefs(ChiefLevel level) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("SELECT " + CHIEF_COLUMNS + " FROM river_chief k WHERE (?::text IS NULL OR k.level = ?)"
                    + " ORDER BY array_position(ARRAY['province','city','county','township','village'], k.level), k.id",
                    level == null ? null : level.code(), level == null ? null : level.code()).list(c, ChiefRepository::chief);
        }
    }

    public List<ChiefReach> reaches(Long chiefId, Long riverId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("SELECT " + REACH_COLUMNS + REACH_FROM + "WHERE (?::bigint IS NULL OR r.chief_id = ?) AND (?::bigint IS NULL OR r.river_id = ?)"
                    + " ORDER BY r.code", chiefId, chiefId, riverId, riverId).list(c, ChiefRepository::reach);
        }
    }

    public Optional<ReachDetail> reachDetail(long id, CaseView view) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<ChiefReach> r = new Stmt("SELECT " + REACH_COLUMNS + REACH_FROM + "WHERE r.id = ?", id).one(c, ChiefRepository::reach);
            return r.isEmpty() ? Optional.empty() : Optional.of(detail(c, r.get(), view));
        }
    }

    /** A chief's list: their reaches, the projects on them and the open water cases near them. */
    public Optional<ChiefList> chiefList(long chiefId, CaseView view) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<Chief> k = new Stmt("SELECT " + CHIEF_COLUMNS + " FROM river_chief k WHERE k.id = ?", chiefId).one(c, ChiefRepository::chief);
            if (k.isEmpty()) return Optional.empty();
            List<ReachDetail> details = new java.util.ArrayList<>();
            for (ChiefReach r : new Stmt("SELECT " + REACH_COLUMNS + REACH_FROM + "WHERE r.chief_id = ? ORDER BY r.code", chiefId)
                    .list(c, ChiefRepository::reach)) {
                details.add(detail(c, r, view));
            }
            return Optional.of(new ChiefList(k.get(), details));
        }
    }

    /** The current units of one level a reach runs through, with the length inside each. */
    private static final String CROSSED = """
            SELECT u.id, u.code, u.name, u.level, ST_Length(ST_Intersection(u.geom, r.geom)::geography) / 1000 AS km
            FROM admin_unit u, chief_reach r WHERE r.id = ? AND u.level = ? AND u.valid_to IS NULL AND u.geom && r.geom
              AND ST_Intersects(u.geom, r.geom) ORDER BY km DESC, u.code""";

    private static ReachDetail detail(Connection c, ChiefReach r, CaseView view) throws SQLException {
        List<Crossed> districts = new Stmt(CROSSED, r.id(), "district").list(c, ChiefRepository::crossed);
        List<Crossed> communities = new Stmt(CROSSED, r.id(), "community").list(c, ChiefRepository::crossed);
        Stmt near = new Stmt("SELECT ST_Buffer(geom::geography, ?)::geometry AS geom FROM chief_reach WHERE id = ?", PROJECT_NEAR_M, r.id());
        List<ProjectSummary> projects = OverlayRepository.projects(c, near);
        Stmt closeBy = new Stmt("SELECT ST_Buffer(geom::geography, ?)::geometry AS geom FROM chief_reach WHERE id = ?", CASE_NEAR_M, r.id());
        OverlayRepository.Cases cases = OverlayRepository.cases(c, closeBy, new CaseView(view.scope(), true));
        List<Assignment> history = new Stmt("""
                SELECT a.chief_id, k.name, to_json(a.assigned_at)#>>'{}', u.display_name, a.note FROM chief_assignment a
                LEFT JOIN river_chief k ON k.id = a.chief_id LEFT JOIN app_user u ON u.id = a.assigned_by
                WHERE a.chief_reach_id = ? ORDER BY a.assigned_at, a.id""", r.id())
                .list(c, rs -> new Assignment((Long) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        return new ReachDetail(r, districts, communities, projects, waterOnly(cases), history);
    }

    /** Near a reach only water cases count: the open count is of water cases too. */
    private static OverlayRepository.Cases waterOnly(OverlayRepository.Cases all) {
        return new OverlayRepository.Cases(all.openWater(), all.openWater(), all.listed());
    }

    private static Crossed crossed(java.sql.ResultSet rs) throws SQLException {
        return new Crossed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5));
    }

    // ---- writes

    /**
     * Assigns a chief to a reach (null leaves it vacant). The chief must be active and of the
     * reach's level: a township head does not answer for a county reach.
     */
    public void assign(Actor actor, long reachId, int expectedVersion, Long chiefId, String note) throws SQLException {
        Tx.run(ds, c -> {
            record Row(int version, String level) {}
            Row r = new Stmt("SELECT version, level FROM chief_reach WHERE id = ? FOR NO KEY UPDATE", reachId)
                    .one(c, rs -> new Row(rs.getInt(1), rs.getString(2)))
                    .orElseThrow(() -> new NoSuchElementException("no river-chief reach with id " + reachId));
            if (r.version() != expectedVersion) throw new StaleVersionException("river-chief reach " + reachId, expectedVersion, r.version());
            if (chiefId != null) {
                record K(String level, boolean active) {}
                K k = new Stmt("SELECT level, active FROM river_chief WHERE id = ? FOR KEY SHARE", chiefId)
                        .one(c, rs -> new K(rs.getString(1), rs.getBoolean(2)))
                        .orElseThrow(() -> new UnprocessableException("river chief " + chiefId + " does not exist"));
                if (!k.active()) throw new UnprocessableException("river chief " + chiefId + " is no longer active");
                if (!k.level().equals(r.level())) {
                    throw new UnprocessableException("the reach is a " + r.level() + "-level reach; chief " + chiefId + " is at " + k.level() + " level");
                }
            }
            String before = AuditLog.snapshot(c, "chief_reach", "id", reachId);
            new Stmt("UPDATE chief_reach SET chief_id = ?, version = version + 1 WHERE id = ?", chiefId, reachId).update(c);
            new Stmt("INSERT INTO chief_assignment (chief_reach_id, chief_id, assigned_by, note) VALUES (?, ?, ?, ?)",
                    reachId, chiefId, actor.userId(), note).update(c);
            AuditLog.write(c, actor, "chief_reach.assign", "chief_reach", reachId, before, AuditLog.snapshot(c, "chief_reach", "id", reachId));
            return null;
        });
    }

    public record NewChief(String name, ChiefLevel level, String position, String phone) {}

    public long createChief(Actor actor, NewChief k) throws SQLException {
        return Tx.run(ds, c -> {
            long id = new Stmt("INSERT INTO river_chief (name, level, position, phone) VALUES (?, ?, ?, ?) RETURNING id",
                    k.name(), k.level().code(), k.position(), k.phone()).one(c, rs -> rs.getLong(1)).orElseThrow();
            AuditLog.write(c, actor, "river_chief.create", "river_chief", id, null, snapshot(c, id));
            return id;
        });
    }

    /** An edit; null leaves a field as it is. A chief who leaves office is made inactive, never deleted. */
    public record ChiefChange(String name, String position, String phone, Boolean active) {}

    public void updateChief(Actor actor, long id, int expectedVersion, ChiefChange ch) throws SQLException {
        Tx.run(ds, c -> {
            int version = new Stmt("SELECT version FROM river_chief WHERE id = ? FOR NO KEY UPDATE", id).one(c, rs -> rs.getInt(1))
                    .orElseThrow(() -> new NoSuchElementException("no river chief with id " + id));
            if (version != expectedVersion) throw new StaleVersionException("river chief " + id, expectedVersion, version);
            String before = snapshot(c, id);
            Stmt sql = new Stmt("UPDATE river_chief SET version = version + 1");
            if (ch.name() != null) sql.add(", name = ?", ch.name());
            if (ch.position() != null) sql.add(", position = ?", ch.position());
            if (ch.phone() != null) sql.add(", phone = ?", ch.phone().isEmpty() ? null : ch.phone());
            if (ch.active() != null) sql.add(", active = ?", ch.active());
            sql.add(" WHERE id = ?", id).update(c);
            AuditLog.write(c, actor, "river_chief.update", "river_chief", id, before, snapshot(c, id));
            return null;
        });
    }

    /** The full phone number of one chief, for those who assign chiefs; the read is audited. */
    public Optional<String> contact(Actor actor, long id) throws SQLException {
        return Tx.run(ds, c -> {
            Optional<String> phone = new Stmt("SELECT coalesce(phone, '') FROM river_chief WHERE id = ?", id).one(c, rs -> rs.getString(1));
            if (phone.isPresent()) AuditLog.write(c, actor, "river_chief.read_contact", "river_chief", id, null, null);
            return phone.map(p -> p.isEmpty() ? null : p);
        });
    }

    /** The chief's row for the audit trail, phone masked: the trail is read by more people than the number is for. */
    private static String snapshot(Connection c, long id) throws SQLException {
        String json = AuditLog.snapshot(c, "river_chief", "id", id);
        if (json == null) return null;
        String phone = new Stmt("SELECT phone FROM river_chief WHERE id = ?", id).one(c, rs -> rs.getString(1)).orElse(null);
        return new Stmt("SELECT (?::jsonb || jsonb_build_object('phone', ?::text))::text", json, mask(phone)).one(c, rs -> rs.getString(1)).orElseThrow();
    }
}
