/**
 * Planning partitions: which units border which ({@link gridmap.geo.partition.UnitAdjacency}),
 * suggested merges of units into groups of a target size ({@link gridmap.geo.partition.PlanSuggest}),
 * and new grid cells for an area ({@link gridmap.geo.partition.Regrid}).
 *
 * <p>Invariants every result here keeps: a group or cell is contiguous (connected through shared
 * borders of positive length, never through a point alone); every input unit or every part of the
 * input area is used exactly once; counts are conserved (a group's households are the sum of its
 * units', cells' households sum to the area's); the same input and seed give the same output; a
 * request that cannot be met fails with a message a planner can act on rather than a quietly worse
 * answer. Coordinates are lon/lat (EPSG:4326), lengths and areas in metres.
 */
package gridmap.geo.partition;
