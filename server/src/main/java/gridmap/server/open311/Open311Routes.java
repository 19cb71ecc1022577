package gridmap.server.open311;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import gridmap.data.cases.CaseIntake;
import gridmap.data.cases.Open311Queries;
import gridmap.data.cases.WorkingCalendar;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.cases.CaseRequestsPublic;
import gridmap.server.cases.ReportIntake;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import gridmap.server.http.Text;
import io.javalin.http.Context;

/**
 * Open311 GeoReport v2, JSON format, at /open311/v2: the services (case categories), filing a
 * service request with an API key (form-encoded, as the specification has it) and reading
 * requests back. Internal states map to open/closed, expected_datetime is the deadline, no
 * reporter's personal data ever leaves, and errors come in Open311's own format
 * ({@code [{"code":400,"description":"…"}]}, see {@link gridmap.server.http.Problems}).
 *
 * <p>Reading requests needs an account or an API token with cases:read (sent as
 * {@code Authorization: Bearer}); the services list is public.
 */
public final class Open311Routes implements RouteGroup {
    public static final String BASE = "/open311/v2";
    /** The same API key filing exactly the same report again within this time is refused. */
    public static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    static final int DEFAULT_DAYS = 90;
    static final int MAX_RESULTS = 1000;
    static final Set<String> POST_FIELDS = Set.of("api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string",
            "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone", "description", "media_url");

    private final Open311Queries queries;
    private final ReportIntake intake;
    private final Access access;

    public Open311Routes(DataSource ds, ReportIntake intake, Access access) {
        this.queries = new Open311Queries(ds);
        this.intake = intake;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get(BASE + "/services.json", Routes.PUBLIC, this::services, "jurisdiction_id");
        r.get(BASE + "/services/{code}.json", Routes.PUBLIC, this::service, "jurisdiction_id");
        // the API key travels in the form body, so the route checks it itself
        r.post(BASE + "/requests.json", Routes.PUBLIC, this::create);
        r.get(BASE + "/requests.json", Routes.PUBLIC, this::search,
                "jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status");
        r.get(BASE + "/requests/{id}.json", Routes.PUBLIC, this::byId, "jurisdiction_id");
    }

    void services(Context ctx, Params p) throws Exception { json(ctx, 200, queries.services()); }

    void service(Context ctx, Params p) throws Exception {
        String code = ctx.pathParam("code");
        Optional<String> s = code.matches("\\d{4}") ? queries.service(code) : Optional.empty();
        json(ctx, 200, s.orElseThrow(() -> ApiException.notFound("no service with code " + Params.clip(code))));
    }

    void create(Context ctx, Params p) throws Exception {
        String ct = ctx.contentType();
        boolean isForm = ct != null && ct.startsWith("application/x-www-form-urlencoded");
        Map<String, List<String>> form = isForm ? ctx.formParamMap() : Map.of();
        Principal who = apiKey(ctx, field(form, "api_key"));
        if (!isForm) throw new ApiException(415, "send the request form-encoded (application/x-www-form-urlencoded)");
        for (var e : form.entrySet()) {
            if (!POST_FIELDS.contains(e.getKey())) throw ApiException.badRequest("unknown field '" + Params.clip(e.getKey()) + "'");
            if (e.getValue().size() > 1) throw ApiException.badRequest("field '" + e.getKey() + "' given more than once");
            if (e.getValue().get(0).indexOf('\0') >= 0) throw ApiException.badRequest("field '" + e.getKey() + "' contains a NUL character");
        }
        String service = field(form, "service_code");
        if (service == null) throw ApiException.badRequest("service_code is required");
        String latText = field(form, "lat"), lonText = field(form, "long");
        String address = Text.free("address_string", field(form, "address_string"), 200);
        double lon, lat;
        if (latText != null || lonText != null) {
            if (latText == null || lonText == null) throw ApiException.badRequest("lat and long go together");
            try {
                lat = Double.parseDouble(latText);
                lon = Double.parseDouble(lonText);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("lat and long must be decimal degrees");
            }
        } else {
            if (address == null || address.isEmpty()) throw ApiException.badRequest("lat and long, or address_string, are required");
            double[] at = queries.locateAddress(address).orElseThrow(() -> ApiException.badRequest(
                    "address_string names no grid cell or community this server knows; send lat and long"));
            lon = at[0];
            lat = at[1];
        }
        String description = field(form, "description");
        if (description != null && description.length() > 4000) throw ApiException.badRequest("description may have at most 4000 characters");
        String mediaUrl = field(form, "media_url");
        if (mediaUrl != null && (mediaUrl.length() > 2048 || !mediaUrl.matches("https?://[^\\s]+"))) {
            throw ApiException.badRequest("media_url must be an http or https URL of at most 2048 characters");
        }
        String name = joinName(field(form, "first_name"), field(form, "last_name"));
        String phone = field(form, "phone");
        CaseIntake.NewCase k = CaseRequestsPublic.newCase(service, description == null || description.isBlank() ? "（未填写描述）" : description,
                lon, lat, address, who, name, phone, phone == null ? "none" : "phone", mediaUrl);
        Map<String, String> canonical = new java.util.TreeMap<>();
        form.forEach((key, v) -> { if (!key.equals("api_key")) canonical.put(key, v.get(0)); });
        CaseIntake.Result r = intake.report(ctx, who, k, Json.MAPPER.writeValueAsBytes(canonical), REPEAT_WINDOW);
        if (r instanceof CaseIntake.Result.Created c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", c.code());
            m.put("service_notice", "");
            m.put("account_id", null);
            if (c.replayed()) ctx.header("Idempotent-Replayed", "true");
            ctx.status(201).json(List.of(m));
            return;
        }
        throw ReportIntake.problem(r, k);
    }

