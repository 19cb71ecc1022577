package gridmap.server.io;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import gridmap.data.io.ExportFormat;
import gridmap.data.io.LayerExport;
import gridmap.data.map.Layer;
import gridmap.data.map.LayerQuery;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;
import gridmap.server.map.MapRoutes;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * {@code GET /api/layers/{layer}/export?format=geojson|gpkg|shp|csv|kml[&asOf=YYYY-MM-DD][&bbox=…]}:
 * a whole layer as a download, as of a date and within a box. Cases need cases:read, stay within
 * the reader's area, and are audited (descriptions and addresses are personal data).
 */
public final class ExportRoutes implements RouteGroup {
    private final LayerExport export;
    private final Access access;

    public ExportRoutes(LayerExport export, Access access) {
        this.export = export;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/layers/{layer}/export", Routes.needs(Permission.MAP_READ), this::export, "format", "asOf", "bbox");
    }

    void export(Context ctx, Params p) throws Exception {
        Layer layer = MapRoutes.readableLayer(ctx, access.principal(ctx));
        String f = p.string("format");
        if (f == null) throw ApiException.badRequest("format is required: " + String.join(", ", ExportFormat.ids()));
        ExportFormat format = ExportFormat.byId(f).orElseThrow(() -> ApiException.badRequest(
                "format must be one of " + String.join(", ", ExportFormat.ids()) + ", not '" + Params.clip(f) + "'"));
        Principal who = access.principal(ctx);
        LayerQuery q = new LayerQuery(layer, p.bbox("bbox"), 1, p.date("asOf"), who.caseScope());
        Path work = Files.createTempDirectory("gridmap-export");
        try {
            ctx.contentType(format.mediaType);
            ctx.header("Content-Disposition", "attachment; filename=\"" + LayerExport.fileName(q, format) + "\"");
            OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16);
            export.write(q, format, out, work, who.actor(RequestIds.of(ctx)));
            out.flush();
        } finally {
            ImportJobs.delete(work);
        }
    }
}
