package gridmap.geo;

/** A lon/lat bounding box (EPSG:4326), checked on construction: finite, in range, min ≤ max. */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {
    public Bbox {
        double[] v = {minLon, minLat, maxLon, maxLat};
        for (double d : v) {
            if (!Double.isFinite(d)) throw new IllegalArgumentException("bbox values must be finite numbers");
        }
        if (minLon < -180 || maxLon > 180) throw new IllegalArgumentException("bbox longitudes must be within -180..180");
        if (minLat < -90 || maxLat > 90) throw new IllegalArgumentException("bbox latitudes must be within -90..90");
        if (minLon > maxLon) throw new IllegalArgumentException("bbox minLon is greater than maxLon (boxes crossing the antimeridian are not supported)");
        if (minLat > maxLat) throw new IllegalArgumentException("bbox minLat is greater than maxLat");
    }

    /** Parses "minLon,minLat,maxLon,maxLat"; the message of the exception says what is wrong. */
    public static Bbox parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bbox must be four comma-separated numbers minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            String s = parts[i].trim();
            // Double.parseDouble accepts "NaN", "Infinity" and hex floats; a bbox is plain decimals
            if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new IllegalArgumentException("bbox value '" + abbreviate(s) + "' is not a number");
            }
            v[i] = Double.parseDouble(s);
        }
        return new Bbox(v[0], v[1], v[2], v[3]);
    }

    private static String abbreviate(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }
}
