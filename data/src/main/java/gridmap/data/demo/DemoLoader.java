package gridmap.data.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.data.demo.DemoModel.Basin;
import gridmap.data.demo.DemoModel.Case;
import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Dataset;
import gridmap.data.demo.DemoModel.Project;
import gridmap.data.demo.DemoModel.Repair;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.data.auth.Passwords;
import gridmap.data.demo.DemoModel.User;
import gridmap.data.water.HydroWriter;

/**
 * Writes the generated demo into PostGIS in one transaction, with its audit row. Loading is
 * idempotent: when the same generator version and seed are already loaded it does nothing, and a
 * forced reload replaces the demo tables with identical rows (identities restart). Users are
 * upserted, never deleted, because the audit trail refers to them.
 */
public final class DemoLoader {
    public static final String DATASET = "tongling";

    /** What happened, for the console and the tests. */
    public record Outcome(boolean loaded, String fingerprint, long millis, Map<String, Integer> counts,
                          List<Repair> repairs) {}

    /** Tables the demo fills, children before parents (the order deletes need). */
    private static final List<String> DEMO_TABLES = List.of("plan_comment", "plan", "idempotency_key", "case_photo", "case_reporter", "case_event", "cases",
            "water_project_status", "water_project", "chief_assignment", "chief_reach", "river_chief", "river_reach", "river",
            "river_basin", "grid_cell", "unit_lineage", "change_event", "admin_unit");

    private final DataSource ds;
    private final TonglingDemoGenerator generator;

    public DemoLoader(DataSource ds) { this(ds, new TonglingDemoGenerator()); }

    public DemoLoader(DataSource ds, TonglingDemoGenerator generator) {
        this.ds = ds;
        this.generator = generator;
    }

