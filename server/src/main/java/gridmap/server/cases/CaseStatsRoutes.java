package gridmap.server.cases;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.cases.HotspotRepository;
import gridmap.data.cases.KpiRepository;
import gridmap.data.cases.WorkingCalendar;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/** The evaluation step: KPIs (JSON and CSV) and Gi* hotspots, within the caller's scope. */
public final class CaseStatsRoutes implements RouteGroup {
    private final KpiRepository kpis;
    private final HotspotRepository hotspots;
    private final Access access;

    public CaseStatsRoutes(DataSource ds, Access access) {
        this.kpis = new KpiRepository(ds);
        this.hotspots = new HotspotRepository(ds);
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.CASES_READ);
        r.get("/api/kpis", read, this::kpis, "by", "from", "to");
        r.get("/api/kpis.csv", read, this::kpisCsv, "by", "from", "to");
        r.get("/api/hotspots", read, this::hotspots, "category", "from", "to");
    }

    private record Query(KpiRepository.By by, LocalDate from, LocalDate to) {}

    private Query query(Context ctx, Params p) throws Exception {
        String by = p.string("by") == null ? "district" : p.string("by");
        KpiRepository.By b;
        try {
            b = KpiRepository.By.valueOf(by.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("by must be district, community, cell, worker or category");
        }
        if (!by.equals(by.toLowerCase())) throw ApiException.badRequest("by must be district, community, cell, worker or category");
        Principal who = access.principal(ctx);
        if (b == KpiRepository.By.WORKER && !who.may(Permission.PEOPLE_READ)) {
            throw new ApiException(403, "KPIs per grid worker name people; they are for those who dispatch or supervise them");
        }
        LocalDate[] period = period(p);
        return new Query(b, period[0], period[1]);
    }

    /** from and to (inclusive days in UTC+8); by default the last 30 days; at most 3 years. */
    static LocalDate[] period(Params p) {
        LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
        LocalDate to = p.date("to") == null ? today : p.date("to");
        LocalDate from = p.date("from") == null ? to.minusDays(29) : p.date("from");
        if (to.isBefore(from)) throw ApiException.badRequest("to must not be before from");
        if (from.plusYears(3).isBefore(to)) throw ApiException.badRequest("a period may span at most 3 years");
        return new LocalDate[] {from, to};
    }

    void kpis(Context ctx, Params p) throws Exception {
        Query q = query(ctx, p);
        List<KpiRepository.Row> rows = kpis.rows(q.by(), q.from(), q.to(), access.principal(ctx).caseScope());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", q.by().name().toLowerCase());
        out.put("from", q.from().toString());
        out.put("to", q.to().toString());
        List<Object> list = new ArrayList<>();
        for (KpiRepository.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", r.key());
            m.put("label", r.label());
            for (int i = 0; i < r.counts().length; i++) m.put(KpiRepository.COUNTS.get(i), r.counts()[i]);
            for (int i = 0; i < r.rates().length; i++) m.put(KpiRepository.RATES.get(i), r.rates()[i]);
            for (int i = 0; i < r.hours().length; i++) m.put(KpiRepository.HOURS.get(i), r.hours()[i]);
            m.put("by_status", Json.MAPPER.readTree(r.byStatusJson()));
            if (r.total()) out.put("total", m); else list.add(m);
        }
        out.put("rows", list);
        ctx.json(out);
    }

    void kpisCsv(Context ctx, Params p) throws Exception {
        Query q = query(ctx, p);
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"kpis-" + q.by().name().toLowerCase() + "-" + q.from() + "-" + q.to() + ".csv\"");
        try (Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            kpis.writeCsv(q.by(), q.from(), q.to(), access.principal(ctx).caseScope(), w);
        }
    }

    void hotspots(Context ctx, Params p) throws Exception {
        String category = p.string("category");
        if (category == null || !category.matches("\\d{4}")) throw ApiException.badRequest("category (a 4-digit code) is required");
        LocalDate[] period = period(p);
        ctx.contentType("application/geo+json").result(hotspots.hotspots(category, period[0], period[1],
                access.principal(ctx).caseScope()).getBytes(StandardCharsets.UTF_8));
    }
}
