package gridmap.geo.partition;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import gridmap.geo.metrics.TransverseMercator;

/**
 * A local plane for placing cells: lon/lat scaled to metres about a centre by the ellipsoid's radii
 * of curvature there (an affine map, so straight lines stay straight both ways and a point maps back
 * to the very same lon/lat bits each time). Within a community, a few km across, its scale differs
 * from the truth by under 0.1 %, which is plenty for shaping cells; measures come from
 * {@link TransverseMercator}.
 */
record LocalFrame(double lon0, double lat0, double metresPerDegLon, double metresPerDegLat) {
    static LocalFrame about(Geometry g) {
        Coordinate c = g.getEnvelopeInternal().centre();
        double e2 = TransverseMercator.F * (2 - TransverseMercator.F);
        double phi = Math.toRadians(c.y), s = Math.sin(phi);
        double w = Math.sqrt(1 - e2 * s * s);
        double meridian = TransverseMercator.A * (1 - e2) / (w * w * w);
        double primeVertical = TransverseMercator.A / w;
        return new LocalFrame(c.x, c.y, Math.toRadians(1) * primeVertical * Math.cos(phi), Math.toRadians(1) * meridian);
    }

    double x(double lon) { return (lon - lon0) * metresPerDegLon; }

    double y(double lat) { return (lat - lat0) * metresPerDegLat; }

    Coordinate toLonLat(double x, double y) { return new Coordinate(lon0 + x / metresPerDegLon, lat0 + y / metresPerDegLat); }
}
