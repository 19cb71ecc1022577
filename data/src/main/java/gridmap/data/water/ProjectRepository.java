package gridmap.data.water;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Geometry;

import gridmap.data.ConflictException;
import gridmap.data.StaleVersionException;
import gridmap.data.Tx;
import gridmap.data.UnprocessableException;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;
import gridmap.data.audit.AuditLog.RawJson;
import gridmap.data.map.Layer;

/**
 * Water projects: created, edited, moved through their statuses and retired (never deleted),
 * each write in one transaction with its audit row, edits guarded by the version the editor
 * read. A project's basin and district are the finest basin and the district holding most of
 * it, worked out from its geometry on every write, so they cannot disagree with the map.
 */
public final class ProjectRepository {
    private final DataSource ds;

    public ProjectRepository(DataSource ds) { this.ds = ds; }

    /** A new project; budget and spending in 万元. */
    public record NewProject(String name, ProjectType type, ProjectStatus status, BigDecimal budgetWanYuan, BigDecimal spentWanYuan,
                             LocalDate startDate, LocalDate endDate, String responsibleUnit, Long riverChiefId, Geometry geom) {}

    /**
     * An edit: null leaves a field as it is; for the optional fields (dates, river chief) an
     * empty Optional clears them.
     */
    public record Change(String name, ProjectType type, BigDecimal budgetWanYuan, BigDecimal spentWanYuan,
                         Optional<LocalDate> startDate, Optional<LocalDate> endDate, String responsibleUnit,
                         Optional<Long> riverChiefId, Geometry geom) {}

    /** The measure of p (alias p) inside shape (alias s) as a share of p: by count, length or area. */
    private static final String SHARE = """
            CASE ST_Dimension(p.geom)
              WHEN 0 THEN ST_NumGeometries(ST_Intersection(s.geom, p.geom))::float8 / ST_NumGeometries(p.geom)
              WHEN 1 THEN ST_Length(ST_Intersection(s.geom, p.geom)::geography) / nullif(ST_Length(p.geom::geography), 0)
              ELSE ST_Area(ST_Intersection(s.geom, p.geom)::geography) / nullif(ST_Area(p.geom::geography), 0) END""";

    public long create(Actor actor, NewProject n) throws SQLException {
        return Tx.run(ds, c -> {
            requireChief(c, n.riverChiefId());
            checkDates(n.startDate(), n.endDate());
            new Stmt("SELECT pg_advisory_xact_lock(hashtext('water_project.code'))").list(c, rs -> 1);
            long id = write(c, () -> new Stmt("""
                    INSERT INTO water_project (code, name, project_type, status, budget_wan_yuan, spent_wan_yuan, start_date, end_date,
                      responsible_unit, river_chief_id, geom)
                    VALUES ('SL' || lpad((SELECT coalesce(max(substring(code from 3)::int), 0) + 1 FROM water_project WHERE code ~ '^SL[0-9]{1,9}$')::text, 3, '0'),
                      ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id""",
                    n.name(), n.type().code(), n.status().code(), n.budgetWanYuan(), n.spentWanYuan(), n.startDate(), n.endDate(),
                    n.responsibleUnit(), n.riverChiefId(), HydroWriter.wkb(n.geom())).one(c, rs -> rs.getLong(1)).orElseThrow());
            place(c, id);
            new Stmt("INSERT INTO water_project_status (project_id, status, changed_by, note) VALUES (?, ?, ?, 'created')",
                    id, n.status().code(), actor.userId()).update(c);
            AuditLog.write(c, actor, "water_project.create", "water_project", id, null, AuditLog.snapshot(c, "water_project", "id", id));
            return id;
        });
    }

    public void update(Actor actor, long id, int expectedVersion, Change ch) throws SQLException {
        Tx.run(ds, c -> {
            Current cur = lockCurrent(c, id, expectedVersion);
            if (ch.riverChiefId() != null && ch.riverChiefId().isPresent()) requireChief(c, ch.riverChiefId().get());
            LocalDate start = ch.startDate() == null ? cur.start() : ch.startDate().orElse(null);
            LocalDate end = ch.endDate() == null ? cur.end() : ch.endDate().orElse(null);
            checkDates(start, end);
            String before = AuditLog.snapshot(c, "water_project", "id", id);
            Stmt sql = new Stmt("UPDATE water_project SET version = version + 1, updated_at = now(), start_date = ?, end_date = ?", start, end);
            if (ch.name() != null) sql.add(", name = ?", ch.name());
            if (ch.type() != null) sql.add(", project_type = ?", ch.type().code());
            if (ch.budgetWanYuan() != null) sql.add(", budget_wan_yuan = ?", ch.budgetWanYuan());
            if (ch.spentWanYuan() != null) sql.add(", spent_wan_yuan = ?", ch.spentWanYuan());
            if (ch.responsibleUnit() != null) sql.add(", responsible_unit = ?", ch.responsibleUnit());
            if (ch.riverChiefId() != null) sql.add(", river_chief_id = ?", ch.riverChiefId().orElse(null));
            if (ch.geom() != null) sql.add(", geom = ST_GeomFromWKB(?, 4326)", HydroWriter.wkb(ch.geom()));
            sql.add(" WHERE id = ?", id);
            write(c, () -> sql.update(c));
            if (ch.geom() != null) place(c, id);
            AuditLog.write(c, actor, "water_project.update", "water_project", id, before, AuditLog.snapshot(c, "water_project", "id", id));
            return null;
        });
    }

