package gridmap.geo.hydro;

/**
 * A stretch of river between two junctions (or a source and a junction), drawn in the direction
 * of flow, with its length in metres and the reach it flows into (null at an outlet).
 */
public record Reach(String id, String nextDown, double lengthM) {}
