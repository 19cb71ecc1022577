package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/**
 * The import job API against the real server and PostGIS: a dry run, its report and its
 * confirmation; progress that moves and a cancel that leaves nothing (no rows, no files, no
 * scratch tables); one import per target at a time; who may import what; uploads over the limit;
 * and the export route.
 */
class ImportApiTest extends ApiTest {
    static Path dir;
    /** Where the demo's districts lie, so test projects fall inside one. */
    static double lon, lat;

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("import-api");
        lon = ((Number) Sql.one(ds, "SELECT ST_X(ST_PointOnSurface(geom)) FROM admin_unit WHERE code = '340705' AND valid_to IS NULL")).doubleValue();
        lat = ((Number) Sql.one(ds, "SELECT ST_Y(ST_PointOnSurface(geom)) FROM admin_unit WHERE code = '340705' AND valid_to IS NULL")).doubleValue();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Sql.exec(ds, "DELETE FROM water_project_status WHERE project_id IN (SELECT id FROM water_project WHERE code LIKE 'IMPTEST-%')");
        Sql.exec(ds, "DELETE FROM water_project WHERE code LIKE 'IMPTEST-%'");
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A FeatureCollection of n water projects (points near lon/lat) with codes prefix-1 … prefix-n. */
    static Path projects(String prefix, int n) throws IOException {
        Path f = dir.resolve(prefix + "-" + n + ".geojson");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[");
            for (int i = 1; i <= n; i++) {
                if (i > 1) w.write(',');
                w.write("{\"type\":\"Feature\",\"properties\":{\"code\":\"" + prefix + "-" + i + "\",\"name\":\"测试工程 " + i
                        + "\",\"project_type\":\"sluice\",\"status\":\"planned\",\"responsible_unit\":\"铜官区水利局\"},"
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + (lon + (i % 100) * 1e-6) + "," + (lat + (i / 100) * 1e-7) + "]}}");
            }
            w.write("]}");
        }
        return f;
    }

