package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import javax.sql.DataSource;

import gridmap.data.audit.AuditLog.RawJson;
import gridmap.geo.hydro.ReachNetwork;
import gridmap.geo.hydro.ReachNetwork.Position;

/**
 * Distances along the water. A place is put on the river network at the nearest point of the
 * nearest reach (PostGIS), and the network is walked in {@code geo.hydro}: what lies upstream of
 * a place within a distance (pollution tracing: the projects and open water cases that could be
 * the source, nearest first), and what lies downstream of a place to the outlet.
 */
public final class WaterTrace {
    /** A place further than this from every reach is not on the river network. */
    public static final double MAX_SNAP_M = 2000;
    /** Projects and cases further than this from their nearest reach are not counted as on it. */
    public static final double MAX_SOURCE_SNAP_M = 3000;

    private final DataSource ds;

    public WaterTrace(DataSource ds) { this.ds = ds; }

    /** Where a place meets the network: the reach, metres below its upstream end, metres away from the place. */
    public record Snap(long reachId, String reachCode, String reachName, String riverName, double offsetM, double distanceM) {}

    public record TracedReach(long id, String code, String name, String riverName, double lengthKm, double distanceKm) {}

    public record TracedProject(ProjectSummary project, double distanceKm, double offRiverM) {}

    public record Trace(Snap at, double maxKm, List<TracedReach> reaches, List<TracedProject> projects, long openWaterCases,
                        List<OverlayRepository.OpenCase> cases) {}