    /** Whether any demo data set is in this database (the UI then shows the demo accounts). */
    public boolean isPresent() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM demo_dataset)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public boolean isLoaded() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT fingerprint FROM demo_dataset WHERE name = ?")) {
            ps.setString(1, DATASET);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).equals(generator.fingerprint());
            }
        }
    }

    /** Loads unless the same data set is already there (or force). */
    public Outcome load(boolean force) throws SQLException {
        long t0 = System.nanoTime();
        if (!force && isLoaded()) {
            return new Outcome(false, generator.fingerprint(), (System.nanoTime() - t0) / 1_000_000, Map.of(), List.of());
        }
        Dataset data = generator.generate();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Tx.run(ds, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE demo_dataset IN EXCLUSIVE MODE"); // two loaders at once: one waits
                try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM admin_unit)"
                        + " AND NOT EXISTS (SELECT 1 FROM demo_dataset WHERE name = '" + DATASET + "')")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new IllegalStateException("this database holds boundaries that are not the demo's;"
                                + " the demo loader refuses to replace them (use an empty database for the demo)");
                    }
                }
                // Replace the previous demo. DELETE, not TRUNCATE: accounts (kept) refer to districts.
                st.execute("UPDATE app_user SET district_id = NULL WHERE district_id IS NOT NULL");
                for (String t : DEMO_TABLES) st.execute("DELETE FROM " + t);
                // identities restart, so a reload writes the very same ids (setval: the server's role owns no tables)
                for (String t : DEMO_TABLES) {
                    if (!t.equals("idempotency_key") && !t.equals("case_reporter")) {
                        st.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), 1, false)");
                    }
                }
                st.execute("SELECT setval('case_code_seq', 1, false)");
            }
            Map<String, Long> userIds = upsertUsers(c, data.users());
            List<Long> unitIds = insertUnits(c, data.units());
            assignDistricts(c, data.users(), data.units(), unitIds);
            Map<String, Long> cellIds = insertCells(c, data.cells(), unitIds, userIds);
            Map<String, Long> basinIds = insertBasins(c, data.basins());
            Map<String, Long> chiefIds = insertHydrography(c, data.hydro(), unitIds);
            insertProjects(c, data.projects(), unitIds, basinIds, chiefIds);
            Map<String, Long> departmentIds = upsertDepartments(c, data.departments());
            upsertCalendar(c);
            insertCases(c, data.cases(), unitIds, cellIds, userIds, departmentIds);
            counts.put("units", data.units().size());
            counts.put("cells", data.cells().size());
            counts.put("basins", data.basins().size());
            counts.put("reaches", data.hydro().reaches().size());
            counts.put("chief_reaches", data.hydro().chiefReaches().size());
            counts.put("projects", data.projects().size());
            counts.put("cases", data.cases().size());
            counts.put("users", data.users().size());
            String report = reportJson(counts, data.repairs());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO demo_dataset (name, fingerprint, report) VALUES (?, ?, ?::jsonb)
                    ON CONFLICT (name) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                      report = EXCLUDED.report, loaded_at = now()""")) {
                ps.setString(1, DATASET);
                ps.setString(2, generator.fingerprint());
                ps.setString(3, report);
                ps.executeUpdate();
            }
            AuditLog.write(c, Actor.system("system"), "demo.load", "demo_dataset", DATASET, null, report);
            return null;
        });
        return new Outcome(true, generator.fingerprint(), (System.nanoTime() - t0) / 1_000_000, counts, data.repairs());
    }

    private static byte[] wkb(Geometry g) { return new WKBWriter(2).write(g); }

    /** Demo accounts are (re)set to their documented state: role, name and, for the six, password. */
    private static Map<String, Long> upsertUsers(Connection c, List<User> users) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO app_user (username, display_name, role, phone, password_hash, password_changed_at)
                VALUES (?, ?, ?, ?, ?, CASE WHEN ?::text IS NULL THEN NULL ELSE now() END)
                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
                  role = EXCLUDED.role, phone = EXCLUDED.phone, active = true,
                  password_hash = coalesce(EXCLUDED.password_hash, app_user.password_hash),
                  password_changed_at = coalesce(EXCLUDED.password_changed_at, app_user.password_changed_at)
                RETURNING id""")) {
            for (User u : users) {
                String hash = u.password() == null ? null : Passwords.hash(u.password());
                ps.setString(1, u.username());
                ps.setString(2, u.displayName());
                ps.setString(3, u.role());
                ps.setString(4, u.phone());
                ps.setString(5, hash);
                ps.setString(6, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.put(u.username(), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void assignDistricts(Connection c, List<User> users, List<Unit> units, List<Long> unitIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET district_id = ? WHERE username = ?")) {
            for (User u : users) {
                if (u.districtCode() == null) continue;
                for (int i = 0; i < units.size(); i++) {
                    if (units.get(i).code().equals(u.districtCode())) {
                        ps.setLong(1, unitIds.get(i));
                        ps.setString(2, u.username());
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    private static List<Long> insertUnits(Connection c, List<Unit> units) throws SQLException {
        List<Long> ids = new ArrayList<>();
        // parents come before children in the list, so one pass resolves every parent_id
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO admin_unit (code, name, level, parent_id, geom, population, households, valid_from)
                VALUES (?, ?, ?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, DATE '2005-01-01') RETURNING id""")) {
            for (Unit u : units) {
                ps.setString(1, u.code());
                ps.setString(2, u.name());
                ps.setString(3, u.level());
                if (u.parentIndex() == null) ps.setNull(4, Types.BIGINT); else ps.setLong(4, ids.get(u.parentIndex()));
                ps.setBytes(5, wkb(u.geom()));
                ps.setInt(6, u.population());
                ps.setInt(7, u.households());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Map<String, Long> insertCells(Connection c, List<Cell> cells, List<Long> unitIds,
                                                 Map<String, Long> userIds) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO grid_cell (code, name, community_id, geom, households, population, worker_id, valid_from)
                VALUES (?, ?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, ?, DATE '2005-01-01') RETURNING id""")) {
            for (Cell cell : cells) {
                ps.setString(1, cell.code());
                ps.setString(2, cell.name());
                ps.setLong(3, unitIds.get(cell.communityIndex()));
                ps.setBytes(4, wkb(cell.geom()));
                ps.setInt(5, cell.households());
                ps.setInt(6, cell.population());
                ps.setLong(7, userIds.get(cell.workerUsername()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.put(cell.code(), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Map<String, Long> insertBasins(Connection c, List<Basin> basins) throws SQLException {
        return HydroWriter.insertBasins(c, basins.stream().map(b -> new HydroWriter.NewBasin(b.code(), b.hybasId(), b.pfafCode(), b.name(),
                b.parentCode(), b.nextDownCode(), b.mainBasinCode(), b.subAreaKm2(), b.upAreaKm2(), b.distMainKm(), 0, b.geom())).toList());
    }

    /** Rivers, reaches, chiefs and their responsibility reaches; returns chief key → id. */
    private static Map<String, Long> insertHydrography(Connection c, DemoModel.Hydrography h, List<Long> unitIds) throws SQLException {
        HydroWriter.insertRivers(c, h.rivers().stream().map(r -> new HydroWriter.NewRiver(r.code(), r.name(), r.nameEn())).toList());
        HydroWriter.insertReaches(c, h.reaches().stream().map(r -> new HydroWriter.NewReach(r.code(), r.riverCode(), r.name(),
                r.nextDownCode(), r.basinCode(), r.geom())).toList());
        Map<String, Long> chiefIds = HydroWriter.insertChiefs(c, h.chiefs().stream().map(k -> new HydroWriter.NewChief(k.key(), k.name(),
                k.level(), k.position(), k.phone())).toList());
        HydroWriter.insertChiefReaches(c, h.chiefReaches().stream().map(r -> new HydroWriter.NewChiefReach(r.code(), r.riverCode(), r.name(),
                r.level(), r.unitIndex() == null ? null : unitIds.get(r.unitIndex()), r.chiefKey(), r.geom())).toList(), chiefIds);
        return chiefIds;
    }

    private static void insertProjects(Connection c, List<Project> projects, List<Long> unitIds,
                                       Map<String, Long> basinIds, Map<String, Long> chiefIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO water_project (code, name, project_type, status, budget_wan_yuan, spent_wan_yuan, responsible_unit,
                  district_id, river_chief_id, basin_id, geom, start_date, end_date, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?, ?, ?) RETURNING id""");
             PreparedStatement history = c.prepareStatement(
                     "INSERT INTO water_project_status (project_id, status, changed_at) VALUES (?, ?, ?)")) {
            for (Project p : projects) {
                OffsetDateTime created = p.history().get(0).on().atStartOfDay().atOffset(java.time.ZoneOffset.ofHours(8));
                OffsetDateTime updated = p.history().get(p.history().size() - 1).on().atStartOfDay().atOffset(java.time.ZoneOffset.ofHours(8));
                ps.setString(1, p.code());
                ps.setString(2, p.name());
                ps.setString(3, p.type());
                ps.setString(4, p.status());
                ps.setBigDecimal(5, java.math.BigDecimal.valueOf(p.budgetWanYuan()));
                ps.setBigDecimal(6, java.math.BigDecimal.valueOf(p.spentWanYuan()));
                ps.setString(7, p.responsibleUnit());
                if (p.districtIndex() == null) ps.setNull(8, Types.BIGINT); else ps.setLong(8, unitIds.get(p.districtIndex()));
                if (p.chiefKey() == null) ps.setNull(9, Types.BIGINT); else ps.setLong(9, chiefIds.get(p.chiefKey()));
                ps.setLong(10, basinIds.get(p.basinCode()));
                ps.setBytes(11, wkb(p.geom()));
                ps.setObject(12, p.startDate());
                ps.setObject(13, p.endDate());
                ps.setObject(14, created);
                ps.setObject(15, updated);
                long id;
                try (ResultSet rs = ps.executeQuery()) { rs.next(); id = rs.getLong(1); }
                for (DemoModel.StatusChange h : p.history()) {
                    history.setLong(1, id);
                    history.setString(2, h.status());
                    history.setObject(3, h.on().atStartOfDay().atOffset(java.time.ZoneOffset.ofHours(8)));
                    history.addBatch();
                }
            }
            history.executeBatch();
        }
    }

    /** Departments by code, (re)set to the demo's names; categories point to their default department. */
    private static Map<String, Long> upsertDepartments(Connection c, List<DemoModel.Department> departments) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO department (code, name, name_en) VALUES (?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, active = true RETURNING id""");
             PreparedStatement cat = c.prepareStatement("UPDATE case_category SET department_id = ? WHERE code = ?")) {
            for (DemoModel.Department d : departments) {
                ps.setString(1, d.code());
                ps.setString(2, d.name());
                ps.setString(3, d.nameEn());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.put(d.code(), rs.getLong(1));
                }
                for (String k : d.categoryCodes()) {
                    cat.setLong(1, ids.get(d.code()));
                    cat.setString(2, k);
                    cat.addBatch();
                }
            }
            cat.executeBatch();
        }
        return ids;
    }

    /** The example years of the working calendar, unless an administrator has set those years up already. */
    private static void upsertCalendar(Connection c) throws SQLException {
        try (PreparedStatement y = c.prepareStatement("INSERT INTO work_calendar_year (year) VALUES (?) ON CONFLICT (year) DO NOTHING RETURNING year");
             PreparedStatement d = c.prepareStatement("INSERT INTO work_calendar_day (day, kind, name) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING")) {
            for (int year : DemoCalendar.YEARS) {
                y.setInt(1, year);
                boolean added;
                try (ResultSet rs = y.executeQuery()) { added = rs.next(); }
                if (!added) continue;
                for (DemoCalendar.Day day : DemoCalendar.days()) {
                    if (day.day().getYear() != year) continue;
                    d.setObject(1, day.day());
                    d.setString(2, day.kind() == gridmap.data.cases.WorkingCalendar.DayKind.HOLIDAY ? "holiday" : "workday");
                    d.setString(3, day.name());
                    d.addBatch();
                }
            }
            d.executeBatch();
        }
    }

    /** Cases in report order, numbered by the case code sequence, with their history and reporter details. */
    private static void insertCases(Connection c, List<Case> cases, List<Long> unitIds, Map<String, Long> cellIds,
                                    Map<String, Long> userIds, Map<String, Long> departmentIds) throws SQLException {
        List<Long> caseIds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO cases (code, category_code, status, source, priority, description, address, geom, cell_id,
                  community_id, district_id, assignee_id, department_id, reported_at, registered_at, dispatched_at, handled_at,
                  closed_at, due_at, close_due_at, rework_count, status_note, updated_at, reported_by)
                VALUES (next_case_code(?), ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""")) {
            for (Case k : cases) {
                int i = 0;
                setTime(ps, ++i, k.reportedAt());
                ps.setString(++i, k.categoryCode());
                ps.setString(++i, k.status());
                ps.setString(++i, k.source());
                ps.setString(++i, k.priority());
                ps.setString(++i, k.description());
                ps.setString(++i, k.address());
                ps.setDouble(++i, k.geom().getX());
                ps.setDouble(++i, k.geom().getY());
                ps.setLong(++i, cellIds.get(k.cellCode()));
                ps.setLong(++i, unitIds.get(k.communityIndex()));
                ps.setLong(++i, unitIds.get(k.districtIndex()));
                setId(ps, ++i, k.assigneeUsername() == null ? null : userIds.get(k.assigneeUsername()));
                setId(ps, ++i, k.departmentCode() == null ? null : departmentIds.get(k.departmentCode()));
                setTime(ps, ++i, k.reportedAt());
                setTime(ps, ++i, k.registeredAt());
                setTime(ps, ++i, k.dispatchedAt());
                setTime(ps, ++i, k.handledAt());
                setTime(ps, ++i, k.closedAt());
                setTime(ps, ++i, k.dueAt());
                setTime(ps, ++i, k.closeDueAt());
                ps.setInt(++i, k.reworkCount());
                ps.setString(++i, k.statusNote());
                setTime(ps, ++i, k.updatedAt());
                setId(ps, ++i, userIds.get(k.events().get(0).actorUsername()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    caseIds.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ev = c.prepareStatement("""
                INSERT INTO case_event (case_id, at, actor_id, actor_name, action, from_status, to_status, note, assignee_id, department_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement rp = c.prepareStatement(
                     "INSERT INTO case_reporter (case_id, name, phone, contact_preference) VALUES (?, ?, ?, ?)")) {
            for (int n = 0; n < cases.size(); n++) {
                Case k = cases.get(n);
                for (DemoModel.Event e : k.events()) {
                    ev.setLong(1, caseIds.get(n));
                    setTime(ev, 2, e.at());
                    setId(ev, 3, userIds.get(e.actorUsername()));
                    ev.setString(4, e.actorUsername());
                    ev.setString(5, e.action());
                    ev.setString(6, e.fromStatus());
                    ev.setString(7, e.toStatus());
                    ev.setString(8, e.note());
                    setId(ev, 9, e.assigneeUsername() == null ? null : userIds.get(e.assigneeUsername()));
                    setId(ev, 10, e.departmentCode() == null ? null : departmentIds.get(e.departmentCode()));
                    ev.addBatch();
                }
                if (k.reporter() != null) {
                    rp.setLong(1, caseIds.get(n));
                    rp.setString(2, k.reporter().name());
                    rp.setString(3, k.reporter().phone());
                    rp.setString(4, k.reporter().contactPreference());
                    rp.addBatch();
                }
                if (n % 500 == 499) {
                    ev.executeBatch();
                    rp.executeBatch();
                }
            }
            ev.executeBatch();
            rp.executeBatch();
        }
    }

    private static void setId(PreparedStatement ps, int i, Long id) throws SQLException {
        if (id == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, id);
    }

    private static void setTime(PreparedStatement ps, int i, OffsetDateTime t) throws SQLException {
        if (t == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE); else ps.setObject(i, t);
    }

    private static String reportJson(Map<String, Integer> counts, List<Repair> repairs) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("counts", counts);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Repair p : repairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", p.code());
            m.put("name", p.name());
            m.put("problem", p.problem());
            m.put("location", p.location() == null ? null : List.of(p.location().x, p.location().y));
            m.put("area_before_km2", Math.round(p.areaBeforeM2() / 1e3) / 1e3);
            m.put("area_after_km2", Math.round(p.areaAfterM2() / 1e3) / 1e3);
            rs.add(m);
        }
        r.put("repairs", rs);
        try {
            return new ObjectMapper().writeValueAsString(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A readable summary of the repairs, for the console. */
    public static String describeRepairs(List<Repair> repairs) {
        StringBuilder sb = new StringBuilder();
        for (Repair r : repairs) {
            sb.append(String.format("  %s %s: %s%n", r.code(), r.name(), r.problem() == null ? "valid as published"
                    : "repaired (" + r.problem() + " at " + String.format("%.4f, %.4f", r.location().x, r.location().y)
                      + "), area " + String.format("%.3f → %.3f km²", r.areaBeforeM2() / 1e6, r.areaAfterM2() / 1e6)));
        }
        return sb.toString();
    }
}
