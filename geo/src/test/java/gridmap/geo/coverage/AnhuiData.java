package gridmap.geo.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.geo.Polygons;

/**
 * The real Anhui data (see data/src/main/resources/gridmap/geodata/README.md for the source and
 * licence): the 105 districts, 62 of them invalid as published, and the 16 city outlines.
 */
final class AnhuiData {
    record District(String adcode, String name, String city, Geometry geometry) {}

    private AnhuiData() {}

    static List<District> districts() {
        List<District> out = new ArrayList<>();
        for (JsonNode f : features("anhui-districts.geojson")) {
            JsonNode p = f.get("properties");
            out.add(new District(p.get("adcode").asText(), p.get("name").asText(), p.get("city").asText(), geometry(f)));
        }
        return out;
    }

    /** City name → its published outline. */
    static Map<String, Geometry> cityOutlines() {
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (JsonNode f : features("anhui-city-outlines.geojson")) out.put(f.get("properties").get("city").asText(), geometry(f));
        return out;
    }

    /** Districts grouped by city, in file order. */
    static Map<String, List<District>> byCity() {
        Map<String, List<District>> out = new LinkedHashMap<>();
        for (District d : districts()) out.computeIfAbsent(d.city(), k -> new ArrayList<>()).add(d);
        return out;
    }

    private static JsonNode features(String file) {
        try {
            return new ObjectMapper().readTree(Files.readString(locate(file))).get("features");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Geometry geometry(JsonNode feature) {
        try {
            return new GeoJsonReader(Polygons.WGS84).read(feature.get("geometry").toString());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The copy the data module ships (data/src/main/resources/gridmap/geodata, same bytes as
     * ../shared/data), found from the working directory up; else shared/data beside the checkout.
     */
    static Path locate(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path p : List.of(dir.resolve("data/src/main/resources/gridmap/geodata").resolve(file), dir.resolve("shared/data").resolve(file))) {
                if (Files.isRegularFile(p)) return p;
            }
        }
        throw new IllegalStateException(file + " not found in data/src/main/resources/gridmap/geodata or shared/data above " + Path.of("").toAbsolutePath());
    }
}
