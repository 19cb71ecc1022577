package gridmap.data.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Features of a source GDAL reads (Shapefile, GeoPackage, KML, CSV, GeoJSON in another CRS):
 * {@code ogr2ogr -f GeoJSONSeq /vsistdout/ … -t_srs EPSG:4326} runs as a child process per
 * layer and its output is parsed as it arrives by {@link GeoJsonFeatureReader}, so neither side
 * holds the file. Features are numbered on across layers. Closing stops the process.
 */
final class GdalFeatureReader implements FeatureReader {
    private final Path source;
    private final List<String> layers;
    private final List<String> openOptions;
    private final List<String> configOptions;
    private final Integer sourceEpsg;
    private final boolean reproject;
    private int layer = -1;
    private volatile Process proc;
    private Gdal.StreamCollector err;
    private GeoJsonFeatureReader json;
    private long offset;
    private long last;

    /**
     * sourceEpsg: the CRS to assume for the source (overriding the file's), or null to use the
     * file's; reproject: whether to transform to EPSG:4326 at all (false for lon/lat sources and
     * for sources without a CRS, which are then checked for lon/lat ranges).
     */
    GdalFeatureReader(Path source, List<String> layers, List<String> openOptions, List<String> configOptions, Integer sourceEpsg, boolean reproject) {
        this.source = source;
        this.layers = layers;
        this.openOptions = openOptions;
        this.configOptions = configOptions;
        this.sourceEpsg = sourceEpsg;
        this.reproject = reproject;
    }

    @Override
    public SourceFeature next() throws IOException {
        try {
            return next0();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    private SourceFeature next0() throws IOException, InterruptedException {
        while (true) {
            if (json == null && !openNext()) return null;
            SourceFeature f;
            try {
                f = json.next();
            } catch (ImportException e) { // output cut short: GDAL's own reason is the better message
                if (proc.waitFor(5, TimeUnit.SECONDS) && proc.exitValue() != 0) {
                    throw ImportException.invalid("GDAL could not read layer '" + layers.get(layer) + "': " + Gdal.firstError(err.text()));
                }
                throw e;
            }
            if (f != null) {
                last = offset + f.number();
                return new SourceFeature(last, f.properties(), f.geometry(), f.geometryProblem());
            }
            finishLayer();
        }
    }

    private boolean openNext() throws IOException {
        if (++layer >= layers.size()) return false;
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSONSeq", "/vsistdout/", "-dim", "XY",
                "-lco", "COORDINATE_PRECISION=12", "-lco", "RS=NO"));
        for (String o : openOptions) { cmd.add("-oo"); cmd.add(o); }
        for (String o : configOptions) { cmd.add("--config"); cmd.add(o.substring(0, o.indexOf('='))); cmd.add(o.substring(o.indexOf('=') + 1)); }
        if (sourceEpsg != null) { cmd.add("-s_srs"); cmd.add("EPSG:" + sourceEpsg); }
        if (reproject) { cmd.add("-t_srs"); cmd.add("EPSG:4326"); }
        cmd.add(source.toString());
        cmd.add(layers.get(layer));
        proc = Gdal.start(cmd);
        proc.getOutputStream().close();
        err = Gdal.StreamCollector.start(proc.getErrorStream(), 1 << 16);
        json = new GeoJsonFeatureReader(new BufferedInputStream(proc.getInputStream(), 1 << 16));
        return true;
    }

    private void finishLayer() throws IOException {
        json.close();
        json = null;
        offset = last;
        try {
            if (!proc.waitFor(60, TimeUnit.SECONDS)) proc.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        if (proc.exitValue() != 0) {
            throw ImportException.invalid("GDAL could not read layer '" + layers.get(layer) + "': " + Gdal.firstError(err.text()));
        }
        proc = null;
    }

    /** Stops the running ogr2ogr from another thread (a cancel); the reading thread then sees the end of its output. */
    void stop() {
        Process p = proc;
        if (p != null) p.destroyForcibly();
    }

    @Override
    public void close() throws IOException {
        if (proc != null) {
            proc.destroyForcibly();
            proc = null;
        }
        if (json != null) {
            json.close();
            json = null;
        }
    }
}
