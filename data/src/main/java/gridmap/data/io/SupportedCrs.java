package gridmap.data.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinate systems gridmap imports from (and PostGIS and GDAL both know): WGS 84
 * (EPSG:4326, also as OGC CRS84), CGCS2000 geographic (4490), the CGCS2000 Gauss–Krüger zones,
 * 3° and 6°, with and without zone prefix (4491–4554), Web Mercator (3857) and the UTM zones
 * over China, 43N–53N (32643–32653; 50N is 32650). Everything is stored in EPSG:4326.
 */
public final class SupportedCrs {
    private SupportedCrs() {}

    public static final String LIST = "EPSG:4326 (WGS 84), EPSG:4490 (CGCS2000), EPSG:4491–4554 (CGCS2000 Gauss–Krüger 3° and 6° zones), "
            + "EPSG:3857 (Web Mercator), EPSG:32643–32653 (UTM 43N–53N)";

    public static boolean isSupported(int epsg) {
        return epsg == 4326 || epsg == 4490 || (epsg >= 4491 && epsg <= 4554) || epsg == 3857 || (epsg >= 32643 && epsg <= 32653);
    }

    /** Throws 422 naming the supported list when epsg is not in it. */
    public static int require(int epsg) {
        if (!isSupported(epsg)) throw ImportException.invalid("EPSG:" + epsg + " is not a supported coordinate system; supported: " + LIST);
        return epsg;
    }

    private static final Pattern EPSG = Pattern.compile("^(?:urn:ogc:def:crs:)?EPSG:(?:[0-9.]*:)?(\\d{4,5})$", Pattern.CASE_INSENSITIVE);

    /**
     * An EPSG code from "EPSG:4527", "epsg:4527", "4527", "urn:ogc:def:crs:EPSG::4527" or the CRS84
     * names, else IllegalArgumentException.
     */
    public static int parse(String s) {
        String t = s.trim();
        String u = t.toUpperCase(Locale.ROOT);
        if (u.equals("CRS84") || u.equals("OGC:CRS84") || u.startsWith("URN:OGC:DEF:CRS:OGC:") && u.endsWith("CRS84")) return 4326;
        if (t.matches("\\d{4,5}")) return Integer.parseInt(t);
        Matcher m = EPSG.matcher(t);
        if (m.matches()) return Integer.parseInt(m.group(1));
        throw new IllegalArgumentException("'" + TargetField.clip(s) + "' is not a coordinate system gridmap can read; give it as EPSG:n");
    }
}
