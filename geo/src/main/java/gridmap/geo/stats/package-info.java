/**
 * Spatial statistics on a neighbour graph (no geometry needed once the graph is built): the
 * graph is a list of neighbour indices per observation, symmetric, without self-loops. Results
 * are arrays aligned with the input values.
 */
package gridmap.geo.stats;
