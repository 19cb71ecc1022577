/**
 * Coverage operations on sibling units (the communities of one street, the cells of one
 * community, the districts of one city), in the style of JTS: one operation per class, a static
 * shortcut plus an options object, and a result that says what it guarantees and what it changed.
 *
 * <p><b>The invariant.</b> A coverage here is a list of polygonal units, lon/lat (EPSG:4326),
 * such that every unit is a valid MultiPolygon, no two units overlap, and units that touch share
 * exactly the same vertices along their common border (JTS
 * {@link org.locationtech.jts.coverage.CoverageValidator} finds no invalid edge). Every
 * operation in this package that takes a coverage and returns one keeps this invariant and
 * conserves the area of the whole (the parent): {@link gridmap.geo.coverage.CoverageClean}
 * establishes it once, when boundaries enter; the editing operations preserve it.
 *
 * <p>Vertices lie on a fixed grid (default 1e-8°, about 1 mm) so that noding is exact and
 * neighbours computed separately still agree to the last bit. Areas are m² (equal-area, see
 * {@link gridmap.geo.EqualAreaMeasure}); lengths and widths are metres by a local approximation
 * (see {@link gridmap.geo.coverage.LocalMetres}). Nothing here knows SQL or HTTP.
 */
package gridmap.geo.coverage;
