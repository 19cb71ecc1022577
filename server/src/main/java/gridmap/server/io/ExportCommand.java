package gridmap.server.io;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import gridmap.data.Database;
import gridmap.data.audit.Actor;
import gridmap.data.io.ExportFormat;
import gridmap.data.io.LayerExport;
import gridmap.data.map.Layer;
import gridmap.data.map.LayerQuery;
import gridmap.geo.Bbox;

/** {@code ./gridmap export LAYER --format geojson|gpkg|shp|csv|kml [--as-of YYYY-MM-DD] [--bbox …] [--out FILE|-]}. */
public final class ExportCommand {
    static final String USAGE = "usage: gridmap export " + String.join("|", Layer.ids()) + " --format " + String.join("|", ExportFormat.ids())
            + " [--as-of YYYY-MM-DD] [--bbox minLon,minLat,maxLon,maxLat] [--out FILE|-]";

    private ExportCommand() {}

    public static int run(Database db, List<String> args, PrintStream out, PrintStream err) {
        LayerQuery q;
        ExportFormat f;
        String target;
        try {
            Args a = new Args(args);
            String id = a.positional();
            Layer layer = Layer.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown layer " + id + "; layers: " + String.join(", ", Layer.ids())));
            String fmt = a.required("--format");
            f = ExportFormat.byId(fmt).orElseThrow(() -> new IllegalArgumentException("--format must be one of " + String.join(", ", ExportFormat.ids())));
            String asOf = a.value("--as-of");
            String bbox = a.value("--bbox");
            q = new LayerQuery(layer, bbox == null ? null : Bbox.parse(bbox), 1, asOf == null ? null : LocalDate.parse(asOf));
            target = a.value("--out");
            a.noneLeft();
        } catch (RuntimeException e) {
            err.println("gridmap export: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (target == null) target = LayerExport.fileName(q, f);
        Path work = null;
        try {
            work = Files.createTempDirectory("gridmap-export");
            long n;
            Actor actor = Actor.system("cli:" + System.getProperty("user.name", "?"));
            if (target.equals("-")) {
                OutputStream os = new BufferedOutputStream(out);
                n = new LayerExport(db.dataSource()).write(q, f, os, work, actor);
                os.flush();
            } else {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(Path.of(target)))) {
                    n = new LayerExport(db.dataSource()).write(q, f, os, work, actor);
                }
            }
            err.println("exported " + n + " features of " + q.layer().id + (q.asOf() == null ? "" : " as of " + q.asOf()) + " to "
                    + (target.equals("-") ? "standard output" : target));
            return 0;
        } catch (Exception e) {
            err.println("gridmap export: failed: " + e.getMessage());
            return 1;
        } finally {
            ImportJobs.delete(work);
        }
    }
}
