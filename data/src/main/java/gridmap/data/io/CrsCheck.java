package gridmap.data.io;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks a coordinate transformation before trusting it with a file: a known point (the first
 * feature's, in lon/lat) is carried into the source CRS by GDAL and back to lon/lat by PostGIS
 * (PROJ), and also into the source CRS by PostGIS; both routes must agree with the start to 1 cm.
 * Two independent engines agreeing is what catches a wrong datum or a wrongly identified zone.
 */
public final class CrsCheck {
    public static final double TOLERANCE_M = 0.01;

    private CrsCheck() {}

    /** roundTripM: GDAL there, PostGIS back; enginesApartM: GDAL's and PostGIS's forward results, compared in lon/lat. */
    public record Result(double roundTripM, double enginesApartM) {
        public boolean ok() { return roundTripM <= TOLERANCE_M && enginesApartM <= TOLERANCE_M; }
    }

    public static Result check(Connection c, int epsg, double lon, double lat) throws SQLException {
        double[] viaGdal = Gdal.transform(new double[][] {{lon, lat}}, 4326, epsg)[0];
        try (PreparedStatement ps = c.prepareStatement("""
                WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS p, ST_SetSRID(ST_MakePoint(?, ?), ?) AS q)
                SELECT ST_Distance(p::geography, ST_Transform(q, 4326)::geography),
                       ST_Distance(ST_Transform(q, 4326)::geography, ST_Transform(ST_Transform(p, ?), 4326)::geography)
                FROM p""")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setDouble(3, viaGdal[0]);
            ps.setDouble(4, viaGdal[1]);
            ps.setInt(5, epsg);
            ps.setInt(6, epsg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Result(rs.getDouble(1), rs.getDouble(2));
            }
        }
    }
}
