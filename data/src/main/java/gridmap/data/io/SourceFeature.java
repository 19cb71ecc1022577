package gridmap.data.io;

import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature as read from a file: its 1-based position, its attributes as the file has them,
 * and its geometry in EPSG:4326 (lon/lat) — or, when the geometry could not be built (a ring
 * that is not closed, too few positions), null and the reason.
 */
public record SourceFeature(long number, Map<String, Object> properties, Geometry geometry, String geometryProblem) {}
