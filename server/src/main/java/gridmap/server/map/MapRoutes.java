package gridmap.server.map;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gridmap.data.demo.DemoLoader;
import gridmap.data.map.Layer;
import gridmap.data.map.LayerQuery;
import gridmap.data.map.LayerRepository;
import gridmap.data.map.UnitRepository;
import gridmap.server.ServerConfig;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/** The map API: layer list, layer features by box, single units, search, UI configuration. */
public final class MapRoutes implements RouteGroup {
    private final LayerRepository layers;
    private final UnitRepository units;
    private final ServerConfig cfg;
    private final Access access;
    private final DemoLoader demo;

    public MapRoutes(LayerRepository layers, UnitRepository units, ServerConfig cfg, Access access, DemoLoader demo) {
        this.layers = layers;
        this.units = units;
        this.cfg = cfg;
        this.access = access;
        this.demo = demo;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.MAP_READ);
        r.get("/api/config", Routes.PUBLIC, this::config);
        r.get("/api/layers", read, this::listLayers);
        r.get("/api/layers/{layer}", read, this::layerFeatures, "bbox", "limit", "asOf");
        r.get("/api/units/{id}", read, this::unit, "asOf");
        r.get("/api/cells/{id}", read, this::cell);
        r.get("/api/search", read, this::search, "q", "limit", "asOf");
    }

    /** The layers this caller may read: case points only with cases:read. */
    private static Set<Layer> readable(Principal who) {
        Set<Layer> out = EnumSet.allOf(Layer.class);
        if (!who.may(Permission.CASES_READ)) out.remove(Layer.CASES);
        return out;
    }

    /** The layer of the path's {layer}: 400 when there is none of that name, 403 when the caller may not read it (map and export alike). */
    public static Layer readableLayer(Context ctx, Principal who) {
        String id = ctx.pathParam("layer");
        Layer layer = Layer.byId(id).orElseThrow(() -> ApiException.badRequest(
                "unknown layer '" + Params.clip(id) + "'; layers: " + String.join(", ", Layer.ids())));
        if (!readable(who).contains(layer)) {
            throw new ApiException(403, "your role does not allow reading the " + layer.id + " layer");
        }
        return layer;
    }

    void listLayers(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : layers.counts(readable(who), who.caseScope()).entrySet()) {
            Layer l = e.getKey();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id);
            m.put("title_zh", l.titleZh);
            m.put("title_en", l.titleEn);
            m.put("geometryType", l.geometryType);
            m.put("count", e.getValue());
            m.put("href", "/api/layers/" + l.id);
            out.add(m);
        }
        ctx.json(out);
    }

    void layerFeatures(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        Layer layer = readableLayer(ctx, who);
        LayerQuery q = new LayerQuery(layer, p.bbox("bbox"),
                p.intInRange("limit", LayerQuery.DEFAULT_LIMIT, 1, LayerQuery.MAX_LIMIT), p.date("asOf"), who.caseScope(),
                who.may(Permission.PEOPLE_READ));
        ctx.contentType("application/geo+json");
        // streamed straight from the cursor; parameters were all checked above, before any byte went out
        OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16);
        layers.write(q, out);
        out.flush();
    }

    void unit(Context ctx, Params p) throws SQLException {
        long id = Params.pathId(ctx, "id");
        String feature = units.featureById(id, p.date("asOf")).orElseThrow(() -> ApiException.notFound("no administrative unit with id " + id));
        // bytes, not a String: Jetty would encode a String as ISO-8859-1 for a type without charset
        ctx.contentType("application/geo+json").result(feature.getBytes(StandardCharsets.UTF_8));
    }

    void cell(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        boolean people = access.principal(ctx).may(Permission.PEOPLE_READ);
        String feature = units.cellById(id, people).orElseThrow(() -> ApiException.notFound("no grid cell with id " + id));
        ctx.contentType("application/geo+json").result(feature.getBytes(StandardCharsets.UTF_8));
    }

    void search(Context ctx, Params p) throws SQLException {
        String q = p.string("q");
        if (q == null || q.isBlank()) throw ApiException.badRequest("q (a name or code to search for) is required");
        if (q.length() > 100) throw ApiException.badRequest("q must be at most 100 characters");
        ctx.json(units.search(q.trim(), p.intInRange("limit", 10, 1, 100), p.date("asOf")));
    }

    void config(Context ctx, Params p) throws SQLException {
        double[] ext = units.extent();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basemapUrl", cfg.basemapUrl());
        m.put("basemapAttribution", cfg.basemapAttribution());
        m.put("bounds", ext);
        m.put("center", ext == null ? new double[] {30.93, 117.81} : new double[] {(ext[1] + ext[3]) / 2, (ext[0] + ext[2]) / 2});
        m.put("zoom", 10);
        m.put("demo", demo.isPresent());
        ctx.json(m);
    }
}