    /** A multipart/form-data POST of one file and some fields. */
    static TestServer.Response upload(TestServer.Client c, Path file, String fileName, Map<String, String> fields) throws Exception {
        String boundary = "----gridmap" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        for (var e : fields.entrySet()) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(e.getKey()).append("\"\r\n\r\n")
                .append(e.getValue()).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
            .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        parts.add(HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
        parts.add(HttpRequest.BodyPublishers.ofFile(file));
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        return c.send(c.req("/api/imports").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))));
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** Polls the job until it has finished; returns its last state. */
    static JsonNode finished(TestServer.Client c, String id) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonNode j = c.get("/api/jobs/" + id).json();
            if (!j.get("state").asText().equals("queued") && !j.get("state").asText().equals("running")) return j;
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    static long baseline;

    /** Job folders left on disk beyond those of jobs other tests left (a dry run keeps its upload for an hour). */
    static long leftOverFiles() throws IOException { return gridmap.server.io.ImportJobs.foldersOnDisk() - baseline; }

    @org.junit.jupiter.api.BeforeEach
    void countFolders() throws IOException { baseline = gridmap.server.io.ImportJobs.foldersOnDisk(); }

    @Test
    void aDryRunReportsWithoutWritingAndItsConfirmationImports() throws Exception {
        TestServer.Client admin = server.admin();
        Path file = projects("IMPTEST-A", 3);
        TestServer.Response r = upload(admin, file, "工程.geojson", fields("target", "projects", "dry_run", "true"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.header("Location")).startsWith("/api/jobs/");
        JsonNode dry = finished(admin, r.json().get("id").asText());
        assertThat(dry.get("state").asText()).as(dry.toString()).isEqualTo("succeeded");
        JsonNode report = dry.get("report");
        assertThat(report.get("outcome").asText()).isEqualTo("DRY_RUN");
        assertThat(report.at("/counts/inserted").asLong()).isEqualTo(3);
        assertThat(report.at("/source/crs_epsg").asInt()).isEqualTo(4326);
        assertThat(report.at("/mapping/code").asText()).isEqualTo("code");
        assertThat(report.at("/source/sample")).hasSize(3);
        assertThat(report.at("/source/name").asText()).isEqualTo("工程.geojson");
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project WHERE code LIKE 'IMPTEST-A-%'")).isZero();

        TestServer.Response confirm = admin.post("/api/imports", "{\"from\":\"" + dry.get("id").asText() + "\",\"dry_run\":false}");
        assertThat(confirm.status()).as(confirm.body()).isEqualTo(202);
        JsonNode done = finished(admin, confirm.json().get("id").asText());
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.at("/report/outcome").asText()).isEqualTo("COMMITTED");
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project WHERE code LIKE 'IMPTEST-A-%' AND district_id IS NOT NULL")).isEqualTo(3);
        String audit = (String) Sql.one(ds, "SELECT after::text FROM audit_log WHERE action = 'import.projects' ORDER BY id DESC LIMIT 1");
        assertThat(audit).contains("工程.geojson").contains(report.at("/source/sha256").asText()).contains("\"inserted\": 3");
        assertThat(Sql.one(ds, "SELECT actor_name FROM audit_log WHERE action = 'import.projects' ORDER BY id DESC LIMIT 1")).isEqualTo("admin");
        // a dry run's upload serves one confirmation only
        assertThat(admin.post("/api/imports", "{\"from\":\"" + dry.get("id").asText() + "\"}").status()).isEqualTo(409);
        assertThat(leftOverFiles()).isZero();
    }

    @Test
    void progressMovesAndACancelLeavesNothing() throws Exception {
        TestServer.Client admin = server.admin();
        long projects = Sql.count(ds, "SELECT count(*) FROM water_project");
        Path big = projects("IMPTEST-BULK", 300_000);
        TestServer.Response r = upload(admin, big, "bulk.geojson", fields("target", "projects"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().get("id").asText();
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 600 && seen.stream().distinct().filter(x -> x > 0).count() < 3; i++) {
            JsonNode j = admin.get("/api/jobs/" + id).json();
            assertThat(j.get("state").asText()).isIn("queued", "running");
            seen.add(j.at("/progress/features_read").asLong());
            Thread.sleep(50);
        }
        assertThat(seen.stream().distinct().filter(x -> x > 0).count()).as("features read, polled: " + seen).isGreaterThanOrEqualTo(3);
        assertThat(seen).isSorted();
        // one import per target at a time
        assertThat(upload(admin, projects("IMPTEST-C", 1), "c.geojson", fields("target", "projects")).status()).isEqualTo(409);

        assertThat(admin.delete("/api/jobs/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/jobs/" + id).status()).isEqualTo(404);
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project")).isEqualTo(projects);
        assertThat(Sql.count(ds, "SELECT count(*) FROM pg_class WHERE relname IN ('import_stage', 'import_clean', 'import_sibling')")).isZero();
        assertThat(leftOverFiles()).isZero();
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'import.projects' AND after->>'file' = 'bulk.geojson'")).isZero();
    }

    @Test
    void eachRoleImportsWhatItMay() throws Exception {
        Path units = dir.resolve("units.geojson");
        Files.writeString(units, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"340705\",\"name\":\"铜官区\"},"
                + "\"geometry\":" + Sql.one(ds, "SELECT ST_AsGeoJSON(geom) FROM admin_unit WHERE code = '340705' AND valid_to IS NULL") + "}]}");
        Path project = projects("IMPTEST-R", 1);
        record Case(String role, Path file, String target, boolean dry, int status) {}
        List<Case> cases = List.of(
                new Case("planner", units, "units", true, 202), new Case("planner", units, "units", false, 403),
                new Case("planner", project, "projects", true, 403), new Case("watershed", project, "projects", true, 202),
                new Case("watershed", units, "units", true, 403), new Case("admin", units, "units", true, 202),
                new Case("dispatcher", project, "projects", true, 403), new Case("viewer", units, "units", true, 403),
                new Case("admin", project, "cases", true, 202), new Case("planner", project, "cases", true, 403));
        for (Case c : cases) {
            TestServer.Client who = server.as(c.role());
            TestServer.Response r = upload(who, c.file(), c.file().getFileName().toString(), fields("target", c.target(), "dry_run", String.valueOf(c.dry())));
            assertThat(r.status()).as(c + " " + r.body()).isEqualTo(c.status());
            if (r.status() == 202) {
                JsonNode j = finished(who, r.json().get("id").asText());
                assertThat(j.get("dry_run").asBoolean()).isTrue();
                assertThat(j.get("state").asText()).as(c + " " + j).isIn("succeeded", "failed");
                // someone else's job is not theirs to see (administrators see every job)
                String other = c.role().equals("planner") ? "watershed" : "planner";
                assertThat(server.as(other).get("/api/jobs/" + j.get("id").asText()).status()).isEqualTo(404);
                assertThat(server.admin().get("/api/jobs/" + j.get("id").asText()).status()).isEqualTo(200);
                assertThat(leftOverFiles()).as("a dry run keeps its upload for a confirmation: " + j).isEqualTo(j.get("state").asText().equals("succeeded") ? 1 : 0);
                assertThat(who.delete("/api/jobs/" + j.get("id").asText()).status()).isEqualTo(204);
            } else {
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(leftOverFiles()).isZero();
    }

    @Test
    void aFileOfTheWrongFormatFailsTheJobWithA415AndLeavesNothing() throws Exception {
        TestServer.Client admin = server.admin();
        Path png = dir.resolve("map.geojson");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        TestServer.Response r = upload(admin, png, "map.geojson", fields("target", "projects"));
        JsonNode j = finished(admin, r.json().get("id").asText());
        assertThat(j.get("state").asText()).isEqualTo("failed");
        assertThat(j.at("/problem/status").asInt()).isEqualTo(415);
        assertThat(j.at("/problem/detail").asText()).contains("not a format gridmap reads");
        assertThat(leftOverFiles()).isZero();
    }

    @Test
    void badRequestsAreClearProblems() throws Exception {
        TestServer.Client admin = server.admin();
        Path p = projects("IMPTEST-X", 1);
        assertThat(upload(admin, p, "x.geojson", fields()).status()).isEqualTo(400); // no target
        assertThat(upload(admin, p, "x.geojson", fields("target", "rivers")).status()).isEqualTo(400);
        assertThat(upload(admin, p, "x.geojson", fields("target", "projects", "colour", "red")).status()).isEqualTo(400);
        assertThat(upload(admin, p, "x.geojson", fields("target", "units", "effective_date", "yesterday")).status()).isEqualTo(400);
        TestServer.Response wrongType = admin.send("/api/imports", "POST", "code,name\n1,a\n", "text/csv");
        assertThat(wrongType.status()).isEqualTo(415);
        // over the upload limit: refused before a byte of the body is read
        String cookie = admin.cookies.getCookieStore().getCookies().get(0).toString();
        String response = ConcurrencyAndProtocolTest.raw("127.0.0.1", "POST /api/imports HTTP/1.1\r\nHost: x\r\nCookie: " + cookie
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000000000\r\nConnection: close\r\n\r\n--b\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json");
        // the 2 MB cap stays on every other route, multipart or not
        String big = "x".repeat(3_000_000);
        assertThat(admin.send("/api/geometry/check", "POST", big, "multipart/form-data; boundary=b").status()).isIn(413, 415);
        // a coordinate system gridmap does not support: the job fails with a 422 that lists the supported ones
        TestServer.Response crs = upload(admin, p, "x.geojson", fields("target", "projects", "crs", "EPSG:99999"));
        JsonNode j = finished(admin, crs.json().get("id").asText());
        assertThat(j.at("/problem/status").asInt()).isEqualTo(422);
        assertThat(j.at("/problem/detail").asText()).contains("EPSG:99999").contains("EPSG:4490");
        assertThat(upload(admin, p, "x.geojson", fields("target", "projects", "crs", "Beijing")).status()).isEqualTo(400);
        assertThat(leftOverFiles()).isZero();
    }

    @Test
    void exportsEveryFormatAndAuditsCases() throws Exception {
        TestServer.Client viewer = server.as("viewer");
        HttpResponse<byte[]> shp = rawBytes(viewer, "/api/layers/districts/export?format=shp");
        assertThat(shp.statusCode()).isEqualTo(200);
        assertThat(shp.headers().firstValue("Content-Disposition").orElse("")).contains("districts.zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(shp.body()))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) names.add(e.getName());
        }
        assertThat(names).contains("districts.shp", "districts.shx", "districts.dbf", "districts.prj", "districts.cpg");
        HttpResponse<byte[]> csv = rawBytes(viewer, "/api/layers/districts/export?format=csv&asOf=2020-01-01");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFFcode,name,level,parent_code").contains("铜官区").contains("MULTIPOLYGON");
        for (String f : List.of("geojson", "gpkg", "kml")) assertThat(rawBytes(viewer, "/api/layers/grid-cells/export?format=" + f).statusCode()).as(f).isEqualTo(200);
        assertThat(viewer.get("/api/layers/districts/export").status()).isEqualTo(400);
        assertThat(viewer.get("/api/layers/districts/export?format=dwg").status()).isEqualTo(400);
        assertThat(viewer.get("/api/layers/lakes/export?format=csv").status()).isEqualTo(400);
        assertThat(rawBytes(viewer, "/api/layers/rivers/export?format=csv").statusCode()).isEqualTo(200);
        long audited = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'export.cases' AND actor_name = 'dispatcher'");
        TestServer.Client dispatcher = server.as("dispatcher");
        HttpResponse<byte[]> cases = rawBytes(dispatcher, "/api/layers/cases/export?format=geojson");
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'export.cases' AND actor_name = 'dispatcher'")).isEqualTo(audited + 1);
        // a dispatcher exports the cases of their own district only
        long inScope = Sql.count(ds, "SELECT count(*) FROM cases c JOIN app_user u ON u.district_id = c.district_id WHERE u.username = 'dispatcher'");
        JsonNode fc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cases.body());
        assertThat(fc.get("features").size()).isEqualTo((int) inScope);
    }

    static HttpResponse<byte[]> rawBytes(TestServer.Client c, String path) throws Exception {
        return java.net.http.HttpClient.newBuilder().cookieHandler(c.cookies).build().send(c.req(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
