package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random and malformed query strings never make the server fail: only 200 or a 4xx problem. */
class HostileInputPropertyTest {
    static TestServer server;

    @BeforeContainer
    static void start() throws Exception { server = TestServer.start(); }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.doubles().map(Object::toString),
                Arbitraries.of("NaN", "-Infinity", "1e400", "-0", "", " ", "1,5", "0x10", "١٢٣", "%00", "'; DROP TABLE cases; --"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> bbox = numbers.list().ofMinSize(0).ofMaxSize(6).map(l -> String.join(",", l));
        return Arbitraries.oneOf(bbox, Arbitraries.strings().all().ofMaxLength(60));
    }

    @Property(tries = 150)
    void layerQueriesNeverFail(@ForAll("junk") String bbox, @ForAll("junk") String limit,
                               @ForAll("layerNames") String layer) throws Exception {
        String path = "/api/layers/" + URLEncoder.encode(layer, StandardCharsets.UTF_8)
                + "?bbox=" + URLEncoder.encode(bbox, StandardCharsets.UTF_8)
                + "&limit=" + URLEncoder.encode(limit, StandardCharsets.UTF_8);
        TestServer.Response r = server.admin().get(path);
        assertThat(r.status()).as(path).isIn(200, 400, 404);
        if (r.status() != 200) assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Property(tries = 60)
    void searchAndUnitsNeverFail(@ForAll("junk") String q) throws Exception {
        TestServer.Response s = server.admin().get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(s.status()).isIn(200, 400);
        TestServer.Response u = server.admin().get("/api/units/" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(u.status()).isIn(200, 400, 404);
    }

    @Provide
    Arbitrary<String> geojson() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.doubles().between(-200, 200).map(d -> Double.toString(d)),
                Arbitraries.of("1e400", "-0", "NaN", "null", "\"x\"", "true", "[]", "{}", "117.8", "30.9"));
        Arbitrary<String> position = number.list().ofMinSize(0).ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> ring = position.list().ofMaxSize(6).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> polygon = ring.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> coordinates = Arbitraries.oneOf(position, ring, polygon, number);
        Arbitrary<String> type = Arbitraries.of("Point", "LineString", "Polygon", "MultiPolygon", "MultiPoint",
                "MultiLineString", "GeometryCollection", "Feature", "FeatureCollection", "Nope", "");
        Arbitrary<String> geometry = Combinators.combine(type, coordinates).as((t, c) -> "{\"type\":\"" + t + "\",\"coordinates\":" + c + "}");
        Arbitrary<String> feature = geometry.map(g -> "{\"type\":\"Feature\",\"geometry\":" + g + ",\"properties\":{}}");
        Arbitrary<String> collection = feature.list().ofMaxSize(4).map(l -> "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", l) + "]}");
        return Arbitraries.oneOf(geometry, feature, collection, Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 200)
    void randomGeoJsonNeverFailsAndWritesNothing(@ForAll("geojson") String body) throws Exception {
        TestServer.Client planner = server.as("planner");
        String before = HostileWritesTest.fingerprint(server.db.dataSource());
        TestServer.Response r = planner.post("/api/geometry/check", body);
        assertThat(r.status()).as(body + " → " + r.body()).isIn(200, 400, 413, 422);
        assertThat(HostileWritesTest.fingerprint(server.db.dataSource())).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> caseBodies() {
        Arbitrary<String> code = Arbitraries.oneOf(Arbitraries.of("\"0101\"", "\"1102\"", "\"9999\"", "null", "1", "\"\""),
                Arbitraries.strings().ofMaxLength(6).map(x -> "\"" + x.replace("\\", "").replace("\"", "") + "\""));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30)
                .map(x -> "\"" + x.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", "") + "\""),
                Arbitraries.of("null", "\"<img src=x onerror=alert(1)>\"", "12"));
        Arbitrary<String> lon = Arbitraries.oneOf(Arbitraries.doubles().between(116.5, 118.5).map(d -> Double.toString(d)), Arbitraries.of("NaN", "null", "\"117\"", "999"));
        Arbitrary<String> lat = Arbitraries.oneOf(Arbitraries.doubles().between(30.3, 31.4).map(d -> Double.toString(d)), Arbitraries.of("-91", "null", "[]"));
        return Combinators.combine(code, text, lon, lat).as((c, t, x, y) ->
                "{\"category_code\":" + c + ",\"description\":" + t + ",\"lon\":" + x + ",\"lat\":" + y + "}");
    }

    @Property(tries = 120)
    void randomCaseReportsNeverFailAndRejectedOnesWriteNothing(@ForAll("caseBodies") String body) throws Exception {
        TestServer.Client worker = server.as("worker");
        String before = HostileWritesTest.fingerprint(server.db.dataSource());
        TestServer.Response r = worker.post("/api/cases", body);
        assertThat(r.status()).as(body + " → " + r.body()).isIn(201, 400, 403, 422);
        if (r.status() != 201) assertThat(HostileWritesTest.fingerprint(server.db.dataSource())).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> layerNames() {
        return Arbitraries.oneOf(Arbitraries.of("cases", "grid-cells", "communities", "basins"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20));
    }
}
