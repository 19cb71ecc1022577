package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import gridmap.geo.hydro.Reach;

/** River reaches as stored: the network for distances along the water. */
public final class ReachRepository {
    private ReachRepository() {}

    /** Every stored reach as a network member keyed by code. */
    static List<Reach> storedReaches(Connection c) throws SQLException {
        return new Stmt("SELECT r.code, d.code, r.length_m FROM river_reach r LEFT JOIN river_reach d ON d.id = r.next_down_id ORDER BY r.id")
                .list(c, rs -> new Reach(rs.getString(1), rs.getString(2), rs.getDouble(3)));
    }
}
