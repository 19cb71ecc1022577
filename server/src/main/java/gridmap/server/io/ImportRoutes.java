package gridmap.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.io.ImportException;
import gridmap.data.io.ImportOptions;
import gridmap.data.io.ImportProgress;
import gridmap.data.io.ImportReport;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;

/**
 * The import job API. {@code POST /api/imports} takes a multipart upload (field {@code file}, up
 * to 1 GiB, written to disk by Jetty as it arrives, never held in memory; the options as form
 * fields) — or a JSON body {@code {"from": "<dry-run job id>", …}} that imports a finished dry
 * run's upload again, usually for real — and answers 202 with the job. {@code GET /api/jobs/{id}}
 * gives its state, phase and progress and, at the end, the report; {@code DELETE} cancels it,
 * rolls back and removes its files.
 */
public final class ImportRoutes implements RouteGroup {
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    /** Form fields other than the file are short. */
    private static final int MAX_FIELD_CHARS = 4096;

    private final ImportJobs jobs;
    private final Access access;

    public ImportRoutes(ImportJobs jobs, Access access) {
        this.jobs = jobs;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.post("/api/imports", Routes.needs(Permission.IMPORT), this::start);
        r.get("/api/jobs/{id}", Routes.needs(Permission.IMPORT), this::status);
        r.delete("/api/jobs/{id}", Routes.needs(Permission.IMPORT), this::cancel);
    }

    void start(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        String ct = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        ImportJobs.Job job;
        try {
            job = ct.startsWith("multipart/form-data") ? upload(ctx, who) : again(ctx, who);
        } catch (ImportException e) {
            throw new ApiException(e.status, e.getMessage());
        }
        ctx.status(202).header("Location", "/api/jobs/" + job.id).json(view(job));
    }

    /** A new upload: stored in the job's folder, options from the form's other fields. */
    private ImportJobs.Job upload(Context ctx, Principal who) throws Exception {
        long length = ctx.req().getContentLengthLong();
        if (length > ImportJobs.MAX_UPLOAD_BYTES + (1 << 20)) throw tooLarge();
        Path dir = jobs.newUploadDir();
        try {
            ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(dir.toString(), ImportJobs.MAX_UPLOAD_BYTES,
                    ImportJobs.MAX_UPLOAD_BYTES + (1 << 20), 1 << 20));
            Part file = null;
            Map<String, String> fields = new LinkedHashMap<>();
            for (Part part : parts(ctx)) {
                if (part.getSubmittedFileName() != null) {
                    if (file != null || !part.getName().equals("file")) throw ApiException.badRequest("send exactly one file, in the field 'file'");
                    file = part;
                } else {
                    fields.put(part.getName(), field(part));
                }
            }
            if (file == null) throw ApiException.badRequest("no file: send it as the multipart field 'file'");
            ImportOptions o = ImportRequest.options(fields, null);
            ImportRights.check(who, o.target(), o.dryRun());
            file.write("upload"); // a rename of Jetty's temporary file within the job's folder
            Path upload = dir.resolve("upload");
            return jobs.submit(who.userId(), who.name(), who.actor(RequestIds.of(ctx)), dir, upload, fileName(file.getSubmittedFileName()), o);
        } catch (Exception | Error e) {
            ImportJobs.delete(dir);
            throw e;
        }
    }

    private static Iterable<Part> parts(Context ctx) {
        try {
            return ctx.req().getParts();
        } catch (IllegalStateException e) { // Jetty's way of saying a limit was passed
            throw tooLarge();
        } catch (IOException | ServletException e) {
            throw ApiException.badRequest("the upload could not be read (malformed or incomplete multipart body)");
        }
    }

    private static String field(Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] b = in.readNBytes(MAX_FIELD_CHARS * 4 + 1);
            if (b.length > MAX_FIELD_CHARS * 4) throw ApiException.badRequest("field '" + Params.clip(part.getName()) + "' is too long");
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.indexOf('\0') >= 0) throw ApiException.badRequest("field '" + Params.clip(part.getName()) + "' contains a NUL character");
            return s;
        }
    }

    /** The name people gave the file, without any folder part, for reports and the audit log. */
    static String fileName(String submitted) {
        String n = submitted.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").trim();
        if (n.isEmpty()) n = "upload";
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the upload is larger than " + (ImportJobs.MAX_UPLOAD_BYTES >> 20) + " MB");
    }

    /** Imports a finished dry run's upload again (JSON: from, and any options to change). */
    private ImportJobs.Job again(Context ctx, Principal who) throws Exception {
        JsonNode body = Json.tree(ctx);
        if (!body.isObject()) throw ApiException.badRequest("send a multipart upload, or a JSON object {\"from\": \"<job id>\", …}");
        Map<String, String> fields = new LinkedHashMap<>();
        String from = null;
        for (var it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("from")) { from = e.getValue().asText(null); continue; }
            JsonNode v = e.getValue();
            fields.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        }
        if (from == null) throw ApiException.badRequest("from (the id of a finished dry run) is required, or upload a file as multipart/form-data");
        ImportJobs.Job earlier = visible(from, who);
        ImportOptions o = ImportRequest.options(fields, earlier.options);
        ImportRights.check(who, o.target(), o.dryRun());
        return jobs.resubmit(earlier, who.userId(), who.name(), who.actor(RequestIds.of(ctx)), o);
    }

    void status(Context ctx, Params p) throws Exception {
        ctx.json(view(visible(ctx.pathParam("id"), access.principal(ctx))));
    }

    void cancel(Context ctx, Params p) throws Exception {
        jobs.cancel(visible(ctx.pathParam("id"), access.principal(ctx)));
        ctx.status(204);
    }

    /** A job its owner or an administrator may see; anyone else gets 404, as for a job that does not exist. */
    private ImportJobs.Job visible(String id, Principal who) {
        return jobs.get(id).filter(j -> j.ownerId == who.userId() || who.may(Permission.ADMIN))
                .orElseThrow(() -> ApiException.notFound("no import job " + Params.clip(id)));
    }

    /** A job as the API shows it. */
    static Map<String, Object> view(ImportJobs.Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id);
        m.put("state", j.state().name().toLowerCase(Locale.ROOT));
        ImportProgress.Snapshot s = j.progress.snapshot();
        m.put("phase", s.phase().name().toLowerCase(Locale.ROOT));
        m.put("target", j.options.target().id);
        m.put("file", j.fileName);
        m.put("dry_run", j.options.dryRun());
        m.put("owner", j.ownerName);
        m.put("created_at", j.createdAt.toString());
        m.put("finished_at", j.finishedAt() == null ? null : j.finishedAt().toString());
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("features_read", s.featuresRead());
        pr.put("features_total", s.featuresTotal() < 0 ? null : s.featuresTotal());
        pr.put("features_per_second", Math.round(s.featuresPerSecond()));
        pr.put("fraction", s.fraction() < 0 ? null : Math.round(s.fraction() * 1000) / 1000.0);
        pr.put("groups_done", s.groupsDone());
        pr.put("groups_total", s.groupsTotal() < 0 ? null : s.groupsTotal());
        pr.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        m.put("progress", pr);
        ImportReport live = j.progress.liveReport();
        if (j.report() != null) {
            m.put("report", j.report());
        } else if (live != null) { // while running: what was detected, for the preview
            m.put("source", live.source);
            m.put("mapping", live.mapping);
        }
        if (j.problemStatus() != 0) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("status", j.problemStatus());
            problem.put("title", ApiException.title(j.problemStatus()));
            problem.put("detail", j.problemDetail());
            m.put("problem", problem);
        }
        return m;
    }
}
