package gridmap.server.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import gridmap.data.DbConfig;
import gridmap.data.cases.CaseAction;
import gridmap.data.cases.CaseIntake;
import gridmap.data.cases.CaseNotifier;
import gridmap.data.cases.CasePhotos;
import gridmap.data.cases.CaseRepository;
import gridmap.data.cases.CaseWorkflow;
import gridmap.data.cases.PhotoProcessor;
import gridmap.data.cases.ReferenceData;
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
import io.javalin.http.sse.SseHandler;

/**
 * The case API: report (idempotent, rate-limited), read one in full, list, map, counts,
 * duplicates near a point, the workflow's steps, photos, the audited read of reporter details,
 * live updates and the CSV export. Reference data, KPIs and hotspots are in {@link CaseAdminRoutes}
 * and {@link CaseStatsRoutes}.
 */
public final class CaseRoutes implements RouteGroup {
    private final CaseRepository cases;
    private final CaseWorkflow workflow;
    private final CasePhotos photos;
    private final ReportIntake limits;
    private final CaseStream stream;
    private final Access access;

    public CaseRoutes(DataSource ds, DbConfig db, ReferenceData reference, CaseNotifier notifier, ReportIntake intake, Access access) {
        this.cases = new CaseRepository(ds);
        this.limits = intake;
        this.workflow = new CaseWorkflow(ds, reference, java.time.Clock.systemUTC(), notifier);
        this.photos = new CasePhotos(ds, notifier);
        this.stream = new CaseStream(db, access.authenticator());
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard read = Routes.needs(Permission.CASES_READ);
        // fixed paths before /api/cases/{id}
        r.get("/api/cases", read, this::list, with(CaseRequests.FILTER_PARAMS, "sort", "limit", "offset"));
        r.get("/api/cases.csv", read, this::csv, CaseRequests.FILTER_PARAMS);
        r.get("/api/cases/map", read, this::map, CaseRequests.FILTER_PARAMS);
        r.get("/api/cases/summary", read, this::summary);
        r.get("/api/cases/nearby", read, this::nearby, "lon", "lat", "category", "radius", "days");
        r.get("/api/cases/stream", read, this::subscribe);
        r.get("/api/cases/{id}", read, this::byId);
        r.post("/api/cases", Routes.needs(Permission.CASES_CREATE), this::create);
        r.post("/api/cases/{id}/transitions", Routes.needs(Permission.CASES_PROCESS), this::transition);
        r.post("/api/cases/{id}/photos", Routes.needs(Permission.CASES_CREATE), this::addPhoto);
        r.get("/api/cases/{id}/photos/{photo}", read, this::photo, "size");
        r.get("/api/cases/{id}/reporter", Routes.needs(Permission.PEOPLE_READ), this::reporter);
        r.post("/api/photos/exif", Routes.needs(Permission.CASES_CREATE), this::exif);
    }

    static String[] with(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }

    void list(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        String sort = p.string("sort");
        CaseRepository.Sort s = sort == null || sort.equals("newest") ? CaseRepository.Sort.NEWEST
                : sort.equals("due") ? CaseRepository.Sort.DUE : null;
        if (s == null) throw ApiException.badRequest("sort must be newest or due");
        json(ctx, cases.list(CaseRequests.filter(p, who), who.caseScope(), s, p.intInRange("limit", 50, 1, 500), p.intInRange("offset", 0, 0, 10_000_000)));
    }

