package gridmap.data.io;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The formats a layer is exported in, with the file extension and media type of the download. */
public enum ExportFormat {
    GEOJSON("geojson", "geojson", "application/geo+json"),
    GPKG("gpkg", "gpkg", "application/geopackage+sqlite3"),
    SHP("shp", "zip", "application/zip"),
    CSV("csv", "csv", "text/csv; charset=utf-8"),
    KML("kml", "kml", "application/vnd.google-earth.kml+xml");

    public final String id;
    public final String extension;
    public final String mediaType;

    ExportFormat(String id, String extension, String mediaType) {
        this.id = id;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public static Optional<ExportFormat> byId(String id) { return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst(); }

    public static List<String> ids() { return Arrays.stream(values()).map(f -> f.id).toList(); }
}
