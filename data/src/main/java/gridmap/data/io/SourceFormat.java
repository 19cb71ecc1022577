package gridmap.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of file an import reads, told by their content (the first bytes), with the name's
 * extension only as a cross-check: a file whose content contradicts its extension (a zip named
 * .geojson, a PNG named .csv) is refused, because one of the two is a mistake.
 */
public enum SourceFormat {
    GEOJSON("GeoJSON", Json.EXTENSIONS),
    GEOJSONSEQ("GeoJSONSeq", Json.EXTENSIONS),
    GEOPACKAGE("GeoPackage", List.of("gpkg")),
    SHAPEFILE("ESRI Shapefile", List.of("shp")),
    KML("KML", List.of("kml")),
    CSV("CSV", List.of("csv", "txt", "tsv")),
    ZIP("zip", List.of("zip", "kmz"));

    public final String title;
    final List<String> extensions;

    /** A collection and a sequence are told apart by their content; either may carry any JSON name. */
    private static final class Json {
        static final List<String> EXTENSIONS = List.of("geojson", "json", "geojsonl", "geojsons", "geojsonseq", "ndjson", "jsonl");
    }

    SourceFormat(String title, List<String> extensions) {
        this.title = title;
        this.extensions = extensions;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The format of the file's content; the name is checked against it. */
    static SourceFormat detect(Path file, String name) {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw ImportException.invalid("the file cannot be read: " + e.getMessage());
        }
        if (n == 0) throw ImportException.invalid("the file is empty (no features)");
        SourceFormat byContent = byContent(head, n);
        String ext = extension(name);
        if (byContent == null) {
            throw ImportException.unsupported("'" + TargetField.clip(name) + "' is not a format gridmap reads (GeoJSON, GeoJSONSeq, GeoPackage, "
                    + "zipped Shapefile, KML, CSV)" + (ext.isEmpty() ? "" : "; its content is not what ." + ext + " promises"));
        }
        if (!ext.isEmpty() && knownExtension(ext) && !byContent.extensions.contains(ext)
                && !(byContent == SHAPEFILE && ext.equals("shp"))) {
            throw ImportException.unsupported("'" + TargetField.clip(name) + "' is named ." + ext + " but its content is " + byContent.title
                    + "; rename it or export it again");
        }
        return byContent;
    }

    private static boolean knownExtension(String ext) {
        for (SourceFormat f : values()) if (f.extensions.contains(ext)) return true;
        return false;
    }

    private static SourceFormat byContent(byte[] b, int n) {
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6)) return ZIP;
        if (n >= 16 && new String(b, 0, 16, StandardCharsets.US_ASCII).equals("SQLite format 3\0")) return GEOPACKAGE;
        if (n >= 4 && (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0 && (b[2] & 0xff) == 0x27 && (b[3] & 0xff) == 0x0a) return SHAPEFILE; // .shp magic 9994
        int i = 0;
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) i = 3; // UTF-8 BOM
        while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n' || b[i] == 0x1E)) i++;
        if (i >= n) return null;
        if (b[i] == '<') {
            String s = new String(b, i, n - i, StandardCharsets.UTF_8);
            return s.contains("<kml") ? KML : null;
        }
        if (b[i] == '{') return looksLikeSequence(b, i, n) ? GEOJSONSEQ : GEOJSON;
        if (isText(b, i, n) && firstLine(b, i, n).matches("(?s).*[,;\\t].*")) return CSV;
        return null;
    }

    /** A Feature object first (or RFC 8142's record separator): a sequence (a lone Feature is a sequence of one). */
    private static boolean looksLikeSequence(byte[] b, int i, int n) {
        String compact = new String(b, i, Math.min(n - i, 200), StandardCharsets.UTF_8).replaceAll("\\s", "");
        return b[0] == 0x1E || compact.startsWith("{\"type\":\"Feature\"");
    }

    private static boolean isText(byte[] b, int from, int n) {
        for (int i = from; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) return false;
        }
        return true;
    }

    private static String firstLine(byte[] b, int from, int n) {
        int e = from;
        while (e < n && b[e] != '\n') e++;
        return new String(b, from, e - from, StandardCharsets.UTF_8);
    }
}