    void csv(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        var filter = CaseRequests.filter(p, who);
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"cases.csv\"");
        try (Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            cases.writeCsv(filter, who.caseScope(), w);
        }
    }

    void map(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        ctx.contentType("application/geo+json").result(cases.map(CaseRequests.filter(p, who), who.caseScope()).getBytes(StandardCharsets.UTF_8));
    }

    void summary(Context ctx, Params p) throws Exception {
        json(ctx, cases.summary(access.principal(ctx).caseScope()));
    }

    void nearby(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        double[] pt = CaseRequests.point(number(p, "lon"), number(p, "lat"));
        String category = p.string("category");
        if (category == null || !category.matches("\\d{4}")) throw ApiException.badRequest("category (a 4-digit code) is required");
        json(ctx, cases.nearby(pt[0], pt[1], category, p.intInRange("radius", 50, 1, 1000), p.intInRange("days", 7, 1, 90), who.caseScope()));
    }

    static Double number(Params p, String name) {
        String v = p.string(name);
        if (v == null) return null;
        if (!v.matches("-?\\d{1,3}(\\.\\d{1,17})?")) throw ApiException.badRequest(name + " must be a decimal number of degrees");
        return Double.parseDouble(v);
    }

    void subscribe(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "this is a stream of Server-Sent Events: ask with Accept: text/event-stream (EventSource does)");
        }
        String cookie = who.token() ? null : ctx.cookie(gridmap.server.auth.Authenticator.COOKIE);
        new SseHandler(client -> stream.subscribe(client, who.caseScope(), cookie)).handle(ctx);
    }

    void byId(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Principal who = access.principal(ctx);
        Optional<String> f = cases.detail(id, who.caseCaller(), visibility(who));
        if (f.isEmpty()) throw notVisible(id);
        ctx.contentType("application/geo+json").result(f.get().getBytes(StandardCharsets.UTF_8));
    }

    static CaseRepository.Visibility visibility(Principal who) {
        return who.may(Permission.PEOPLE_READ) ? CaseRepository.Visibility.COMMAND : CaseRepository.Visibility.PUBLIC;
    }

    private ApiException notVisible(long id) throws SQLException {
        return cases.exists(id) ? new ApiException(403, "case " + id + " is outside your area") : ApiException.notFound("no case with id " + id);
    }

    void create(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        CaseRequests.NewCaseBody body = Json.body(ctx, CaseRequests.NewCaseBody.class);
        CaseIntake.NewCase k = CaseRequests.newCase(body, who, null);
        // the canonical body is hashed only to compare a repeated Idempotency-Key's request
        CaseIntake.Result result = limits.report(ctx, who, k, ctx.header("Idempotency-Key") == null ? null : Json.MAPPER.writeValueAsBytes(body));
        if (result instanceof CaseIntake.Result.Created c) {
            ctx.status(201).header("Location", "/api/cases/" + c.id());
            if (c.replayed()) ctx.header("Idempotent-Replayed", "true");
            ctx.contentType("application/geo+json").result(c.feature().getBytes(StandardCharsets.UTF_8));
            return;
        }
        throw ReportIntake.problem(result, k);
    }

    void transition(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Principal who = access.principal(ctx);
        if (who.token()) throw new ApiException(403, "API tokens report cases; moving them is for signed-in staff");
        CaseWorkflow.Request req = CaseRequests.transition(Json.body(ctx, CaseRequests.TransitionBody.class));
        CaseWorkflow.Result r = workflow.apply(id, who.caseCaller(), who.actor(RequestIds.of(ctx)), req);
        if (r instanceof CaseWorkflow.Result.Done) {
            ctx.contentType("application/geo+json").result(cases.detail(id, who.caseCaller(), visibility(who)).orElseThrow()
                    .getBytes(StandardCharsets.UTF_8));
        } else if (r instanceof CaseWorkflow.Result.NotFound) {
            throw ApiException.notFound("no case with id " + id);
        } else if (r instanceof CaseWorkflow.Result.OutOfScope) {
            throw new ApiException(403, "case " + id + " is outside your area");
        } else if (r instanceof CaseWorkflow.Result.NotForYou n) {
            Problems.write(ctx, 403, "Forbidden", "your role (" + who.role() + ") may not " + req.action().db + " this case"
                    + allowedText(n.allowed()), Map.of("allowed", names(n.allowed())));
        } else if (r instanceof CaseWorkflow.Result.WrongState w) {
            Problems.write(ctx, 409, "Conflict", "the case is " + w.status().db + "; " + req.action().db + " is possible only from "
                    + String.join(", ", req.action().from.stream().map(st -> st.db).sorted().toList()) + allowedText(w.allowed()),
                    Map.of("status", w.status().db, "allowed", names(w.allowed())));
        } else if (r instanceof CaseWorkflow.Result.Stale st) {
            throw new ApiException(409, "the case was changed meanwhile (version " + st.version() + ", you sent " + req.version() + "); reload it");
        } else if (r instanceof CaseWorkflow.Result.Invalid i) {
            throw new ApiException(422, i.detail());
        }
    }

    private static List<String> names(List<CaseAction> actions) { return actions.stream().map(a -> a.db).toList(); }

    private static String allowedText(List<CaseAction> allowed) {
        return allowed.isEmpty() ? "; you can take no step on it now" : "; allowed now: " + String.join(", ", names(allowed));
    }

    void addPhoto(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Principal who = access.principal(ctx);
        if (who.token()) throw new ApiException(403, "API tokens send photos as media_url (Open311); uploads are for signed-in staff");
        limits.count(ctx, who);
        PhotoProcessor.Photo photo = process(readPhoto(ctx));
        CasePhotos.Result r = photos.add(id, who.userId(), who.caseScope(), who.actor(RequestIds.of(ctx)), photo);
        if (r instanceof CasePhotos.Result.Added a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.photoId());
            m.put("url", "/api/cases/" + id + "/photos/" + a.photoId());
            m.put("thumb_url", "/api/cases/" + id + "/photos/" + a.photoId() + "?size=thumb");
            m.put("width", photo.width());
            m.put("height", photo.height());
            m.put("content_type", photo.contentType());
            ctx.status(a.replayed() ? 200 : 201).json(m);
        } else if (r instanceof CasePhotos.Result.NotFound) {
            throw ApiException.notFound("no case with id " + id);
        } else if (r instanceof CasePhotos.Result.OutOfScope) {
            throw new ApiException(403, "case " + id + " is outside your area");
        } else if (r instanceof CasePhotos.Result.NoStepOfYours) {
            throw new ApiException(403, "photos document a step: add them to a case you reported or worked on, after that step");
        } else {
            throw new ApiException(409, "a step has at most " + CasePhotos.PER_STEP + " photos");
        }
    }

    static PhotoProcessor.Photo process(byte[] data) {
        try {
            return PhotoProcessor.process(data);
        } catch (PhotoProcessor.TooLarge e) {
            throw new ApiException(413, e.getMessage());
        } catch (PhotoProcessor.Unsupported e) {
            throw new ApiException(415, e.getMessage());
        }
    }

    /** The raw image body, at most 5 MB however it is sent. */
    static byte[] readPhoto(Context ctx) {
        if (ctx.contentLength() > PhotoProcessor.MAX_BYTES) throw tooLarge();
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, Math.min(ctx.contentLength(), PhotoProcessor.MAX_BYTES)));
            byte[] buf = new byte[16384];
            long total = 0;
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
                if (total > PhotoProcessor.MAX_BYTES) throw tooLarge();
                out.write(buf, 0, n);
            }
            if (total == 0) throw ApiException.badRequest("send the photo as the request body (image/jpeg, image/png or image/heic)");
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("the photo could not be read (malformed or incomplete body)");
        }
    }

    private static ApiException tooLarge() { return new ApiException(413, "a photo may have at most 5 MB"); }

    void photo(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id"), photoId = Params.pathId(ctx, "photo");
        String size = p.string("size");
        if (size != null && !size.equals("thumb") && !size.equals("full")) throw ApiException.badRequest("size must be thumb or full");
        Principal who = access.principal(ctx);
        Optional<CaseRepository.PhotoBytes> b = cases.photo(id, photoId, "thumb".equals(size), who.caseScope());
        if (b.isEmpty()) {
            if (cases.exists(id) && cases.detail(id, who.caseCaller(), visibility(who)).isEmpty()) throw new ApiException(403, "case " + id + " is outside your area");
            throw ApiException.notFound("no photo " + photoId + " of case " + id);
        }
        // private: photos may show people; the browser may keep them, shared caches may not
        ctx.header("Cache-Control", "private, max-age=86400").contentType(b.get().contentType()).result(b.get().bytes());
    }

    void reporter(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        Principal who = access.principal(ctx);
        Optional<String> r = cases.reporterDetails(id, who.caseScope(), who.actor(RequestIds.of(ctx)));
        if (r.isEmpty()) {
            if (!cases.exists(id)) throw ApiException.notFound("no case with id " + id);
            if (cases.featureById(id, who.caseScope()).isEmpty()) throw new ApiException(403, "case " + id + " is outside your area");
            throw ApiException.notFound("case " + id + " has no reporter details");
        }
        json(ctx, r.get());
    }

    /** The EXIF location of a photo, to offer as the case location; nothing is stored. */
    void exif(Context ctx, Params p) throws Exception {
        byte[] data = readPhoto(ctx);
        if (PhotoProcessor.sniff(data).isEmpty()) throw new ApiException(415, "a photo must be a JPEG, PNG or HEIC image");
        Map<String, Object> m = new LinkedHashMap<>();
        PhotoProcessor.exifLocation(data).ifPresentOrElse(ll -> {
            m.put("lon", ll[0]);
            m.put("lat", ll[1]);
        }, () -> {
            m.put("lon", null);
            m.put("lat", null);
        });
        ctx.json(m);
    }

    static void json(Context ctx, String text) { ctx.contentType("application/json").result(text.getBytes(StandardCharsets.UTF_8)); }
}
