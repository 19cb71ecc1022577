/**
 * Measures of units and plans for planners: area and perimeter in metres, compactness
 * (Polsby-Popper, Reock, convex-hull ratio), contiguity (number of parts), sizes against a target,
 * and the spread of a plan.
 *
 * <p>Invariants: inputs are lon/lat (EPSG:4326); every length is in metres and every area in square
 * metres, measured in a {@link gridmap.geo.metrics.TransverseMercator} projection about the unit or
 * plan (never in degrees); compactness scores lie in [0, 1] and equal 1 only for a circle (Polsby-
 * Popper, Reock) or a convex shape (hull ratio); counts (households, population) are the caller's
 * and pass through unchanged. Nothing here mutates its input.
 */
package gridmap.geo.metrics;
