package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.audit.AuditLog.RawJson;
import gridmap.data.map.Layer;
import gridmap.geo.hydro.HydroBasin;

/** Basins as stored: single basins, networks by level, the members of a set and their union. */
public final class BasinRepository {
    private final DataSource ds;

    public BasinRepository(DataSource ds) { this.ds = ds; }

    /** What identifies a basin to a reader. */
    public record BasinRef(long id, String code, String name, int level, String pfafCode, Double upAreaKm2, Double distMainKm) {}

    private static final String REF = "SELECT id, code, name, level, pfaf_code, up_area_km2, dist_main_km FROM river_basin ";

    private static BasinRef ref(java.sql.ResultSet rs) throws SQLException {
        return new BasinRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                (Double) rs.getObject(6), (Double) rs.getObject(7));
    }

    public Optional<BasinRef> byId(long id) throws SQLException {
        try (Connection c = ds.getConnection()) { return new Stmt(REF + "WHERE id = ?", id).one(c, BasinRepository::ref); }
    }

    BasinRef byCode(Connection c, String code) throws SQLException {
        return new Stmt(REF + "WHERE code = ?", code).one(c, BasinRepository::ref).orElseThrow();
    }

    /** The basin of the finest level that holds the point, if any. */
    public Optional<BasinRef> finestAt(double lon, double lat) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt(REF + "WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY level DESC, id LIMIT 1", lon, lat)
                    .one(c, BasinRepository::ref);
        }
    }

    /** One basin as GeoJSON Feature text (the basins layer's properties). */
    public Optional<String> featureById(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt(Layer.BASINS.featureByIdSql(""), id).one(c, rs -> rs.getString(1));
        }
    }

    /** The basins of one level as a network keyed by code (no geometry). */
    public List<HydroBasin> level(int level) throws SQLException {
        try (Connection c = ds.getConnection()) { return storedLevel(c, level); }
    }

    /** Code and name of every basin of a level. */
    List<String[]> names(int level) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("SELECT code, name FROM river_basin WHERE level = ?", level).list(c, rs -> new String[] {rs.getString(1), rs.getString(2)});
        }
    }

    /** The revision of the basins: it moves whenever any basin is written (migration V32). */
    public long revision() throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("SELECT revision FROM river_basin_revision").one(c, rs -> rs.getLong(1)).orElse(0L);
        }
    }

    /** The levels that hold basins, lowest first. */
    public List<Integer> levels() throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("SELECT DISTINCT level FROM river_basin ORDER BY level").list(c, rs -> rs.getInt(1));
        }
    }

    static List<HydroBasin> storedLevel(Connection c, int level) throws SQLException {
        return new Stmt("""
                SELECT b.code, d.code, b.pfaf_code, m.code, b.sub_area_km2, b.up_area_km2, b.dist_main_km
                FROM river_basin b LEFT JOIN river_basin d ON d.id = b.next_down_id LEFT JOIN river_basin m ON m.id = b.main_basin_id
                WHERE b.level = ? ORDER BY b.id""", level)
                .list(c, rs -> new HydroBasin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        (Double) rs.getObject(6), (Double) rs.getObject(7), null));
    }

    /** A basin in a result set, with its own area (SUB_AREA: as published, or measured when the source had none). */
    public record Member(long id, String code, String name, int level, String pfafCode, double areaKm2, Double distMainKm) {}

    /** The basins with these codes, in the order given. */
    public List<Member> members(List<String> codes) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new Stmt("""
                    SELECT b.id, b.code, b.name, b.level, b.pfaf_code, b.sub_area_km2, b.dist_main_km
                    FROM unnest(?::text[]) WITH ORDINALITY AS w(code, n) JOIN river_basin b ON b.code = w.code ORDER BY w.n""",
                    (Object) codes.toArray(String[]::new))
                    .list(c, rs -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getDouble(6), (Double) rs.getObject(7)));
        }
    }

    /** The union of the basins with these ids as GeoJSON (they tile, so the union has no seams). */
    public Optional<RawJson> union(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return Optional.empty();
        try (Connection c = ds.getConnection()) {
            return new Stmt("SELECT ST_AsGeoJSON(ST_Union(geom), 6) FROM river_basin WHERE id = ANY(?)", (Object) ids.toArray(Long[]::new))
                    .one(c, rs -> rs.getString(1)).map(RawJson::new);
        }
    }
}
