package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.audit.AuditLog.RawJson;
import gridmap.data.water.BasinRepository.BasinRef;
import gridmap.data.water.BasinRepository.Member;
import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.BasinNetwork.Method;

/**
 * Upstream and downstream of a basin: the network of its level is loaded and navigated in
 * {@code geo.hydro} by the method asked for (walk or Pfafstetter rule), then the basins found
 * are described from the database — their areas, their union, the reaches in them, the
 * projects in or across them — with distances along the network from DIST_MAIN.
 */
public final class Navigation {
    public enum Direction { UPSTREAM, DOWNSTREAM }

    /** A basin found, with its distance along the network from the asked basin (km; null when unknown). */
    public record Found(long id, String code, String name, String pfafCode, double areaKm2, Double distanceKm) {}

    public record ReachRow(long id, String code, String name, String riverName, double lengthKm) {}

    /**
     * The answer: the basins (nearest first), their total area and, upstream, the drainage area at
     * the basin's outlet (its own area plus theirs) beside the published UP_AREA.
     */
    public record Result(BasinRef basin, Direction direction, Method method, List<Found> basins, double areaKm2,
                         Double drainageAreaKm2, Double publishedUpAreaKm2, RawJson geometry, List<ReachRow> reaches,
                         List<ProjectSummary> projects) {}

    private final DataSource ds;
    private final BasinRepository basins;

    public Navigation(DataSource ds) {
        this.ds = ds;
        this.basins = new BasinRepository(ds);
    }

    public Optional<Result> navigate(long basinId, Direction direction, Method method, boolean withGeometry) throws SQLException {
        Optional<BasinRef> found = basins.byId(basinId);
        if (found.isEmpty()) return Optional.empty();
        BasinRef basin = found.get();
        BasinNetwork net = network(basin.level());
        List<String> codes = direction == Direction.UPSTREAM ? net.upstream(basin.code(), method) : net.downstream(basin.code(), method);
        List<Member> members = basins.members(codes);
        List<Found> out = new ArrayList<>();
        double area = 0;
        for (Member m : members) {
            area += m.areaKm2();
            Double d = basin.distMainKm() == null || m.distMainKm() == null ? null
                    : Math.abs(m.distMainKm() - basin.distMainKm());
            out.add(new Found(m.id(), m.code(), m.name(), m.pfafCode(), m.areaKm2(), d));
        }
        // nearest first along the water (by links when distances are unknown: the walk's own order)
        if (out.stream().allMatch(f -> f.distanceKm() != null)) {
            out.sort(java.util.Comparator.comparingDouble(Found::distanceKm).thenComparing(Found::pfafCode));
        }
        List<Long> ids = out.stream().map(Found::id).toList();
        Double drainage = null;
        if (direction == Direction.UPSTREAM) {
            drainage = area + basins.members(List.of(basin.code())).get(0).areaKm2();
        }
        try (Connection c = ds.getConnection()) {
            return Optional.of(new Result(basin, direction, method, out, area, drainage, basin.upAreaKm2(),
                    withGeometry ? basins.union(ids).orElse(null) : null, reaches(c, ids), projects(c, ids)));
        }
    }

    private record Cached(long revision, BasinNetwork network) {}

    /** Networks by level, kept while river_basin's revision (V32) stays the same. */
    private final java.util.Map<Integer, Cached> networks = new java.util.concurrent.ConcurrentHashMap<>();

    /** The network of one level: from memory while the basins are unchanged, else loaded and checked again. */
    BasinNetwork network(int level) throws SQLException {
        long revision = basins.revision();
        Cached c = networks.get(level);
        if (c == null || c.revision() != revision) {
            c = new Cached(revision, BasinNetwork.of(basins.level(level)));
            networks.put(level, c);
        }
        return c.network();
    }

    private static List<ReachRow> reaches(Connection c, List<Long> basinIds) throws SQLException {
        return new Stmt("""
                SELECT r.id, r.code, r.name, v.name, r.length_m / 1000 FROM river_reach r JOIN river v ON v.id = r.river_id
                WHERE r.basin_id = ANY(?) ORDER BY r.code""", (Object) basinIds.toArray(Long[]::new))
                .list(c, rs -> new ReachRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5)));
    }

    /** Current projects lying in or crossing any of the basins. */
    static List<ProjectSummary> projects(Connection c, List<Long> basinIds) throws SQLException {
        return new Stmt("SELECT " + ProjectSummary.COLUMNS + ProjectSummary.FROM + """
                WHERE p.retired_at IS NULL AND EXISTS (SELECT 1 FROM river_basin b WHERE b.id = ANY(?) AND b.geom && p.geom
                  AND ST_Intersects(b.geom, p.geom)) ORDER BY p.code""", (Object) basinIds.toArray(Long[]::new)).list(c, ProjectSummary::of);
    }
}
