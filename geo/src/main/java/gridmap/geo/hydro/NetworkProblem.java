package gridmap.geo.hydro;

import org.locationtech.jts.geom.Coordinate;

/**
 * One thing wrong with one member of a network as given: which member, what, and (for a
 * geometry) where. A validation lists one problem per offending member, never just the first.
 */
public record NetworkProblem(String id, Kind kind, String detail, Coordinate location) {
    public enum Kind {
        /** No id, or an id given to more than one member. */
        DUPLICATE_ID,
        /** next_down (or main basin) names a member that is not in the network. */
        DANGLING_LINK,
        /** The member lies on a cycle of next_down links. */
        CYCLE,
        /** A Pfafstetter code that is not digits, or one given twice in one system. */
        INVALID_CODE,
        /** An area that is not a positive number. */
        INVALID_AREA,
        /** A geometry that is missing, empty, not polygonal or invalid (JTS's reason). */
        INVALID_GEOMETRY
    }

    public NetworkProblem(String id, Kind kind, String detail) { this(id, kind, detail, null); }

    @Override public String toString() { return id + ": " + kind + " (" + detail + ")"; }
}
