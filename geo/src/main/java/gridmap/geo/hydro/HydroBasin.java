package gridmap.geo.hydro;

import org.locationtech.jts.geom.Geometry;

/**
 * One basin of one level, named as HydroBASINS names its fields: {@code HYBAS_ID} → id,
 * {@code NEXT_DOWN} → nextDown (HydroBASINS writes 0 for "none": pass null), {@code MAIN_BAS}
 * → mainBasin (the outlet or sink its water ends in: the drainage system the Pfafstetter rule
 * works within; null puts the basin in one system with every other basin whose mainBasin is
 * null), {@code PFAF_ID} → pfafCode, {@code SUB_AREA} → subAreaKm2, {@code UP_AREA} →
 * upAreaKm2 (null when the source has none), {@code DIST_MAIN} → distMainKm (km along the
 * network from the basin's outlet to the system's outlet; null when unknown). The geometry is
 * optional: navigation does not need it, validation checks it when present.
 */
public record HydroBasin(String id, String nextDown, String pfafCode, String mainBasin, double subAreaKm2,
                         Double upAreaKm2, Double distMainKm, Geometry geom) {

    /** A basin without geometry, published drainage area or distance. */
    public static HydroBasin of(String id, String nextDown, String pfafCode, double subAreaKm2) {
        return new HydroBasin(id, nextDown, pfafCode, null, subAreaKm2, null, null, null);
    }
}