    /** Moves a project to a new status; an illegal step (completed → anything, planned → completed …) is a conflict. */
    public void changeStatus(Actor actor, long id, int expectedVersion, ProjectStatus to, String note) throws SQLException {
        Tx.run(ds, c -> {
            Current cur = lockCurrent(c, id, expectedVersion);
            if (!cur.status().mayBecome(to)) {
                throw new ConflictException("a project that is " + cur.status().code() + " cannot become " + to.code()
                        + (cur.status().next().isEmpty() ? " (that status is final)"
                        : "; it may become " + String.join(" or ", cur.status().next().stream().map(ProjectStatus::code).toList())));
            }
            String before = AuditLog.snapshot(c, "water_project", "id", id);
            new Stmt("UPDATE water_project SET status = ?, version = version + 1, updated_at = now() WHERE id = ?", to.code(), id).update(c);
            new Stmt("INSERT INTO water_project_status (project_id, status, changed_by, note) VALUES (?, ?, ?, ?)",
                    id, to.code(), actor.userId(), note).update(c);
            AuditLog.write(c, actor, "water_project.status", "water_project", id, before, AuditLog.snapshot(c, "water_project", "id", id));
            return null;
        });
    }

    /** Retires a project: it leaves the map and the analyses but stays on record with its reason. */
    public void retire(Actor actor, long id, int expectedVersion, String reason) throws SQLException {
        Tx.run(ds, c -> {
            lockCurrent(c, id, expectedVersion);
            String before = AuditLog.snapshot(c, "water_project", "id", id);
            new Stmt("UPDATE water_project SET retired_at = now(), retired_reason = ?, version = version + 1, updated_at = now() WHERE id = ?",
                    reason, id).update(c);
            AuditLog.write(c, actor, "water_project.retire", "water_project", id, before, AuditLog.snapshot(c, "water_project", "id", id));
            return null;
        });
    }

    private record Current(ProjectStatus status, LocalDate start, LocalDate end) {}

    /** Locks the row; missing → 404, retired or edited since → 409. */
    private static Current lockCurrent(Connection c, long id, int expectedVersion) throws SQLException {
        record Row(int version, String status, LocalDate start, LocalDate end, boolean retired) {}
        Row r = new Stmt("SELECT version, status, start_date, end_date, retired_at IS NOT NULL FROM water_project WHERE id = ? FOR NO KEY UPDATE", id)
                .one(c, rs -> new Row(rs.getInt(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                        rs.getBoolean(5)))
                .orElseThrow(() -> new NoSuchElementException("no water project with id " + id));
        if (r.retired()) throw new ConflictException("water project " + id + " is retired and cannot be changed");
        if (r.version() != expectedVersion) throw new StaleVersionException("water project " + id, expectedVersion, r.version());
        return new Current(ProjectStatus.of(r.status()).orElseThrow(), r.start(), r.end());
    }

    private static void requireChief(Connection c, Long chiefId) throws SQLException {
        if (chiefId == null) return;
        if (new Stmt("SELECT 1 FROM river_chief WHERE id = ? AND active FOR KEY SHARE", chiefId).one(c, rs -> 1).isEmpty()) {
            throw new UnprocessableException("river chief " + chiefId + " does not exist or is no longer active");
        }
    }

    private static void checkDates(LocalDate start, LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            throw new UnprocessableException("end_date " + end + " is before start_date " + start);
        }
    }

    /**
     * Sets the project's basin (finest level, most of it) and district (most of it; none when it
     * lies outside every district). A project outside every basin is refused.
     */
    private static void place(Connection c, long id) throws SQLException {
        Optional<Long> basin = new Stmt("SELECT s.id FROM river_basin s, water_project p WHERE p.id = ? AND s.geom && p.geom"
                + " AND ST_Intersects(s.geom, p.geom) ORDER BY s.level DESC, " + SHARE + " DESC NULLS LAST, s.id LIMIT 1", id)
                .one(c, rs -> rs.getLong(1));
        if (basin.isEmpty()) throw new UnprocessableException("the project lies outside every river basin");
        new Stmt("UPDATE water_project SET basin_id = ?, district_id = (SELECT s.id FROM admin_unit s, water_project p WHERE p.id = ?"
                + " AND s.level = 'district' AND s.valid_to IS NULL AND s.geom && p.geom AND ST_Intersects(s.geom, p.geom)"
                + " ORDER BY " + SHARE + " DESC NULLS LAST, s.id LIMIT 1) WHERE id = ?", basin.get(), id, id).update(c);
    }

