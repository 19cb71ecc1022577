package gridmap.data.cases;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;

/**
 * Case photos: JPEG, PNG or HEIC up to 5 MB. Every photo is decoded and encoded afresh (HEIC
 * through libheif's {@code heif-convert} into JPEG), turned upright by its EXIF orientation and
 * scaled to at most {@link #MAX_SIDE} pixels, so nothing of the original file survives but the
 * picture: no EXIF location, no camera serial, no hidden payload. The EXIF location is read
 * before, so the client can offer it as the case location.
 */
public final class PhotoProcessor {
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final long MAX_PIXELS = 50_000_000L;
    public static final int MAX_SIDE = 2560;
    public static final int THUMB_SIDE = 320;
    static final String HEIF_CONVERT = "/usr/bin/heif-convert";

    public record Photo(byte[] bytes, String contentType, String originalType, byte[] sha256, int width, int height, byte[] thumb) {}

    /** Too many bytes or pixels (HTTP 413). */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public TooLarge(String m) { super(m); }
    }

    /** Not a photo this server can read (HTTP 415). */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public Unsupported(String m) { super(m); }
    }

    private PhotoProcessor() {}

    /** The image type by its first bytes (never by what the client claims), or empty. */
    public static Optional<String> sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return Optional.of("image/jpeg");
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return Optional.of("image/png");
        if (b.length > 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            String brand = new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.matches("hei[cxms]|hev[cxms]|mif1|msf1")) return Optional.of("image/heic");
        }
        return Optional.empty();
    }

    /** The GPS position in the photo's EXIF, if any (lon, lat). */
    public static Optional<double[]> exifLocation(byte[] data) {
        try {
            Metadata m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data));
            for (GpsDirectory gps : m.getDirectoriesOfType(GpsDirectory.class)) {
                GeoLocation g = gps.getGeoLocation();
                if (g != null && !g.isZero() && Math.abs(g.getLatitude()) <= 90 && Math.abs(g.getLongitude()) <= 180) {
                    return Optional.of(new double[] {g.getLongitude(), g.getLatitude()});
                }
            }
        } catch (Exception e) {
            // unreadable metadata is no location, not an error
        }
        return Optional.empty();
    }

    public static Photo process(byte[] data) {
        if (data.length > MAX_BYTES) throw new TooLarge("a photo may have at most 5 MB; this one has " + (data.length / 1024) + " KB");
        String type = sniff(data).orElseThrow(() -> new Unsupported("a photo must be a JPEG, PNG or HEIC image"));
        int orientation = type.equals("image/jpeg") ? exifOrientation(data) : 1;
        byte[] decodable = type.equals("image/heic") ? heicToJpeg(data) : data;
        BufferedImage img = upright(decode(decodable), orientation);
        img = scaleToFit(img, MAX_SIDE);
        boolean png = type.equals("image/png");
        byte[] stored = png ? encodePng(img) : encodeJpeg(img, 0.85f);
        byte[] thumb = encodeJpeg(scaleToFit(img, THUMB_SIDE), 0.8f);
        return new Photo(stored, png ? "image/png" : "image/jpeg", type, sha256(stored), img.getWidth(), img.getHeight(), thumb);
    }

    private static int exifOrientation(byte[] data) {
        try {
            Metadata m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data));
            ExifIFD0Directory d = m.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (d != null && d.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) return d.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        } catch (Exception e) {
            // no usable orientation: keep the picture as stored
        }
        return 1;
    }

    /** Decodes with a size check first, so a small file of huge dimensions cannot exhaust memory. */
    private static BufferedImage decode(byte[] data) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new Unsupported("the photo could not be read as an image");
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                long w = r.getWidth(0), h = r.getHeight(0);
                if (w * h > MAX_PIXELS) throw new TooLarge("a photo may have at most " + MAX_PIXELS / 1_000_000 + " megapixels; this one has " + w + "×" + h);
                ImageReadParam p = r.getDefaultReadParam();
                int sub = (int) Math.max(1, Math.max(w, h) / (2L * MAX_SIDE));
                p.setSourceSubsampling(sub, sub, 0, 0);
                BufferedImage img = r.read(0, p);
                if (img == null) throw new Unsupported("the photo could not be read as an image");
                return img;
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TooLarge || e instanceof Unsupported) throw (RuntimeException) e;
            throw new Unsupported("the photo could not be read as an image (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] heicToJpeg(byte[] data) {
        if (!Files.isExecutable(Path.of(HEIF_CONVERT))) {
            throw new Unsupported("HEIC photos need heif-convert on the server (Debian package libheif-examples); send JPEG or PNG");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gridmap-heic");
            Path in = dir.resolve("in.heic"), out = dir.resolve("out.jpg");
            Files.write(in, data);
            Process p = new ProcessBuilder(HEIF_CONVERT, "-q", "92", in.toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Unsupported("the HEIC photo took too long to convert");
            }
            if (p.exitValue() != 0 || !Files.exists(out)) throw new Unsupported("the HEIC photo could not be converted");
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new Unsupported("the HEIC photo could not be converted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unsupported("the HEIC conversion was interrupted");
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }

    /** Applies EXIF orientation 1–8 (rotations and mirrors), since the tag itself is not kept. */
    static BufferedImage upright(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) return src;
        int w = src.getWidth(), h = src.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    static BufferedImage scaleToFit(BufferedImage src, int maxSide) {
        int w = src.getWidth(), h = src.getHeight();
        double f = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int nw = Math.max(1, (int) Math.round(w * f)), nh = Math.max(1, (int) Math.round(h * f));
        boolean alpha = src.getColorModel().hasAlpha();
        if (f == 1.0 && (src.getType() == BufferedImage.TYPE_INT_RGB || src.getType() == BufferedImage.TYPE_INT_ARGB)) return src;
        BufferedImage out = new BufferedImage(nw, nh, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, nw, nh, null);
        g.dispose();
        return out;
    }

    static byte[] encodeJpeg(BufferedImage img, float quality) {
        BufferedImage rgb = img;
        if (img.getColorModel().hasAlpha() || img.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
            g.dispose();
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); ImageOutputStream out = ImageIO.createImageOutputStream(bos)) {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            w.setOutput(out);
            w.write(null, new IIOImage(rgb, null, null), p);
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            w.dispose();
        }
    }

    static byte[] encodePng(BufferedImage img) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", bos);
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
