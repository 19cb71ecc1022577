package gridmap.data.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.SqlText;

/**
 * Cases as Open311 GeoReport v2 sees them: services (the categories) and service requests with
 * open/closed, dates, the deadline as expected_datetime, and never any reporter's details.
 */
public final class Open311Queries {
    private static final String TIME = "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'";

    private final DataSource ds;

    public Open311Queries(DataSource ds) { this.ds = ds; }

    public String services() throws SQLException {
        return one(new SqlText("""
                SELECT coalesce(json_agg(json_build_object('service_code', code, 'service_name', name, 'description', major_name || ' / ' || name
                  || ' (' || name_en || ')', 'metadata', false, 'type', 'realtime', 'keywords', name_en, 'group', major_name) ORDER BY code), '[]')::text
                FROM case_category WHERE active"""));
    }

    public Optional<String> service(String code) throws SQLException {
        String s = one(new SqlText("SELECT json_build_object('service_code', code, 'attributes', '[]'::json)::text FROM case_category"
                + " WHERE code = ? AND active", code));
        return Optional.ofNullable(s);
    }

    private static final String REQUEST = """
            json_build_object('service_request_id', t.code,
              'status', CASE WHEN t.status IN (%s,'parked') THEN 'open' ELSE 'closed' END,
              'status_notes', CASE t.status WHEN 'closed' THEN '已核查结案 fixed'
                WHEN 'closed_not_fixed' THEN '无法修复 not fixed: ' || coalesce(t.status_note, '')
                WHEN 'rejected' THEN '不予立案 not accepted: ' || coalesce(t.status_note, '')
                WHEN 'merged' THEN '重复案件 duplicate of ' || (SELECT m.code FROM cases m WHERE m.id = t.merged_into_id)
                WHEN 'parked' THEN '挂账 parked: ' || coalesce(t.status_note, '') ELSE t.status END,
              'service_name', k.name, 'service_code', t.category_code, 'description', t.description,
              'agency_responsible', dep.name, 'service_notice', '',
              'requested_datetime', to_char(t.reported_at AT TIME ZONE 'Asia/Shanghai', %s),
              'updated_datetime', to_char(t.updated_at AT TIME ZONE 'Asia/Shanghai', %s),
              'expected_datetime', to_char(coalesce(t.close_due_at, t.due_at) AT TIME ZONE 'Asia/Shanghai', %s),
              'address', t.address, 'address_id', NULL, 'zipcode', NULL,
              'lat', round(ST_Y(t.geom)::numeric, 7), 'long', round(ST_X(t.geom)::numeric, 7),
              'media_url', coalesce(t.media_url, (SELECT ? || '/api/cases/' || t.id || '/photos/' || min(p.id) FROM case_photo p
                WHERE p.case_id = t.id HAVING count(*) > 0)))""".formatted(CaseStatus.inProgressSqlList(), TIME, TIME, TIME);
    private static final String FROM = " FROM cases t JOIN case_category k ON k.code = t.category_code"
            + " LEFT JOIN department dep ON dep.id = t.department_id WHERE ";

    /** Requests by code (service_request_id), in scope, as a JSON array. */
    public String byCodes(List<String> codes, CaseScope scope, String baseUrl) throws SQLException {
        return one(new SqlText("SELECT coalesce(json_agg(r ORDER BY n), '[]')::text FROM (SELECT " + REQUEST + " AS r, array_position(?::text[], t.code) AS n",
                baseUrl, codes.toArray(String[]::new)).add(FROM).add(scope.condition())
                .add(" AND t.code = ANY(?::text[])) s", (Object) codes.toArray(String[]::new)));
    }

    /** Requests reported in [start, end), optionally open or closed and of one service, newest first, at most limit. */
    public String search(OffsetDateTime start, OffsetDateTime end, Boolean open, String serviceCode, CaseScope scope, String baseUrl,
                         int limit) throws SQLException {
        SqlText q = new SqlText("SELECT coalesce(json_agg(r ORDER BY at DESC, id DESC), '[]')::text FROM (SELECT " + REQUEST
                + " AS r, t.reported_at AS at, t.id", baseUrl).add(FROM).add(scope.condition())
                .add(" AND t.reported_at >= ? AND t.reported_at < ?", start, end);
        if (open != null) q.add(" AND t.status " + (open ? "" : "NOT ") + "IN (" + CaseStatus.inProgressSqlList() + ",'parked')");
        if (serviceCode != null) q.add(" AND t.category_code = ?", serviceCode);
        q.add(" ORDER BY t.reported_at DESC, t.id DESC LIMIT ?) s", limit);
        return one(q);
    }

    /**
     * A point for an address given as text (Open311's address_string without lat/long): the
     * interior point of the grid cell or community whose name the text contains, the longest
     * (most specific) name first. Empty when no name matches.
     */
    public Optional<double[]> locateAddress(String address) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT ST_X(p), ST_Y(p) FROM (
                  SELECT ST_PointOnSurface(geom) AS p, length(name) AS l, 1 AS rank FROM grid_cell
                  WHERE valid_to IS NULL AND name IS NOT NULL AND length(name) >= 2 AND strpos(?, name) > 0
                  UNION ALL
                  SELECT ST_PointOnSurface(geom), length(name), 2 FROM admin_unit
                  WHERE valid_to IS NULL AND level = 'community' AND length(name) >= 2 AND strpos(?, name) > 0) m
                ORDER BY l DESC, rank LIMIT 1""")) {
            ps.setString(1, address);
            ps.setString(2, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new double[] {rs.getDouble(1), rs.getDouble(2)}) : Optional.empty();
            }
        }
    }

    private String one(SqlText q) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, q); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Arrays travel as SQL arrays; everything else as is. */
    private static PreparedStatement prepare(Connection c, SqlText q) throws SQLException {
        PreparedStatement ps = c.prepareStatement(q.sql());
        List<Object> args = q.args();
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] arr) ps.setArray(i + 1, c.createArrayOf("text", arr)); else ps.setObject(i + 1, a);
        }
        return ps;
    }
}
