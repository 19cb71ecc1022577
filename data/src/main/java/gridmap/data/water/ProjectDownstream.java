package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import gridmap.data.water.BasinRepository.Member;
import gridmap.data.water.Navigation.Found;
import gridmap.geo.hydro.BasinNetwork;

/**
 * Everything downstream of a project to the outlet: the basins below the ones it lies in (by
 * the walk on next_down), the districts they cover, the reaches from the project's nearest point
 * on the river down to the outlet with distances, and the projects further down.
 */
public final class ProjectDownstream {
    private final DataSource ds;
    private final BasinRepository basins;

    public ProjectDownstream(DataSource ds) {
        this.ds = ds;
        this.basins = new BasinRepository(ds);
    }

    public record DistrictArea(long id, String code, String name, double areaKm2) {}

    public record Result(long projectId, List<String> inBasins, List<Found> basins, double areaKm2, List<DistrictArea> districts,
                         WaterTrace.Snap river, List<WaterTrace.DownReach> reaches, List<ProjectSummary> projects) {}

    public Optional<Result> of(long projectId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<Double> primaryDist = new Stmt("SELECT b.dist_main_km FROM water_project p LEFT JOIN river_basin b ON b.id = p.basin_id WHERE p.id = ?",
                    projectId).one(c, rs -> (Double) rs.getObject(1));
            if (primaryDist.isEmpty()) return Optional.empty();
            List<String> own = new ProjectRepository(ds).basinsOf(c, projectId);
            Set<String> below = new LinkedHashSet<>();
            if (!own.isEmpty()) {
                int level = basins.byCode(c, own.get(0)).level();
                BasinNetwork net = BasinNetwork.of(BasinRepository.storedLevel(c, level));
                for (String code : own) below.addAll(net.downstream(code, BasinNetwork.Method.WALK));
                below.removeAll(own);
            }
            List<Found> found = new ArrayList<>();
            double area = 0;
            for (Member m : basins.members(new ArrayList<>(below))) {
                area += m.areaKm2();
                Double d = primaryDist.get() == null || m.distMainKm() == null ? null : Math.max(0, primaryDist.get() - m.distMainKm());
                found.add(new Found(m.id(), m.code(), m.name(), m.pfafCode(), m.areaKm2(), d));
            }
            found.sort(Comparator.comparing((Found f) -> f.distanceKm() == null ? Double.MAX_VALUE : f.distanceKm()).thenComparing(Found::code));
            List<Long> ids = found.stream().map(Found::id).toList();
            List<DistrictArea> districts = ids.isEmpty() ? List.of() : new Stmt("""
                    WITH u AS (SELECT ST_Union(geom) AS geom FROM river_basin WHERE id = ANY(?))
                    SELECT d.id, d.code, d.name, ST_Area(ST_Intersection(d.geom, u.geom)::geography) / 1e6 AS km2
                    FROM admin_unit d, u WHERE d.level = 'district' AND d.valid_to IS NULL AND d.geom && u.geom AND ST_Intersects(d.geom, u.geom)
                    ORDER BY km2 DESC""", (Object) ids.toArray(Long[]::new))
                    .list(c, rs -> new DistrictArea(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
            byte[] wkb = new Stmt("SELECT ST_AsBinary(geom) FROM water_project WHERE id = ?", projectId).one(c, rs -> rs.getBytes(1)).orElseThrow();
            Optional<WaterTrace.Snap> snap = WaterTrace.snap(c, wkb, WaterTrace.MAX_SOURCE_SNAP_M);
            List<WaterTrace.DownReach> reaches = snap.isPresent() ? WaterTrace.downstream(c, snap.get()) : List.of();
            List<ProjectSummary> projects = Navigation.projects(c, ids).stream().filter(p -> p.id() != projectId).toList();
            return Optional.of(new Result(projectId, own, found, area, districts, snap.orElse(null), reaches, projects));
        }
    }
}
