/**
 * Pure geometry and planning logic on JTS: partitions, coverage checks, repair, measures.
 * Nothing here knows about SQL or HTTP, so every algorithm is unit-testable on plain geometries.
 * Coordinates are lon/lat (EPSG:4326) unless a method says otherwise.
 */
package gridmap.geo;