    /** Chinese names are family name first without a space; others given name first. */
    static String joinName(String first, String last) {
        String f = first == null ? "" : first.strip(), l = last == null ? "" : last.strip();
        if (f.isEmpty() && l.isEmpty()) return null;
        boolean cjk = (f + l).codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        return cjk ? l + f : (f + " " + l).strip();
    }

    private Principal apiKey(Context ctx, String key) throws Exception {
        Optional<Principal> who = key != null ? access.authenticator().fromToken(key) : access.authenticator().identify(ctx);
        if (who.isEmpty()) throw new ApiException(401, "api_key is missing, unknown, expired or revoked");
        if (!who.get().may(Permission.CASES_CREATE)) throw new ApiException(403, "this api_key may not file requests (it lacks cases:create)");
        return who.get();
    }

    private Principal reader(Context ctx) throws Exception {
        Principal who = access.authenticator().identify(ctx).orElseThrow(() -> new ApiException(401,
                "reading requests needs an API token with cases:read (Authorization: Bearer …) or a signed-in session"));
        if (!who.may(Permission.CASES_READ)) throw new ApiException(403, "reading requests needs cases:read");
        return who;
    }

    void search(Context ctx, Params p) throws Exception {
        Principal who = reader(ctx);
        String ids = p.string("service_request_id");
        if (ids != null) {
            List<String> codes = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (codes.isEmpty() || codes.size() > MAX_RESULTS || codes.stream().anyMatch(c -> !c.matches("[A-Z]{2}\\d{8,20}"))) {
                throw ApiException.badRequest("service_request_id must be a comma-separated list of request ids (at most " + MAX_RESULTS + ")");
            }
            json(ctx, 200, queries.byCodes(codes, who.caseScope(), baseUrl(ctx)));
            return;
        }
        OffsetDateTime end = dateTime(p, "end_date");
        OffsetDateTime start = dateTime(p, "start_date");
        if (end == null) end = start == null ? OffsetDateTime.now() : start.plusDays(DEFAULT_DAYS);
        if (start == null) start = end.minusDays(DEFAULT_DAYS);
        if (!start.isBefore(end)) throw ApiException.badRequest("start_date must be before end_date");
        String status = p.string("status");
        Boolean open = status == null ? null : switch (status) {
            case "open" -> Boolean.TRUE;
            case "closed" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("status must be open or closed");
        };
        String service = p.string("service_code");
        if (service != null && !service.matches("\\d{4}")) throw ApiException.badRequest("service_code must be a 4-digit code");
        json(ctx, 200, queries.search(start, end, open, service, who.caseScope(), baseUrl(ctx), MAX_RESULTS));
    }

    void byId(Context ctx, Params p) throws Exception {
        Principal who = reader(ctx);
        String id = ctx.pathParam("id");
        if (!id.matches("[A-Z]{2}\\d{8,20}")) throw ApiException.notFound("no request " + Params.clip(id));
        String found = queries.byCodes(List.of(id), who.caseScope(), baseUrl(ctx));
        if (found.equals("[]")) throw ApiException.notFound("no request " + id);
        json(ctx, 200, found);
    }

    /** W3C date-time as the specification has it (2026-10-01T00:00:00+08:00); a bare date is the start of that day in UTC+8. */
    static OffsetDateTime dateTime(Params p, String name) {
        String v = p.string(name);
        if (v == null) return null;
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) return java.time.LocalDate.parse(v).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
            return ZonedDateTime.parse(v, DateTimeFormatter.ISO_DATE_TIME).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date-time such as 2026-10-01T00:00:00+08:00");
        }
    }

    private static String field(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String baseUrl(Context ctx) { return ctx.scheme() + "://" + ctx.host(); }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json").result(body.getBytes(StandardCharsets.UTF_8));
    }
}
