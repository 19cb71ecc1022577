package gridmap.data.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GDAL command-line tools (Debian {@code gdal-bin}, installed by ./gridmap) as gridmap uses
 * them: {@code ogrinfo} to describe a source, {@code ogr2ogr} to stream it as GeoJSONSeq in lon/lat
 * or to write an export, {@code gdalsrsinfo} to name a .prj's CRS, {@code gdaltransform} to check a
 * transformation. Each runs as a child process with its own output read as it comes, so memory does
 * not depend on the file; a tool that fails says why in its first ERROR line.
 */
public final class Gdal {
    private Gdal() {}

    /** What ogrinfo says of one layer. epsg is null when the layer has no CRS or one without an EPSG code. */
    public record Layer(String name, String geometryType, long featureCount, boolean hasCrs, Integer epsg, String crsName, List<String> fields) {}

    /** Whether ogr2ogr can be run here. */
    public static boolean available() {
        try {
            return run(List.of("ogr2ogr", "--version"), 10).exit == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void requireAvailable() {
        if (!available()) {
            throw new ImportException(503, "GDAL (ogr2ogr) is not installed on the server: ./gridmap installs it, or run sudo apt-get install gdal-bin");
        }
    }

    private static final Pattern LAYER_START = Pattern.compile("^Layer name: (.*)$");
    private static final Pattern TOP_ID = Pattern.compile("ID\\[\"EPSG\",(\\d+)\\]\\]\\s*$");
    private static final Pattern CRS_NAME = Pattern.compile("^[A-Z]+CRS\\[\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("^([^:]+): (String|Integer|Integer64|Real|Date|DateTime|Time|StringList|IntegerList|Integer64List|RealList|Binary)( \\(.*\\))?$");

    /** Every layer of a source, as ogrinfo describes it (open options such as ENCODING=GBK apply). */
    public static List<Layer> layers(Path src, List<String> openOptions) {
        List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro", "-so", "-al", "-nomd", "-noextent"));
        for (String o : openOptions) { cmd.add("-oo"); cmd.add(o); }
        cmd.add(src.toString());
        Result r = run(cmd, 600);
        if (r.exit != 0) throw ImportException.unsupported("GDAL cannot read the file: " + r.firstError());
        List<Layer> out = new ArrayList<>();
        String[] lines = r.stdout.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LAYER_START.matcher(lines[i]);
            if (!m.matches()) continue;
            String name = m.group(1).trim();
            String geom = "Unknown";
            long count = -1;
            boolean hasCrs = false;
            Integer epsg = null;
            String crsName = null;
            List<String> fields = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length && !LAYER_START.matcher(lines[j]).matches(); j++) {
                String l = lines[j];
                if (l.startsWith("Geometry: ")) geom = l.substring(10).trim();
                else if (l.startsWith("Feature Count: ")) count = Long.parseLong(l.substring(15).trim());
                else if (l.startsWith("Layer SRS WKT:")) {
                    StringBuilder wkt = new StringBuilder();
                    int k = j + 1;
                    for (; k < lines.length && !lines[k].startsWith("Data axis to CRS axis mapping") && !FIELD.matcher(lines[k]).matches()
                            && !lines[k].startsWith("FID Column") && !lines[k].startsWith("Geometry Column"); k++) {
                        wkt.append(lines[k]).append('\n');
                    }
                    String w = wkt.toString().trim();
                    hasCrs = !w.isEmpty() && !w.equals("(unknown)");
                    Matcher id = TOP_ID.matcher(w);
                    if (id.find()) epsg = Integer.parseInt(id.group(1));
                    Matcher cn = CRS_NAME.matcher(w);
                    if (cn.find()) crsName = cn.group(1);
                    j = k - 1;
                } else {
                    Matcher f = FIELD.matcher(l);
                    if (f.matches()) fields.add(f.group(1).trim());
                }
            }
            out.add(new Layer(name, geom, count, hasCrs, epsg, crsName, fields));
            i = j - 1;
        }
        return out;
    }

    /** The EPSG code gdalsrsinfo finds for a source's CRS (e.g. a .prj in ESRI's dialect), or null. */
    public static Integer identifyEpsg(Path src) {
        Result r = run(List.of("gdalsrsinfo", "-e", "-o", "epsg", src.toString()), 60);
        Matcher m = Pattern.compile("EPSG:(\\d+)").matcher(r.stdout);
        return r.exit == 0 && m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    /** Transforms points (x y per pair, in each CRS's GIS order: lon before lat) with gdaltransform. */
    public static double[][] transform(double[][] points, int fromEpsg, int toEpsg) {
        StringBuilder in = new StringBuilder();
        for (double[] p : points) in.append(p[0]).append(' ').append(p[1]).append('\n');
        Result r = run(List.of("gdaltransform", "-s_srs", "EPSG:" + fromEpsg, "-t_srs", "EPSG:" + toEpsg, "-output_xy"), 60,
                in.toString().getBytes(StandardCharsets.US_ASCII));
        if (r.exit != 0) throw ImportException.invalid("GDAL cannot transform EPSG:" + fromEpsg + " to EPSG:" + toEpsg + ": " + r.firstError());
        String[] lines = r.stdout.trim().split("\n");
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            String[] xy = lines[i].trim().split("\\s+");
            out[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return out;
    }

    /** A finished tool run: exit status, standard output, standard error. */
    record Result(int exit, String stdout, String stderr) {
        String firstError() { return Gdal.firstError(stderr); }
    }

    /** The first "ERROR n: …" line of GDAL's standard error, without the prefix; else its last line. */
    static String firstError(String stderr) {
        for (String l : stderr.split("\n")) {
            if (l.startsWith("ERROR")) return l.replaceFirst("^ERROR \\d+: ", "").trim();
        }
        String t = stderr.trim();
        if (t.isEmpty()) return "no reason given";
        String[] ls = t.split("\n");
        return ls[ls.length - 1].trim();
    }

    static Result run(List<String> cmd, int timeoutSeconds) { return run(cmd, timeoutSeconds, null); }

    static Result run(List<String> cmd, int timeoutSeconds, byte[] stdin) {
        try {
            Process proc = start(cmd);
            StreamCollector err = StreamCollector.start(proc.getErrorStream(), 1 << 16);
            StreamCollector out = StreamCollector.start(proc.getInputStream(), 64 << 20);
            try (var os = proc.getOutputStream()) {
                if (stdin != null) os.write(stdin);
            }
            if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new ImportException(422, cmd.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(proc.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    static Process start(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CPL_DEBUG", "OFF");
        try {
            return pb.start();
        } catch (IOException e) {
            if (!available0(cmd.get(0))) {
                throw new ImportException(503, "GDAL (" + cmd.get(0) + ") is not installed: ./gridmap installs it, or run sudo apt-get install gdal-bin");
            }
            throw e;
        }
    }

    private static boolean available0(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Reads a process stream on its own thread, keeping at most max bytes (the rest is drained and dropped). */
    static final class StreamCollector extends Thread {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        private StreamCollector(InputStream in, int max) {
            this.in = in;
            this.max = max;
            setDaemon(true);
            setName("gdal-output");
        }

        static StreamCollector start(InputStream in, int max) {
            StreamCollector c = new StreamCollector(in, max);
            c.start();
            return c;
        }

        @Override public void run() {
            byte[] b = new byte[8192];
            try {
                for (int n; (n = in.read(b)) != -1; ) {
                    synchronized (buf) {
                        if (buf.size() < max) buf.write(b, 0, Math.min(n, max - buf.size()));
                    }
                }
            } catch (IOException ignored) {
                // the process was stopped; what was read is kept
            }
        }

        String text() {
            try {
                join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
