package gridmap.data.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A file opened for import and described: its format (by content), what is inside a zip, its
 * layers, coordinate system (from the file, from --crs, or lon/lat by default) and attribute
 * encoding (from --encoding, a .cpg, or by trying UTF-8 then GB18030). {@link #reader()} then
 * streams its features in lon/lat: GeoJSON in lon/lat with Jackson directly, everything else
 * through ogr2ogr. Temporary files go to the work folder the caller owns and removes.
 */
public final class ImportSource {
    public final SourceFormat format;
    public final boolean zipped;
    public final List<String> layers;
    /** null when not known before reading (GeoJSON) */
    public final Long featureCount;
    /** field names as the file has them; null when not known before reading (GeoJSON) */
    public final List<String> fields;
    public final int epsg;
    public final String crsName;
    /** "file", "option" or "default" (no CRS in the file: lon/lat assumed, and checked) */
    public final String crsFrom;
    public final String encoding;
    public final String encodingFrom;

    private final Path data;
    private final List<String> openOptions;
    private final boolean viaGdal;

    private ImportSource(SourceFormat format, boolean zipped, List<String> layers, Long featureCount, List<String> fields, int epsg,
                         String crsName, String crsFrom, String encoding, String encodingFrom, Path data, List<String> openOptions, boolean viaGdal) {
        this.format = format;
        this.zipped = zipped;
        this.layers = layers;
        this.featureCount = featureCount;
        this.fields = fields;
        this.epsg = epsg;
        this.crsName = crsName;
        this.crsFrom = crsFrom;
        this.encoding = encoding;
        this.encodingFrom = encodingFrom;
        this.data = data;
        this.openOptions = openOptions;
        this.viaGdal = viaGdal;
    }

    /** Whether coordinates are transformed on the way in. */
    public boolean transformed() { return epsg != 4326; }

    public FeatureReader reader() throws IOException {
        if (!viaGdal) return new GeoJsonFeatureReader(new BufferedInputStream(Files.newInputStream(data), 1 << 16));
        boolean option = crsFrom.equals("option");
        // A shapefile stores rings, not polygons: by default GDAL tells holes by their orientation
        // alone, which means nothing for the self-intersecting rings real files have; its full
        // analysis (by containment, each ring its own polygon where that fails) keeps the parts a
        // GeoJSON of the same data has, and the repair then sees the same input.
        List<String> config = format == SourceFormat.SHAPEFILE ? List.of("OGR_ORGANIZE_POLYGONS=DEFAULT") : List.of();
        return new GdalFeatureReader(data, layers, openOptions, config, option ? epsg : null, epsg != 4326);
    }

    /** Opens file (shown to people as name) with the options' CRS and encoding; workDir is scratch space. */
    public static ImportSource open(Path file, String name, ImportOptions o, Path workDir) throws IOException {
        SourceFormat f = SourceFormat.detect(file, name);
        boolean zipped = f == SourceFormat.ZIP;
        Path data = file;
        if (zipped) {
            Path dir = Files.createDirectories(workDir.resolve("unzipped"));
            List<Path> files = SafeZip.extract(file, dir, SafeZip.Limits.DEFAULT);
            Chosen c = choose(files, name);
            f = c.format;
            data = c.path;
        } else {
            // GDAL tells some formats by their extension: give it the one the content has
            data = Files.createSymbolicLink(workDir.resolve("source." + extensionFor(f)), file.toAbsolutePath());
            if (f == SourceFormat.SHAPEFILE) {
                throw ImportException.unsupported("a shapefile comes as a .zip holding its .shp, .shx, .dbf (and .prj, .cpg); upload the zip");
            }
        }
        return switch (f) {
            case GEOJSON, GEOJSONSEQ -> geoJson(f, zipped, data, o);
            case CSV -> gdal(f, zipped, csv(data, o, workDir), o, csvOptions(), o.encoding() != null ? o.encoding() : "UTF-8",
                    o.encoding() != null ? "option" : "detected");
            case SHAPEFILE -> shapefile(zipped, data, o);
            default -> gdal(f, zipped, data, o, List.of(), null, null);
        };
    }

    /** A shapefile from its folder (the path given is the .shp; every .shp of the folder is a layer). */
    public static ImportSource openShapefile(Path shp, ImportOptions o) {
        checkShapefileParts(List.of(shp));
        return shapefile(false, shp, o);
    }

    private record Chosen(SourceFormat format, Path path) {}

    private static Chosen choose(List<Path> files, String zipName) {
        List<Path> shps = files.stream().filter(p -> ext(p).equals("shp")).toList();
        if (!shps.isEmpty()) {
            checkShapefileParts(shps);
            Path folder = shps.get(0).getParent();
            for (Path s : shps) {
                if (!s.getParent().equals(folder)) throw ImportException.invalid("the zip holds shapefiles in several folders; put them in one folder");
            }
            return new Chosen(SourceFormat.SHAPEFILE, shps.size() == 1 ? shps.get(0) : folder);
        }
        if (files.stream().anyMatch(p -> List.of("shx", "dbf", "prj").contains(ext(p)))) {
            throw ImportException.invalid("the zip holds parts of a shapefile but no .shp");
        }
        List<Path> data = files.stream().filter(p -> List.of("gpkg", "kml", "geojson", "json", "geojsonl", "geojsons", "geojsonseq",
                "ndjson", "jsonl", "csv").contains(ext(p))).toList();
        if (data.isEmpty()) throw ImportException.unsupported("the zip '" + TargetField.clip(zipName) + "' holds no .shp, .gpkg, .kml, .geojson or .csv");
        if (data.size() > 1) {
            throw ImportException.invalid("the zip holds several data files (" + String.join(", ", data.stream().limit(5).map(p -> p.getFileName().toString()).toList())
                    + "); zip one per import");
        }
        Path p = data.get(0);
        SourceFormat f = SourceFormat.detect(p, p.getFileName().toString());
        if (f == SourceFormat.ZIP || f == SourceFormat.SHAPEFILE) throw ImportException.unsupported("a zip inside a zip is not read; unpack it first");
        return new Chosen(f, p);
    }

    static void checkShapefileParts(List<Path> shps) {
        for (Path shp : shps) {
            String base = shp.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            for (String part : List.of("shx", "dbf")) {
                if (sibling(shp, base, part) == null) {
                    throw ImportException.invalid("the shapefile " + base + ".shp comes without its ." + part + " (a shapefile needs .shp, .shx and .dbf)");
                }
            }
        }
    }

    private static Path sibling(Path shp, String base, String ext) {
        try (var s = Files.list(shp.getParent())) {
            return s.filter(p -> p.getFileName().toString().equalsIgnoreCase(base + "." + ext)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String ext(Path p) { return SourceFormat.extension(p.getFileName().toString()); }

    private static String extensionFor(SourceFormat f) {
        return switch (f) {
            case GEOJSON -> "geojson";
            case GEOJSONSEQ -> "geojsonl";
            case GEOPACKAGE -> "gpkg";
            case SHAPEFILE -> "shp";
            case KML -> "kml";
            case CSV -> "csv";
            case ZIP -> "zip";
        };
    }

    private static ImportSource shapefile(boolean zipped, Path shp, ImportOptions o) {
        String encoding;
        String from;
        List<String> oo = new ArrayList<>();
        Path folder = Files.isDirectory(shp) ? shp : shp.getParent();
        boolean hasCpg;
        try (var s = Files.list(folder)) {
            hasCpg = s.anyMatch(p -> ext(p).equals("cpg"));
        } catch (IOException e) {
            hasCpg = false;
        }
        if (o.encoding() != null) {
            encoding = o.encoding();
            from = "option";
            oo.add("ENCODING=" + encoding);
        } else if (hasCpg) {
            encoding = cpgText(folder);
            from = ".cpg";
        } else {
            encoding = probeDbfEncoding(shp);
            from = "detected";
            oo.add("ENCODING=" + encoding);
        }
        return gdal(SourceFormat.SHAPEFILE, zipped, shp, o, oo, encoding, from);
    }

    private static String cpgText(Path folder) {
        try (var s = Files.list(folder)) {
            Path cpg = s.filter(p -> ext(p).equals("cpg")).findFirst().orElseThrow();
            return Files.readString(cpg, StandardCharsets.ISO_8859_1).trim();
        } catch (IOException | java.util.NoSuchElementException e) {
            return null;
        }
    }

    /**
     * The .dbf's text encoding by trying: its raw bytes (GDAL asked not to recode) decoded as
     * UTF-8, then as GB18030 (which includes GBK); the first that decodes without error wins.
     */
    static String probeDbfEncoding(Path shp) {
        List<String> cmd = List.of("ogr2ogr", "-f", "CSV", "/vsistdout/", "-oo", "ENCODING=", shp.toString());
        try {
            Process proc = Gdal.start(cmd);
            proc.getOutputStream().close();
            Gdal.StreamCollector err = Gdal.StreamCollector.start(proc.getErrorStream(), 1 << 16);
            byte[] bytes;
            try (InputStream in = proc.getInputStream()) {
                bytes = in.readNBytes(16 << 20); // the first 16 MB tell
            }
            proc.destroy();
            proc.waitFor(30, TimeUnit.SECONDS);
            if (bytes.length == 0) throw ImportException.invalid("GDAL cannot read the shapefile's attributes: " + Gdal.firstError(err.text()));
            int end = bytes.length;
            if (end == 16 << 20) while (end > 0 && bytes[end - 1] != '\n') end--; // cut at a line end: no half character
            for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
                if (decodes(bytes, end, cs)) return cs.name().equals("GB18030") ? "GB18030" : "UTF-8";
            }
            throw ImportException.invalid("the shapefile's attributes are neither UTF-8 nor GBK/GB18030; give the encoding with --encoding (e.g. Big5, ISO-8859-1)");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    private static boolean decodes(byte[] b, int len, Charset cs) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            d.decode(ByteBuffer.wrap(b, 0, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<String> csvOptions() {
        return List.of("GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom,shape", "X_POSSIBLE_NAMES=lon,lng,long,longitude,x,经度",
                "Y_POSSIBLE_NAMES=lat,latitude,y,纬度", "KEEP_GEOM_COLUMNS=NO", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES");
    }

    /**
     * A CSV as UTF-8 for GDAL: as it is when it decodes as UTF-8 (a BOM is fine), otherwise
     * transcoded from the --encoding, or from GB18030 (what Chinese spreadsheet programs save).
     */
    private static Path csv(Path file, ImportOptions o, Path workDir) throws IOException {
        Charset from;
        if (o.encoding() != null) {
            from = Charset.forName(o.encoding());
            if (from.equals(StandardCharsets.UTF_8)) return file;
        } else {
            if (decodesStreaming(file, StandardCharsets.UTF_8)) return file;
            if (!decodesStreaming(file, Charset.forName("GB18030"))) {
                throw ImportException.invalid("the CSV is neither UTF-8 nor GBK/GB18030; give its encoding with --encoding");
            }
            from = Charset.forName("GB18030");
        }
        Path out = workDir.resolve("source-utf8.csv");
        try (Reader r = Files.newBufferedReader(file, from); Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            r.transferTo(w);
        }
        return out;
    }

    private static boolean decodesStreaming(Path file, Charset cs) throws IOException {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new java.io.InputStreamReader(Files.newInputStream(file), d)) {
            CharBuffer buf = CharBuffer.allocate(1 << 16);
            while (r.read(buf) != -1) buf.clear();
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static ImportSource gdal(SourceFormat f, boolean zipped, Path data, ImportOptions o, List<String> oo, String encoding, String encodingFrom) {
        List<Gdal.Layer> all = Gdal.layers(data, oo);
        List<Gdal.Layer> spatial = all.stream().filter(l -> !l.geometryType().equals("None")).toList();
        if (spatial.isEmpty()) {
            throw ImportException.invalid(f == SourceFormat.CSV
                    ? "the CSV has neither a WKT column (wkt, geometry) nor longitude/latitude columns (lon/lat, x/y, 经度/纬度)"
                    : all.isEmpty() ? "the file holds no layers" : "the file holds no layer with geometries");
        }
        long count = spatial.stream().mapToLong(l -> Math.max(0, l.featureCount())).sum();
        if (spatial.stream().allMatch(l -> l.featureCount() >= 0) && count == 0) throw ImportException.invalid("the file holds no features");
        Integer fileEpsg = null;
        String crsName = null;
        boolean fileHasCrs = false;
        for (Gdal.Layer l : spatial) {
            if (!l.hasCrs()) continue;
            Integer e = l.epsg() != null ? l.epsg() : Gdal.identifyEpsg(data);
            if (e == null) {
                throw ImportException.invalid("the file's coordinate system (" + (l.crsName() == null ? "unnamed" : l.crsName())
                        + ") has no EPSG code gridmap knows; give it with --crs EPSG:n");
            }
            if (fileHasCrs && !e.equals(fileEpsg)) throw ImportException.invalid("the file's layers are in different coordinate systems (EPSG:" + fileEpsg + ", EPSG:" + e + ")");
            fileHasCrs = true;
            fileEpsg = e;
            crsName = l.crsName();
        }
        List<String> fields = new ArrayList<>();
        for (Gdal.Layer l : spatial) for (String fl : l.fields()) if (!fields.contains(fl)) fields.add(fl);
        Crs crs = crs(o, fileHasCrs ? fileEpsg : null, crsName);
        return new ImportSource(f, zipped, spatial.stream().map(Gdal.Layer::name).toList(), count, fields, crs.epsg, crs.name, crs.from,
                encoding, encodingFrom, data, oo, true);
    }

    private record Crs(int epsg, String name, String from) {}

    private static Crs crs(ImportOptions o, Integer fileEpsg, String fileName) {
        if (o.crsEpsg() != null) return new Crs(SupportedCrs.require(o.crsEpsg()), null, "option");
        if (fileEpsg != null) return new Crs(SupportedCrs.require(fileEpsg), fileName, "file");
        return new Crs(4326, null, "default");
    }

    private static ImportSource geoJson(SourceFormat f, boolean zipped, Path data, ImportOptions o) throws IOException {
        Integer declared = null;
        String declaredName = f == SourceFormat.GEOJSON ? declaredCrs(data) : null;
        if (declaredName != null) {
            try {
                declared = SupportedCrs.parse(declaredName);
            } catch (IllegalArgumentException e) {
                throw ImportException.invalid("the GeoJSON names a coordinate system gridmap does not know ('" + TargetField.clip(declaredName)
                        + "'); give it with --crs EPSG:n");
            }
        }
        Crs crs = crs(o, declared, declaredName);
        if (crs.epsg != 4326) {
            // GeoJSON in another CRS goes through ogr2ogr, which transforms it
            Gdal.Layer l = Gdal.layers(data, List.of()).get(0);
            return new ImportSource(f, zipped, List.of(l.name()), l.featureCount() < 0 ? null : l.featureCount(), l.fields(), crs.epsg, crs.name,
                    crs.from, null, null, data, List.of(), true);
        }
        return new ImportSource(f, zipped, List.of(data.getFileName().toString().replaceFirst("\\.[^.]*$", "")), null, null, 4326,
                crs.name, crs.from, "UTF-8", "standard", data, List.of(), false);
    }

    /**
     * The name in a FeatureCollection's {@code crs} member (GeoJSON 2008; QGIS and GDAL still
     * write it), found by a streaming pass that skips the features without building them.
     */
    static String declaredCrs(Path file) throws IOException {
        try (JsonParser p = JsonMapper.builder().build().createParser(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                if (k.equals("crs") && v == JsonToken.START_OBJECT) {
                    var node = p.readValueAsTree();
                    var name = ((com.fasterxml.jackson.databind.JsonNode) node).path("properties").path("name");
                    return name.isTextual() ? name.asText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // the reader reports broken JSON with its position
        }
    }

    @Override public String toString() {
        return format.title + (zipped ? " (zipped)" : "") + ", EPSG:" + epsg + " (" + crsFrom + ")" + (encoding == null ? "" : ", " + encoding.toUpperCase(Locale.ROOT));
    }
}
