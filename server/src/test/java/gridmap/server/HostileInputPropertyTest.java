package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
        TestServer.Response r = server.get(path);
        assertThat(r.status()).as(path).isIn(200, 400, 404);
        if (r.status() != 200) assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Property(tries = 60)
    void searchAndUnitsNeverFail(@ForAll("junk") String q) throws Exception {
        TestServer.Response s = server.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(s.status()).isIn(200, 400);
        TestServer.Response u = server.get("/api/units/" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(u.status()).isIn(200, 400, 404);
    }

    @Provide
    Arbitrary<String> layerNames() {
        return Arbitraries.oneOf(Arbitraries.of("cases", "grid-cells", "communities", "basins"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20));
    }
}
