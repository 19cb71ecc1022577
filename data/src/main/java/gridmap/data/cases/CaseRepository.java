package gridmap.data.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.Csv;
import gridmap.data.SqlText;
import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;
import gridmap.data.map.Layer;

/**
 * Reading cases within a scope: one case in full (history, photos, reporter masked), lists,
 * the map (points, or counts per grid cell when there are too many points to send), counts,
 * duplicates near a point, photos, and the audited read of full reporter details.
 */
public final class CaseRepository {
    /** Above this many matching cases the map gets counts per grid cell instead of points. */
    public static final int MAP_POINT_LIMIT = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;

    public CaseRepository(DataSource ds) { this.ds = ds; }

    /** Whether a case exists at all (to tell 404 from 403). */
    public boolean exists(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cases WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }

    /** The case as the map layer's GeoJSON Feature, if it exists and lies in scope. */
    public Optional<String> featureById(long id, CaseScope scope) throws SQLException {
        SqlText q = new SqlText(Layer.CASES.featureByIdSql("") + " AND ", id).add(scope.condition());
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Where a point falls: its current grid cell and that cell's community, district and worker. */
    public record Location(long cellId, String cellCode, long communityId, long districtId, Long workerId) {}

    /** How much of the people in a case the reader may see (issue 11). */
    public enum Visibility {
        /** Dispatchers and admins: staff names; reporter masked, full details on request (audited). */
        COMMAND,
        /** Grid workers: staff names, reporter masked. */
        STAFF,
        /** Viewers and tokens: roles instead of staff names, reporter masked. */
        PUBLIC
    }

    /**
     * One case in full, as a GeoJSON Feature: history, photos, duplicates merged into it, the
     * reporter masked, and the actions the caller may take now. Empty when absent or out of scope.
     */
    public Optional<String> detail(long id, CaseAction.Caller caller, Visibility v) throws SQLException {
        SqlText q = new SqlText("SELECT " + DETAIL + " FROM cases t JOIN case_category k ON k.code = t.category_code"
                + " LEFT JOIN grid_cell g ON g.id = t.cell_id LEFT JOIN admin_unit cm ON cm.id = t.community_id"
                + " LEFT JOIN admin_unit d ON d.id = t.district_id LEFT JOIN app_user u ON u.id = t.assignee_id"
                + " LEFT JOIN department dep ON dep.id = t.department_id LEFT JOIN case_reporter r ON r.case_id = t.id"
                + " WHERE t.id = ? AND ", id).add(caller.scope().condition());
        String text;
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            text = rs.getString(1);
        }
        try {
            ObjectNode f = (ObjectNode) JSON.readTree(text);
            ObjectNode p = (ObjectNode) f.get("properties");
            Location where = new Location(p.get("cell_id").asLong(), p.get("cell_code").asText(), p.get("community_id").asLong(),
                    p.get("district_id").asLong(), p.get("cell_worker_id").isNull() ? null : p.get("cell_worker_id").asLong());
            CaseAction.CaseFacts facts = new CaseAction.CaseFacts(CaseStatus.byDb(p.get("status").asText()).orElseThrow(),
                    p.get("assignee_id").isNull() ? null : p.get("assignee_id").asLong(), where);
            ArrayNode actions = p.putArray("actions");
            for (CaseAction a : CaseAction.allowedNow(caller, facts)) actions.add(a.db);
            if (p.get("reporter").isObject()) {
                ObjectNode r = (ObjectNode) p.get("reporter");
                r.put("name", Masking.name(r.path("name").isNull() ? null : r.path("name").asText()));
                r.put("phone", Masking.phone(r.path("phone").isNull() ? null : r.path("phone").asText()));
                r.put("masked", true);
                r.put("full_available", v == Visibility.COMMAND);
            }
            if (v == Visibility.PUBLIC) {
                p.putNull("assignee_name");
                for (var e : p.withArray("history")) ((ObjectNode) e).putNull("actor_name").putNull("assignee_name");
            }
            return Optional.of(JSON.writeValueAsString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String DETAIL = """
            json_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.geom, 7)::json, 'properties', json_build_object(
              'id', t.id, 'code', t.code, 'category_code', t.category_code, 'category_name', k.name, 'category_name_en', k.name_en,
              'major_name', k.major_name, 'kind', k.kind, 'status', t.status, 'priority', t.priority, 'source', t.source,
              'description', t.description, 'address', t.address, 'media_url', t.media_url,
              'reported_at', t.reported_at, 'registered_at', t.registered_at, 'dispatched_at', t.dispatched_at,
              'handled_at', t.handled_at, 'closed_at', t.closed_at, 'updated_at', t.updated_at,
              'due_at', t.due_at, 'close_due_at', t.close_due_at, """ + CaseFilter.flagsSql() + """
              , 'rework_count', t.rework_count, 'status_note', t.status_note,
              'merged_into_id', t.merged_into_id, 'merged_into_code', (SELECT code FROM cases m WHERE m.id = t.merged_into_id),
              'cell_id', t.cell_id, 'cell_code', g.code, 'cell_worker_id', g.worker_id, 'community_id', t.community_id,
              'community_name', cm.name, 'district_id', t.district_id, 'district_name', d.name,
              'assignee_id', t.assignee_id, 'assignee_name', u.display_name,
              'department_id', t.department_id, 'department_name', dep.name, 'department_name_en', dep.name_en,
              'version', t.version,
              'reporter', CASE WHEN r.case_id IS NULL THEN NULL ELSE json_build_object('name', r.name, 'phone', r.phone,
                'contact_preference', r.contact_preference) END,
              'photos', (SELECT coalesce(json_agg(json_build_object('id', p.id, 'event_id', p.event_id, 'width', p.width,
                'height', p.height, 'content_type', p.content_type) ORDER BY p.id), '[]') FROM case_photo p WHERE p.case_id = t.id),
              'duplicates', (SELECT coalesce(json_agg(json_build_object('id', x.id, 'code', x.code) ORDER BY x.id), '[]')
                FROM cases x WHERE x.merged_into_id = t.id),
              'history', (SELECT coalesce(json_agg(json_build_object('id', e.id, 'at', e.at, 'action', e.action,
                'from_status', e.from_status, 'to_status', e.to_status, 'note', e.note, 'actor_name', coalesce(au.display_name, e.actor_name),
                'actor_role', au.role, 'assignee_name', ua.display_name, 'department_name', de.name,
                'related_case_id', e.related_case_id, 'related_case_code', rc.code,
                'photos', (SELECT coalesce(json_agg(p.id ORDER BY p.id), '[]') FROM case_photo p WHERE p.event_id = e.id)) ORDER BY e.id), '[]')
                FROM case_event e LEFT JOIN app_user au ON au.id = e.actor_id LEFT JOIN app_user ua ON ua.id = e.assignee_id
                LEFT JOIN department de ON de.id = e.department_id LEFT JOIN cases rc ON rc.id = e.related_case_id
                WHERE e.case_id = t.id)))::text""";

    /** The list columns of a case (no geometry; lon/lat instead). */
    private static final String ROW = """
            json_build_object('id', t.id, 'code', t.code, 'category_code', t.category_code, 'category_name', k.name,
              'category_name_en', k.name_en, 'status', t.status, 'priority', t.priority, 'source', t.source,
              'description', left(t.description, 200), 'address', t.address, 'reported_at', t.reported_at, 'due_at', t.due_at,
              'closed_at', t.closed_at, 'updated_at', t.updated_at, 'cell_code', g.code, 'community_name', cm.name,
              'lon', round(ST_X(t.geom)::numeric, 7), 'lat', round(ST_Y(t.geom)::numeric, 7), 'rework_count', t.rework_count, """
            + CaseFilter.flagsSql() + ")";
    private static final String ROW_FROM = " FROM cases t JOIN case_category k ON k.code = t.category_code"
            + " LEFT JOIN grid_cell g ON g.id = t.cell_id LEFT JOIN admin_unit cm ON cm.id = t.community_id";

    public enum Sort { NEWEST, DUE }

    /** A page of cases as JSON {total, items}, newest first or most urgent first. */
    public String list(CaseFilter f, CaseScope scope, Sort sort, int limit, int offset) throws SQLException {
        SqlText where = f.where(scope);
        String order = sort == Sort.DUE ? " ORDER BY t.due_at NULLS LAST, t.id" : " ORDER BY t.reported_at DESC, t.id DESC";
        SqlText q = new SqlText("SELECT json_build_object('total', (SELECT count(*) FROM cases t").add(where)
                .add("), 'items', (SELECT coalesce(json_agg(r ORDER BY n), '[]') FROM (SELECT " + ROW + " AS r, row_number() OVER ("
                        + order + ") AS n" + ROW_FROM).add(where).add(order + " LIMIT ? OFFSET ?) s))::text", limit, offset);
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The map: a GeoJSON FeatureCollection of case points, or, when more than
     * {@link #MAP_POINT_LIMIT} match, one feature per grid cell with counts ({@code aggregated}).
     */
    public String map(CaseFilter f, CaseScope scope) throws SQLException {
        SqlText where = f.where(scope);
        try (Connection c = ds.getConnection()) {
            long n;
            try (PreparedStatement ps = new SqlText("SELECT count(*) FROM (SELECT 1 FROM cases t").add(where)
                    .add(" LIMIT ?) s", MAP_POINT_LIMIT + 1).prepare(c); ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getLong(1);
            }
            SqlText q;
            if (n <= MAP_POINT_LIMIT) {
                q = new SqlText("SELECT json_build_object('type', 'FeatureCollection', 'aggregated', false, 'features',"
                        + " coalesce(json_agg(json_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.geom, 7)::json,"
                        + " 'properties', json_build_object('id', t.id, 'code', t.code, 'status', t.status, 'category_code', t.category_code,"
                        + " 'priority', t.priority, " + CaseFilter.flagsSql() + ")) ORDER BY t.id), '[]'))::text FROM cases t").add(where);
            } else {
                q = new SqlText("SELECT json_build_object('type', 'FeatureCollection', 'aggregated', true, 'features',"
                        + " coalesce(json_agg(json_build_object('type', 'Feature', 'id', g.id, 'geometry', ST_AsGeoJSON(ST_PointOnSurface(g.geom), 7)::json,"
                        + " 'properties', json_build_object('cell_id', g.id, 'cell_code', g.code, 'count', s.n, 'overdue', s.overdue,"
                        + " 'in_progress', s.in_progress)) ORDER BY g.id), '[]'))::text"
                        + " FROM (SELECT t.cell_id, count(*) AS n, count(*) FILTER (WHERE t.status IN (" + CaseStatus.inProgressSqlList()
                        + ") AND t.due_at < now()) AS overdue, count(*) FILTER (WHERE t.status IN (" + CaseStatus.inProgressSqlList()
                        + ")) AS in_progress FROM cases t").add(where).add(" GROUP BY t.cell_id) s JOIN grid_cell g ON g.id = s.cell_id");
            }
            try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Counts in scope: by status, overdue and due soon, and the caller's area as a box (a grid
     * worker's map opens on their own cells, a dispatcher's on their district), as JSON.
     */
    public String summary(CaseScope scope) throws SQLException {
        SqlText q = new SqlText("SELECT json_build_object('area', (SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))"
                + " FROM (SELECT ST_Extent(g.geom) AS e FROM grid_cell g WHERE g.valid_to IS NULL AND ").add(scope.cellCondition()).add(") x WHERE e IS NOT NULL),"
                + " 'by_status', coalesce((SELECT json_object_agg(status, n) FROM"
                + " (SELECT t.status, count(*) AS n FROM cases t WHERE ").add(scope.condition()).add(" GROUP BY t.status) s), '{}'),"
                + " 'overdue', (SELECT count(*) FROM cases t").add(new CaseFilter(null, null, CaseFilter.Due.OVERDUE, null, null, null, null, null)
                        .where(scope)).add("), 'due_soon', (SELECT count(*) FROM cases t")
                .add(new CaseFilter(null, null, CaseFilter.Due.SOON, null, null, null, null, null).where(scope)).add("))::text");
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Possible duplicates of a new report: cases of the category still being worked on (or
     * parked) within radius metres of the point, reported in the last days, nearest first.
     */
    public String nearby(double lon, double lat, String categoryCode, int radiusMetres, int days, CaseScope scope) throws SQLException {
        // the box in degrees prefilters on the GiST index; the exact test is on the ellipsoid
        double dLat = radiusMetres / 111_320.0, dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(lat)));
        SqlText q = new SqlText("SELECT coalesce(json_agg(r ORDER BY dist), '[]')::text FROM (SELECT " + ROW.replace(
                "'rework_count', t.rework_count,", "'rework_count', t.rework_count, 'distance_m', round(ST_Distance(t.geom::geography, p.pt::geography)::numeric, 1),")
                + " AS r, ST_Distance(t.geom::geography, p.pt::geography) AS dist" + ROW_FROM
                + " CROSS JOIN (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS pt) p WHERE ", lon, lat).add(scope.condition())
                .add(" AND t.category_code = ? AND t.status IN (" + CaseStatus.inProgressSqlList() + ",'parked')", categoryCode)
                .add(" AND t.reported_at > now() - ?::interval", days + " days")
                .add(" AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", lon - dLon, lat - dLat, lon + dLon, lat + dLat)
                .add(" AND ST_DWithin(t.geom::geography, p.pt::geography, ?) LIMIT 20) s", (double) radiusMetres);
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    public record PhotoBytes(String contentType, byte[] bytes) {}

    /** A photo of a case in scope (or its thumbnail). */
    public Optional<PhotoBytes> photo(long caseId, long photoId, boolean thumb, CaseScope scope) throws SQLException {
        SqlText q = new SqlText("SELECT p.content_type, p." + (thumb ? "thumb" : "bytes")
                + " FROM case_photo p JOIN cases t ON t.id = p.case_id WHERE p.id = ? AND p.case_id = ? AND ", photoId, caseId)
                .add(scope.condition());
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new PhotoBytes(thumb ? "image/jpeg" : rs.getString(1), rs.getBytes(2)));
        }
    }

    /**
     * The reporter's full details of a case in scope, for the command centre to contact them.
     * The read itself is audited (who saw which case's personal data, when), in the same
     * transaction: no audit row, no details. Empty when the case is out of scope or has none.
     */
    public Optional<String> reporterDetails(long caseId, CaseScope scope, Actor actor) throws SQLException {
        return Tx.run(ds, c -> {
            SqlText q = new SqlText("SELECT json_build_object('case_id', t.id, 'code', t.code, 'name', r.name, 'phone', r.phone,"
                    + " 'contact_preference', r.contact_preference)::text FROM cases t JOIN case_reporter r ON r.case_id = t.id"
                    + " WHERE t.id = ? AND ", caseId).add(scope.condition());
            String json;
            try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.<String>empty();
                json = rs.getString(1);
            }
            AuditLog.write(c, actor, "case.reporter.read", "cases", caseId, null, "{\"fields\":[\"name\",\"phone\",\"contact_preference\"]}");
            return Optional.of(json);
        });
    }

    /** CSV columns of the case export, in order. */
    static final List<String> CSV_COLUMNS = List.of("code", "category_code", "category", "status", "priority", "source", "reported_at",
            "due_at", "closed_at", "overdue", "rework_count", "district", "community", "cell_code", "address", "description", "lon", "lat");

    /**
     * Writes the matching cases as CSV (UTF-8 with BOM, so spreadsheets read the Chinese text),
     * without any reporter details.
     */
    public void writeCsv(CaseFilter f, CaseScope scope, Writer out) throws SQLException {
        SqlText q = new SqlText("SELECT t.code, t.category_code, k.name, t.status, t.priority, t.source, t.reported_at, t.due_at,"
                + " t.closed_at, (t.status IN (" + CaseStatus.inProgressSqlList() + ") AND t.due_at < now()), t.rework_count, d.name, cm.name,"
                + " g.code, t.address, t.description, round(ST_X(t.geom)::numeric, 7), round(ST_Y(t.geom)::numeric, 7)"
                + ROW_FROM + " LEFT JOIN admin_unit d ON d.id = t.district_id").add(f.where(scope)).add(" ORDER BY t.reported_at, t.id");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = q.prepare(c)) {
                ps.setFetchSize(2000);
                Csv.bom(out);
                Csv.row(out, CSV_COLUMNS);
                try (ResultSet rs = ps.executeQuery()) {
                    String[] v = new String[CSV_COLUMNS.size()];
                    while (rs.next()) {
                        for (int i = 0; i < v.length; i++) v[i] = rs.getString(i + 1);
                        Csv.row(out, java.util.Arrays.asList(v));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                c.rollback();
            }
        }
    }
}
