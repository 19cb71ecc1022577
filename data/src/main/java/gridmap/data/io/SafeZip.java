package gridmap.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded zip without trusting it: entry names that climb out ({@code ../}) or are
 * absolute are refused, as is a zip that unpacks to more than the total limit or whose entries
 * expand beyond a ratio of their compressed size (a zip bomb), counted on the bytes actually
 * written, not on what the archive claims. Corrupt or truncated archives are refused with a 422.
 */
public final class SafeZip {
    /** Limits; the defaults allow a 1 GB upload of ordinary GIS data. */
    public record Limits(long maxTotalBytes, double maxRatio, int maxEntries) {
        public static final Limits DEFAULT = new Limits(4L << 30, 200, 10_000);
    }

    private SafeZip() {}

    /** Extracts zip into dir (which must exist) and returns the files written (macOS metadata skipped). */
    public static List<Path> extract(Path zip, Path dir, Limits limits) {
        List<Path> out = new ArrayList<>();
        Path root = dir.toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            long total = 0;
            int entries = 0;
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (++entries > limits.maxEntries()) throw ImportException.tooLarge("the zip holds more than " + limits.maxEntries() + " entries");
                if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*") || name.contains("\\")) {
                    throw ImportException.invalid("the zip has an entry with an absolute path ('" + TargetField.clip(name) + "'); refused");
                }
                for (String part : name.split("/")) {
                    if (part.equals("..")) throw ImportException.invalid("the zip has an entry that climbs out of its folder ('" + TargetField.clip(name) + "'); refused");
                }
                if (e.isDirectory() || name.startsWith("__MACOSX/") || name.contains("/._") || name.startsWith("._")) continue;
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) throw ImportException.invalid("the zip has an entry outside its folder ('" + TargetField.clip(name) + "'); refused");
                Files.createDirectories(target.getParent());
                long compressed = Math.max(e.getCompressedSize(), 1);
                long allowed = (long) Math.min(limits.maxTotalBytes() - total, compressed * limits.maxRatio() + (1 << 20));
                long written = 0;
                try (InputStream in = zf.getInputStream(e); OutputStream os = Files.newOutputStream(target)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) != -1; ) {
                        written += n;
                        if (written > allowed) {
                            throw ImportException.tooLarge(total + written > limits.maxTotalBytes()
                                    ? "the zip unpacks to more than " + (limits.maxTotalBytes() >> 20) + " MB; refused"
                                    : "the zip entry '" + TargetField.clip(name) + "' expands more than " + (int) limits.maxRatio() + " times its packed size (a zip bomb?); refused");
                        }
                        os.write(buf, 0, n);
                    }
                }
                total += written;
                out.add(target);
            }
        } catch (ZipException e) {
            throw ImportException.invalid("the zip is corrupt or truncated (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw ImportException.invalid("the zip is truncated");
        } catch (IOException e) {
            throw ImportException.invalid("the zip could not be read: " + e.getMessage());
        }
        return out;
    }
}
