package gridmap.data.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Collectors;

import gridmap.data.SqlText;
import gridmap.geo.Bbox;

/**
 * What a list, the map or an export asks for: states, a category, overdue or due soon, only
 * the caller's own work, a period of report dates (UTC+8 days, inclusive), a box, a code prefix.
 * Null fields do not filter. The caller's scope is always added.
 */
public record CaseFilter(Set<CaseStatus> statuses, String categoryCode, Due due, Long mineUserId, LocalDate from, LocalDate to,
                         Bbox bbox, String codePrefix) {
    /** A case is due soon when its current step ends within this time. */
    public static final Duration DUE_SOON = Duration.ofHours(2);

    public enum Due { OVERDUE, SOON }

    public static CaseFilter all() { return new CaseFilter(null, null, null, null, null, null, null, null); }

    /** The WHERE condition on the cases alias {@code t}, scope included. */
    public SqlText where(CaseScope scope) {
        SqlText w = new SqlText(" WHERE ").add(scope.condition());
        if (statuses != null && !statuses.isEmpty()) {
            w.add(" AND t.status IN (" + statuses.stream().map(s -> "'" + s.db + "'").collect(Collectors.joining(",")) + ")");
        }
        if (categoryCode != null) w.add(" AND t.category_code = ?", categoryCode);
        if (due == Due.OVERDUE) w.add(" AND t.status IN (" + CaseStatus.inProgressSqlList() + ") AND t.due_at < now()");
        if (due == Due.SOON) {
            w.add(" AND t.status IN (" + CaseStatus.inProgressSqlList() + ") AND t.due_at >= now() AND t.due_at < now() + ?::interval",
                    DUE_SOON.toMinutes() + " minutes");
        }
        if (mineUserId != null) {
            w.add(" AND (t.assignee_id = ? OR t.cell_id IN (SELECT id FROM grid_cell WHERE worker_id = ?))", mineUserId, mineUserId);
        }
        if (from != null) w.add(" AND t.reported_at >= ?", from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime());
        if (to != null) w.add(" AND t.reported_at < ?", to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime());
        if (bbox != null) {
            w.add(" AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", bbox.minLon(), bbox.minLat(), bbox.maxLon(), bbox.maxLat());
        }
        if (codePrefix != null) w.add(" AND t.code LIKE ? ESCAPE '\\'", gridmap.data.Like.prefix(codePrefix));
        return w;
    }

    /** SQL flags of a row: overdue and due soon, as the lists and the map show them. */
    static String flagsSql() {
        return "'overdue', (t.status IN (" + CaseStatus.inProgressSqlList() + ") AND t.due_at < now()),"
                + " 'due_soon', (t.status IN (" + CaseStatus.inProgressSqlList() + ") AND t.due_at >= now()"
                + " AND t.due_at < now() + interval '" + DUE_SOON.toMinutes() + " minutes')";
    }

    static OffsetDateTime startOf(LocalDate d) { return d.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime(); }
}
