/**
 * Geometry of data entering gridmap: screening of each feature's geometry as read from a file
 * (kind, emptiness, finite lon/lat coordinates) and the one-time cleaning of sibling coverages
 * at entry. Pure JTS, no SQL or file formats: the readers and writers live in {@code gridmap.data.io}.
 * Invariant: what {@link gridmap.geo.io.SiblingClean} returns is a set of valid polygons that
 * {@code CoverageValidator} accepts without an invalid edge.
 */
package gridmap.geo.io;
