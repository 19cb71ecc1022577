package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;

/** Photos: the EXIF location offered, EXIF gone from what is stored, size and type limits, HEIC converted. */
class CasePhotoApiTest extends ApiTest {

    /** A JPEG of the given size with an EXIF GPS position (lon, lat), built byte by byte as cameras write it. */
    static byte[] jpegWithGps(int w, int h, double lon, double lat) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 5 % 256) << 16 | (y * 3 % 256) << 8 | 90);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(128); // big-endian TIFF: IFD0 → GPS IFD → two rationals of 3
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        for (double v : new double[] {lat, lon}) {
            int deg = (int) v, min = (int) ((v - deg) * 60);
            long sec1000 = Math.round(((v - deg) * 60 - min) * 60 * 1000);
            tiff.putInt(deg).putInt(1).putInt(min).putInt(1).putInt((int) sec1000).putInt(1000);
        }
        byte[] tiffBytes = java.util.Arrays.copyOf(tiff.array(), 128);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        int len = 2 + 6 + tiffBytes.length;
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len, 'E', 'x', 'i', 'f', 0, 0});
        out.write(tiffBytes);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    static TestServer.Response upload(TestServer.Client c, String path, byte[] body, String type) throws Exception {
        return c.send(c.req(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static long newCase(String as) throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(ds);
        return server.as(as).post("/api/cases", "{\"category_code\":\"1101\",\"description\":\"井盖照片\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}")
                .json().get("id").asLong();
    }

    @Test
    void theExifLocationIsOfferedAndNothingOfTheExifIsStored() throws Exception {
        byte[] photo = jpegWithGps(640, 480, 117.8123, 30.9456);
        Metadata before = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
        assertThat(before.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation().getLatitude()).isBetween(30.945, 30.946);
        TestServer.Client worker = server.as("worker");
        TestServer.Response exif = upload(worker, "/api/photos/exif", photo, "image/jpeg");
        assertThat(exif.status()).isEqualTo(200);
        assertThat(exif.json().get("lon").asDouble()).isBetween(117.812, 117.813);
        assertThat(exif.json().get("lat").asDouble()).isBetween(30.945, 30.946);

        long id = newCase("worker");
        TestServer.Response up = upload(worker, "/api/cases/" + id + "/photos", photo, "image/jpeg");
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(upload(worker, "/api/cases/" + id + "/photos", photo, "image/jpeg").status()).as("a retry").isEqualTo(200);
        HttpResponse<byte[]> stored = worker.http().send(worker.req(up.json().get("url").asText()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");
        Metadata after = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stored.body()));
        assertThat(after.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(new String(stored.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        assertThat(ImageIO.read(new ByteArrayInputStream(stored.body())).getWidth()).isEqualTo(640);
        // the case lists it, with a thumbnail; another area cannot fetch it
        assertThat(server.as("worker").get("/api/cases/" + id).json().get("properties").get("photos")).hasSize(1);
        assertThat(server.as("worker").get(up.json().get("thumb_url").asText()).status()).isEqualTo(200);
        long foreignCase = gridmap.data.Sql.count(ds, "SELECT min(c.id) FROM cases c JOIN admin_unit d ON d.id = c.district_id WHERE d.code = '340722'");
        assertThat(server.as("worker").get("/api/cases/" + foreignCase + "/photos/" + up.json().get("id").asLong()).status()).isEqualTo(403);
    }

    @Test
    void limitsOfSizeTypeAndCount() throws Exception {
        TestServer.Client worker = server.as("worker");
        long id = newCase("worker");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        big[0] = (byte) 0xFF; big[1] = (byte) 0xD8; big[2] = (byte) 0xFF;
        assertThat(upload(worker, "/api/cases/" + id + "/photos", big, "image/jpeg").status()).isEqualTo(413);
        assertThat(upload(worker, "/api/cases/" + id + "/photos", "GIF89a....".getBytes(), "image/gif").status()).isEqualTo(415);
        // a JPEG header on something that is not a picture
        assertThat(upload(worker, "/api/cases/" + id + "/photos", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4}, "image/jpeg").status())
                .isEqualTo(415);
        for (int i = 0; i < 3; i++) {
            assertThat(upload(worker, "/api/cases/" + id + "/photos", jpegWithGps(100 + i, 80, 117.8, 30.9), "image/jpeg").status()).isEqualTo(201);
        }
        assertThat(upload(worker, "/api/cases/" + id + "/photos", jpegWithGps(200, 80, 117.8, 30.9), "image/jpeg").status()).isEqualTo(409);
        // someone who took no step on the case has no step to document
        assertThat(upload(server.as("dispatcher"), "/api/cases/" + id + "/photos", jpegWithGps(64, 64, 117.8, 30.9), "image/jpeg").status()).isEqualTo(403);
    }

    @Test
    void heicIsConvertedToJpeg() throws Exception {
        Path enc = Path.of("/usr/bin/heif-enc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(enc), "heif-enc (libheif-examples) not installed");
        Path dir = Files.createTempDirectory("heic-test");
        Path jpg = dir.resolve("in.jpg"), heic = dir.resolve("out.heic");
        Files.write(jpg, jpegWithGps(320, 240, 117.8, 30.9));
        Process p = new ProcessBuilder(enc.toString(), "-q", "60", "-o", heic.toString(), jpg.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        TestServer.Client worker = server.as("worker");
        long id = newCase("worker");
        TestServer.Response r = upload(worker, "/api/cases/" + id + "/photos", Files.readAllBytes(heic), "image/heic");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("content_type").asText()).isEqualTo("image/jpeg");
        assertThat(r.json().get("width").asInt()).isEqualTo(320);
    }
}
