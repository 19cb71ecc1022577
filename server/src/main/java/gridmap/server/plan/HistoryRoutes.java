package gridmap.server.plan;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gridmap.data.plan.HistoryRepository;
import gridmap.data.plan.UnitLevel;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * The history of boundaries: a unit's lineage (what it came from and became, with shares), a
 * unit's children on a day, and the code crosswalk between two days (JSON, or CSV for
 * spreadsheets).
 */
public final class HistoryRoutes implements RouteGroup {
    private final HistoryRepository history;

    public HistoryRoutes(HistoryRepository history) { this.history = history; }

    @Override
    public void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.MAP_READ);
        r.get("/api/units/{id}/lineage", read, this::lineage);
        r.get("/api/units/{id}/children", read, this::children, "asOf", "level");
        r.get("/api/crosswalk", read, this::crosswalk, "from", "to", "level", "within");
        r.get("/api/crosswalk.csv", read, this::crosswalkCsv, "from", "to", "level", "within");
    }

    void lineage(Context ctx, Params p) throws Exception {
        HistoryRepository.Lineage l = history.lineage(Params.pathId(ctx, "id"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit(l.unit()));
        m.put("predecessors", links(l.predecessors()));
        m.put("successors", links(l.successors()));
        ctx.json(m);
    }

    void children(Context ctx, Params p) throws Exception {
        List<String> features = history.children(Params.pathId(ctx, "id"), p.date("asOf"), level(p.string("level"), null));
        String body = "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "],\"numberReturned\":" + features.size() + "}";
        ctx.contentType("application/geo+json").result(body.getBytes(StandardCharsets.UTF_8));
    }

    void crosswalk(Context ctx, Params p) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HistoryRepository.Crossing c : rows(p)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from_code", c.fromCode());
            m.put("from_name", c.fromName());
            m.put("to_code", c.toCode());
            m.put("to_name", c.toName());
            m.put("area_share", c.areaShare());
            m.put("population_share", c.populationShare());
            rows.add(m);
        }
        ctx.json(Map.of("from", p.date("from"), "to", p.date("to"), "level", p.string("level"), "rows", rows));
    }

    void crosswalkCsv(Context ctx, Params p) throws Exception {
        List<HistoryRepository.Crossing> rows = rows(p);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"crosswalk-" + p.string("level") + "-" + p.date("from") + "-" + p.date("to") + ".csv\"");
        Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        HistoryRepository.writeCsv(rows, w);
        w.flush();
    }

    private List<HistoryRepository.Crossing> rows(Params p) throws Exception {
        LocalDate from = p.date("from"), to = p.date("to");
        if (from == null || to == null) throw ApiException.badRequest("from and to (dates YYYY-MM-DD) are required");
        UnitLevel level = level(p.string("level"), UnitLevel.COMMUNITY);
        String within = p.string("within");
        if (within != null && !within.matches("[0-9]{1,12}")) throw ApiException.badRequest("within must be the digits a code starts with, e.g. 340705");
        return history.crosswalk(from, to, level, within);
    }

    private static UnitLevel level(String v, UnitLevel dflt) {
        if (v == null) return dflt;
        try {
            return UnitLevel.of(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("level must be one of city, district, street, community");
        }
    }

    private static Map<String, Object> unit(HistoryRepository.UnitRef u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("code", u.code());
        m.put("name", u.name());
        m.put("level", u.level());
        m.put("valid_from", u.validFrom());
        m.put("valid_to", u.validTo());
        return m;
    }

    private static List<Map<String, Object>> links(List<HistoryRepository.Link> links) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HistoryRepository.Link k : links) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", unit(k.unit()));
            m.put("area_share", k.areaShare());
            m.put("population_share", k.populationShare());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", k.change().id());
            c.put("type", k.change().type());
            c.put("effective_date", k.change().effectiveDate());
            c.put("legal_ref", k.change().legalRef());
            c.put("description", k.change().description());
            c.put("plan_id", k.change().planId());
            m.put("change", c);
            out.add(m);
        }
        return out;
    }
}
