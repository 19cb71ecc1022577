package gridmap.server;

import java.sql.SQLException;

import javax.sql.DataSource;

import gridmap.data.Sql;

/**
 * Where the case tests report: inside the demo worker's second cell, so that the many cases they
 * file do not pile up on the point other tests click (the first cell's).
 */
final class CaseTestPoints {
    private CaseTestPoints() {}

    static double[] workersSecondCell(DataSource ds) throws SQLException {
        String wkt = (String) Sql.one(ds, "SELECT ST_AsText(ST_PointOnSurface(g.geom)) FROM grid_cell g JOIN app_user u ON u.id = g.worker_id"
                + " WHERE u.username = 'worker' ORDER BY g.id OFFSET 1 LIMIT 1");
        String[] xy = wkt.replace("POINT(", "").replace(")", "").split(" ");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }
}
