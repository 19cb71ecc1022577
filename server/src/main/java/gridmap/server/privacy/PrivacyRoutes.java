package gridmap.server.privacy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import gridmap.data.privacy.PersonalData;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/**
 * A resident's rights over the details they gave when reporting (access and deletion), and the
 * retention run, for administrators. The number travels in the body, never in a URL, where it
 * would end up in access logs and browser history.
 */
public final class PrivacyRoutes implements RouteGroup {
    private final PersonalData data;
    private final Retention retention;
    private final Access access;

    public PrivacyRoutes(PersonalData data, Retention retention, Access access) {
        this.data = data;
        this.retention = retention;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard admin = Routes.needs(Permission.ADMIN);
        r.post("/api/privacy/export", admin, this::export);
        r.post("/api/privacy/erase", admin, this::erase);
        r.get("/api/privacy/retention", admin, this::retentionSettings);
        r.post("/api/privacy/retention/run", admin, this::runRetention);
    }

    record SubjectRequest(String phone, Boolean confirm) {}

    private static String phoneOf(SubjectRequest r) {
        String digits = PersonalData.digits(r.phone());
        if (r.phone() == null || r.phone().length() > 30 || digits.length() < 5 || digits.length() > 20) {
            throw ApiException.badRequest("phone is required: the resident's number as they gave it (5 to 20 digits)");
        }
        return digits;
    }

    void export(Context ctx, Params p) throws Exception {
        SubjectRequest r = Json.body(ctx, SubjectRequest.class);
        String json = data.export(access.principal(ctx).actor(RequestIds.of(ctx)), phoneOf(r));
        ctx.header("Content-Disposition", "attachment; filename=\"gridmap-personal-data.json\"");
        ctx.contentType("application/json").result(json.getBytes(StandardCharsets.UTF_8));
    }

    void erase(Context ctx, Params p) throws Exception {
        SubjectRequest r = Json.body(ctx, SubjectRequest.class);
        String phone = phoneOf(r);
        if (!Boolean.TRUE.equals(r.confirm())) {
            throw ApiException.badRequest("erasure cannot be undone: send confirm: true with the phone number");
        }
        PersonalData.ErasureReport e = data.erase(access.principal(ctx).actor(RequestIds.of(ctx)), phone);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cases", e.cases());
        m.put("reporters_anonymised", e.reporters());
        m.put("photos_removed", e.photos());
        m.put("case_codes", e.caseCodes());
        ctx.json(m);
    }

    void retentionSettings(Context ctx, Params p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("retention_years", retention.years());
        m.put("enabled", retention.enabled());
        m.put("cutoff", retention.enabled() ? retention.cutoff().toString() : null);
        ctx.json(m);
    }

    record RunRequest(Boolean dryRun) {}

    void runRetention(Context ctx, Params p) throws Exception {
        RunRequest r = Json.body(ctx, RunRequest.class);
        if (!retention.enabled()) throw new ApiException(409, "retention is switched off (GRIDMAP_RETENTION_YEARS=0)");
        ctx.json(Retention.describe(retention.run(access.principal(ctx).actor(RequestIds.of(ctx)), Boolean.TRUE.equals(r.dryRun()))));
    }
}