    @FunctionalInterface
    private interface Write<T> { T run() throws SQLException; }

    /** A geometry PostGIS judges invalid (its CHECK) though JTS did not: a 422, not a failure. */
    private static <T> T write(Connection c, Write<T> w) throws SQLException {
        try {
            return w.run();
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) throw new UnprocessableException("PostGIS judges the geometry invalid (ST_IsValid)");
            throw e;
        }
    }

    // ---- reading

    public record StatusRow(String status, String changedAt, String changedBy, String note) {}

    /** A basin or district the project lies in, with the share of the project inside it. */
    public record Part(long id, String code, String name, int level, double share) {}

    public record Detail(RawJson feature, boolean retired, String retiredReason, List<StatusRow> history, List<Part> basins,
                         List<Part> districts) {}

    public Optional<Detail> detail(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            record Head(String feature, boolean retired, String reason) {}
            Optional<Head> head = new Stmt(Layer.WATER_PROJECTS.featureByIdSql("'retired_at', t.retired_at, 'retired_reason', t.retired_reason")
                    .replaceFirst("^SELECT ", "SELECT t.retired_at IS NOT NULL, t.retired_reason, "), id)
                    .one(c, rs -> new Head(rs.getString(3), rs.getBoolean(1), rs.getString(2)));
            if (head.isEmpty()) return Optional.empty();
            List<StatusRow> history = new Stmt("""
                    SELECT h.status, to_json(h.changed_at)#>>'{}', u.display_name, h.note FROM water_project_status h
                    LEFT JOIN app_user u ON u.id = h.changed_by WHERE h.project_id = ? ORDER BY h.changed_at, h.id""", id)
                    .list(c, rs -> new StatusRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            List<Part> basins = new Stmt("SELECT s.id, s.code, s.name, s.level, " + SHARE + " FROM river_basin s, water_project p"
                    + " WHERE p.id = ? AND s.geom && p.geom AND ST_Intersects(s.geom, p.geom) ORDER BY s.level, 5 DESC NULLS LAST, s.code", id)
                    .list(c, ProjectRepository::part);
            List<Part> districts = new Stmt("SELECT s.id, s.code, s.name, 0, " + SHARE + " FROM admin_unit s, water_project p"
                    + " WHERE p.id = ? AND s.level = 'district' AND s.valid_to IS NULL AND s.geom && p.geom AND ST_Intersects(s.geom, p.geom)"
                    + " ORDER BY 5 DESC NULLS LAST, s.code", id).list(c, ProjectRepository::part);
            return Optional.of(new Detail(new RawJson(head.get().feature()), head.get().retired(), head.get().reason(), history, basins, districts));
        }
    }

    private static Part part(java.sql.ResultSet rs) throws SQLException {
        return new Part(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getDouble(5));
    }

    /** What a buffer zone holds: overlay on the administrative map, open cases, projects. */
    public record Impact(double bufferM, OverlayRepository.Overlay overlay, OverlayRepository.Cases cases, List<ProjectSummary> projects,
                         RawJson zone) {}

    /** The impact zone of a current or retired project: a buffer of bufferM metres around it. */
    public Optional<Impact> impact(long id, double bufferM, CaseView view) throws SQLException {
        try (Connection c = ds.getConnection()) {
            if (new Stmt("SELECT 1 FROM water_project WHERE id = ?", id).one(c, rs -> 1).isEmpty()) return Optional.empty();
            return Optional.of(impact(c, new Stmt("SELECT ST_Buffer(geom::geography, ?)::geometry AS geom FROM water_project WHERE id = ?",
                    bufferM, id), bufferM, view));
        }
    }

    /** The impact zone of any geometry (the buffer tool). */
    public Impact impact(Geometry g, double bufferM, CaseView view) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return impact(c, new Stmt("SELECT ST_Buffer(ST_GeomFromWKB(?, 4326)::geography, ?)::geometry AS geom",
                    HydroWriter.wkb(g), bufferM), bufferM, view);
        }
    }

    private static Impact impact(Connection c, Stmt zone, double bufferM, CaseView view) throws SQLException {
        RawJson shape = new Stmt("SELECT ST_AsGeoJSON(geom, 6) FROM (").add(zone.toString(), zone.args()).add(") z")
                .one(c, rs -> new RawJson(rs.getString(1))).orElseThrow();
        return new Impact(bufferM, OverlayRepository.overlay(c, zone), OverlayRepository.cases(c, zone, view),
                OverlayRepository.projects(c, zone), shape);
    }

    /** Codes of the finest-level basins the project meets (where its water goes from). */
    List<String> basinsOf(Connection c, long id) throws SQLException {
        return new Stmt("""
                SELECT s.code FROM river_basin s, water_project p WHERE p.id = ? AND s.geom && p.geom AND ST_Intersects(s.geom, p.geom)
                  AND s.level = (SELECT max(b.level) FROM river_basin b WHERE b.geom && p.geom AND ST_Intersects(b.geom, p.geom))
                ORDER BY s.code""", id).list(c, rs -> rs.getString(1));
    }

}