    /** The nearest reach to the WKB geometry, if one is within maxM. */
    static Optional<Snap> snap(Connection c, byte[] wkb, double maxM) throws SQLException {
        return new Stmt("""
                WITH g AS (SELECT ST_GeomFromWKB(?, 4326) AS geom)
                SELECT r.id, r.code, r.name, v.name,
                  ST_Length(ST_LineSubstring(r.geom, 0, ST_LineLocatePoint(r.geom, ST_ClosestPoint(r.geom, g.geom)))::geography),
                  ST_Distance(r.geom::geography, g.geom::geography)
                FROM g, river_reach r JOIN river v ON v.id = r.river_id ORDER BY r.geom <-> g.geom LIMIT 1""", wkb)
                .one(c, rs -> new Snap(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6)))
                .filter(s -> s.distanceM() <= maxM);
    }

    static ReachNetwork network(Connection c) throws SQLException { return ReachNetwork.of(ReachRepository.storedReaches(c)); }

    /**
     * Pollution tracing from a place: the reaches upstream within maxKm along the water, and the
     * projects (of the given types; all when empty) and open water cases on them, nearest first.
     * Empty when the place is not within {@link #MAX_SNAP_M} of a river.
     */
    public Optional<Trace> upstream(double lon, double lat, double maxKm, Set<ProjectType> types, CaseView view) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<Snap> snap = snap(c, point(lon, lat), MAX_SNAP_M);
            if (snap.isEmpty()) return Optional.empty();
            Snap at = snap.get();
            ReachNetwork.Trace trace = network(c).upstreamWithin(new Position(at.reachCode(), at.offsetM()), maxKm * 1000);
            List<TracedReach> reaches = reaches(c, trace);
            List<String> codes = trace.reaches().stream().map(ReachNetwork.Upstream::reachId).toList();
            // candidates near the traced reaches, each put on its own nearest reach
            Stmt area = new Stmt("(SELECT ST_Expand(ST_Collect(geom), 0.03) FROM river_reach WHERE code = ANY(?))", (Object) codes.toArray(String[]::new));
            List<TracedProject> projects = new ArrayList<>();
            Stmt projectSql = new Stmt("SELECT " + ProjectSummary.COLUMNS + ", n.code, n.offset_m, n.off_m" + ProjectSummary.FROM + ", LATERAL ("
                    + NEAREST_REACH + ") n WHERE p.retired_at IS NULL AND p.geom && ").add(area.toString(), area.args())
                    .add(" AND (cardinality(?::text[]) = 0 OR p.project_type = ANY(?::text[]))",
                            types.stream().map(ProjectType::code).toArray(String[]::new), types.stream().map(ProjectType::code).toArray(String[]::new));
            for (Object[] row : projectSql.list(c, rs -> new Object[] {ProjectSummary.of(rs), rs.getString(11), rs.getDouble(12), rs.getDouble(13)})) {
                double off = (Double) row[3];
                OptionalDouble d = trace.distanceM(new Position((String) row[1], (Double) row[2]));
                if (off <= MAX_SOURCE_SNAP_M && d.isPresent()) projects.add(new TracedProject((ProjectSummary) row[0], d.getAsDouble() / 1000, off));
            }
            projects.sort(Comparator.comparingDouble(TracedProject::distanceKm).thenComparing(p -> p.project().code()));

            List<OverlayRepository.OpenCase> cases = new ArrayList<>();
            long counted = 0;
            Stmt caseSql = new Stmt("SELECT " + OverlayRepository.CASE_COLUMNS.replace("t.", "p.")
                    + ", n.code, n.offset_m, n.off_m FROM cases p JOIN case_category k ON k.code = p.category_code, LATERAL ("
                    + NEAREST_REACH + ") n WHERE p.status NOT IN ('closed', 'closed_not_fixed', 'rejected') AND p.category_code LIKE '06%' AND p.geom && ")
                    .add(area.toString(), area.args());
            Set<Long> listable = listable(c, view);
            for (Object[] row : caseSql.list(c, rs -> new Object[] {OverlayRepository.openCase(rs), rs.getString(9), rs.getDouble(10), rs.getDouble(11)})) {
                OptionalDouble d = trace.distanceM(new Position((String) row[1], (Double) row[2]));
                if ((Double) row[3] > MAX_SOURCE_SNAP_M || d.isEmpty()) continue;
                counted++;
                OverlayRepository.OpenCase k = (OverlayRepository.OpenCase) row[0];
                if (listable == null || listable.contains(k.id())) cases.add(k.withDistance(d.getAsDouble()));
            }
            cases.sort(Comparator.comparingDouble(OverlayRepository.OpenCase::distanceM).thenComparing(OverlayRepository.OpenCase::code));
            return Optional.of(new Trace(at, maxKm, reaches, projects, counted, view.lists() ? cases : List.of()));
        }
    }

    /** The traced reaches as rows, nearest first. */
    private static List<TracedReach> reaches(Connection c, ReachNetwork.Trace trace) throws SQLException {
        List<ReachNetwork.Upstream> up = trace.reaches();
        return new Stmt("""
                SELECT r.id, r.code, r.name, v.name, r.length_m / 1000, w.n FROM unnest(?::text[]) WITH ORDINALITY w(code, n)
                JOIN river_reach r ON r.code = w.code JOIN river v ON v.id = r.river_id ORDER BY w.n""",
                (Object) up.stream().map(ReachNetwork.Upstream::reachId).toArray(String[]::new))
                .list(c, rs -> new TracedReach(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        up.get(rs.getInt(6) - 1).distanceM() / 1000));
    }

    /** Where a place meets the river and every reach upstream of it, with distances: the river part of "upstream of a point". */
    public record RiverUpstream(Snap at, List<TracedReach> reaches) {}

    public Optional<RiverUpstream> riverUpstream(double lon, double lat) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<Snap> snap = snap(c, point(lon, lat), MAX_SNAP_M);
            if (snap.isEmpty()) return Optional.empty();
            ReachNetwork.Trace trace = network(c).upstreamWithin(new Position(snap.get().reachCode(), snap.get().offsetM()), Double.MAX_VALUE);
            return Optional.of(new RiverUpstream(snap.get(), reaches(c, trace)));
        }
    }

    /** A chief reach along a river reach. */
    public record AlongReach(long id, String code, String name, String level, String chiefName, String chiefPosition) {}

    /** One reach for a side panel: everything above and below it, who answers for it, the projects on it. */
    public record ReachInfo(RawJson feature, List<TracedReach> upstream, List<DownReach> downstream, List<AlongReach> chiefReaches,
                            List<ProjectSummary> projects) {}

    public Optional<ReachInfo> reach(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<String> feature = new Stmt(gridmap.data.map.Layer.RIVERS.featureByIdSql(""), id).one(c, rs -> rs.getString(1));
            if (feature.isEmpty()) return Optional.empty();
            Snap end = new Stmt("SELECT r.id, r.code, r.name, v.name, r.length_m, 0.0 FROM river_reach r JOIN river v ON v.id = r.river_id WHERE r.id = ?", id)
                    .one(c, rs -> new Snap(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6)))
                    .orElseThrow();
            ReachNetwork net = network(c);
            List<TracedReach> up = reaches(c, net.upstreamWithin(new Position(end.reachCode(), end.offsetM()), Double.MAX_VALUE)).stream()
                    .filter(r -> r.id() != id).toList();
            List<DownReach> down = downstream(c, end).stream().filter(r -> r.id() != id).toList();
            List<AlongReach> along = new Stmt("""
                    SELECT cr.id, cr.code, cr.name, cr.level, k.name, k.position FROM chief_reach cr JOIN river_reach r ON r.id = ?
                    LEFT JOIN river_chief k ON k.id = cr.chief_id
                    WHERE cr.geom && r.geom AND ST_Length(ST_Intersection(cr.geom, r.geom)::geography) > 10
                    ORDER BY array_position(ARRAY['province','city','county','township','village'], cr.level), cr.code""", id)
                    .list(c, rs -> new AlongReach(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
            List<ProjectSummary> projects = OverlayRepository.projects(c, new Stmt(
                    "SELECT ST_Buffer(geom::geography, ?)::geometry AS geom FROM river_reach WHERE id = ?", ChiefRepository.PROJECT_NEAR_M, id));
            return Optional.of(new ReachInfo(new RawJson(feature.get()), up, down, along, projects));
        }
    }

    /** The nearest reach of a row p: its code, the metres from its upstream end, the metres away. */
    static final String NEAREST_REACH = """
            SELECT r.code, ST_Length(ST_LineSubstring(r.geom, 0, ST_LineLocatePoint(r.geom, ST_ClosestPoint(r.geom, p.geom)))::geography) AS offset_m,
              ST_Distance(r.geom::geography, p.geom::geography) AS off_m
            FROM river_reach r ORDER BY r.geom <-> p.geom LIMIT 1""";

    /** Ids of the open water cases the view may list (null: all of them; empty: none). */
    private static Set<Long> listable(Connection c, CaseView view) throws SQLException {
        if (!view.lists()) return Set.of();
        if (view.scope() instanceof gridmap.data.cases.CaseScope.All) return null;
        Stmt cond = view.condition();
        return new java.util.HashSet<>(new Stmt("SELECT t.id FROM cases t WHERE " + CaseView.OPEN + " AND " + CaseView.WATER + " AND ")
                .add(cond.toString(), cond.args()).list(c, rs -> rs.getLong(1)));
    }

    /** A reach downstream of a place, with the distance from the place to the reach's upstream end. */
    public record DownReach(long id, String code, String name, String riverName, double lengthKm, double distanceKm) {}

    /** From a place on the network down to the outlet, reach by reach. */
    static List<DownReach> downstream(Connection c, Snap at) throws SQLException {
        ReachNetwork net = network(c);
        List<String> codes = new ArrayList<>(List.of(at.reachCode()));
        codes.addAll(net.downstream(at.reachCode()));
        List<DownReach> out = new ArrayList<>();
        double travelled = -at.offsetM();
        for (String code : codes) {
            double from = Math.max(0, travelled);
            out.add(new Stmt("SELECT r.id, r.code, r.name, v.name, r.length_m / 1000 FROM river_reach r JOIN river v ON v.id = r.river_id WHERE r.code = ?", code)
                    .one(c, rs -> new DownReach(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), from / 1000))
                    .orElseThrow());
            travelled += net.reach(code).lengthM();
        }
        return out;
    }

    static byte[] point(double lon, double lat) {
        return HydroWriter.wkb(gridmap.geo.Polygons.WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)));
    }
}
