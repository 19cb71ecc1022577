package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import gridmap.geo.hydro.HydroBasin;

/** Basins as stored: networks by level for navigation and checks. */
public final class BasinRepository {
    private BasinRepository() {}

    /** The basins of one level as a network keyed by code (geometry not loaded). */
    static List<HydroBasin> storedLevel(Connection c, int level) throws SQLException {
        return new Stmt("""
                SELECT b.code, d.code, b.pfaf_code, m.code, b.sub_area_km2, b.up_area_km2, b.dist_main_km
                FROM river_basin b LEFT JOIN river_basin d ON d.id = b.next_down_id LEFT JOIN river_basin m ON m.id = b.main_basin_id
                WHERE b.level = ? ORDER BY b.id""", level)
                .list(c, rs -> new HydroBasin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        (Double) rs.getObject(6), (Double) rs.getObject(7), null));
    }
}
