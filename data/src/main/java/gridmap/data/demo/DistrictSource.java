package gridmap.data.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gridmap.geo.Polygons;

/** Reads the published Anhui district file shipped in the jar (see gridmap/geodata/README.md). */
public final class DistrictSource {
    public static final String DISTRICTS = "/gridmap/geodata/anhui-districts.geojson";

    public record District(String adcode, String name, String cityAdcode, String city, Geometry geom) {}

    private DistrictSource() {}

    public static List<District> districtsOfCity(String cityAdcode) {
        try (InputStream in = DistrictSource.class.getResourceAsStream(DISTRICTS)) {
            if (in == null) throw new IllegalStateException("missing resource " + DISTRICTS);
            JsonNode root = new ObjectMapper().readTree(in);
            GeoJsonReader reader = new GeoJsonReader(Polygons.WGS84);
            List<District> out = new ArrayList<>();
            for (JsonNode f : root.get("features")) {
                JsonNode p = f.get("properties");
                if (!cityAdcode.equals(p.get("city_adcode").asText())) continue;
                Geometry g = reader.read(f.get("geometry").toString());
                g.setSRID(4326);
                out.add(new District(p.get("adcode").asText(), p.get("name").asText(),
                        p.get("city_adcode").asText(), p.get("city").asText(), g));
            }
            out.sort((a, b) -> a.adcode().compareTo(b.adcode()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("bad geometry in " + DISTRICTS, e);
        }
    }
}
