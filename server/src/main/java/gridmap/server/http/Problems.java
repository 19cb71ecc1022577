package gridmap.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * Every error leaves as RFC 9457 problem details ({@code application/problem+json}). Bad input
 * is a 4xx with a detail that says what to fix; only a fault of ours is a 500, and it is logged
 * with the request id the client sees.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    public static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> write(ctx, e.status, e.title, e.getMessage()));
        app.exception(gridmap.data.ConflictException.class, (e, ctx) -> write(ctx, 409, "Conflict", e.getMessage()));
        app.exception(gridmap.data.UnprocessableException.class, (e, ctx) -> write(ctx, 422, "Unprocessable content", e.getMessage()));
        app.exception(java.util.NoSuchElementException.class, (e, ctx) -> write(ctx, 404, "Not found", e.getMessage()));
        app.exception(gridmap.data.NotPermittedException.class, (e, ctx) -> write(ctx, 403, "Forbidden", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, e.getStatus(), ApiException.title(e.getStatus()), e.getMessage()));
        app.exception(java.sql.SQLException.class, (e, ctx) -> {
            // SQLSTATE class 22 is "data exception": a value the database could not take. Input
            // checks should catch these first; this keeps any that slip through a 400, not a 500.
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("23505")) { // unique violation: two requests created the same thing at once
                write(ctx, 409, "Conflict", "it already exists (created by a concurrent request)");
            } else if (state.equals("40P01") || state.equals("40001")) { // deadlock or serialization failure
                LOG.info("request {} {} (id {}): concurrent change: {}", ctx.method(), ctx.path(), RequestIds.of(ctx), e.getMessage());
                write(ctx, 409, "Conflict", "a concurrent change got in the way; try again");
            } else if (state.startsWith("22")) {
                LOG.warn("request {} {} (id {}): data rejected by the database: {}", ctx.method(), ctx.path(), RequestIds.of(ctx), e.getMessage());
                write(ctx, 400, "Bad request", "a value in the request was not acceptable to the database");
            } else {
                LOG.error("request {} {} failed (id {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
                write(ctx, 500, "Internal server error", "The server failed; the error was logged with request id " + RequestIds.of(ctx) + ".");
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            if (clientWentAway(e)) { // the map cancels stale layer requests: not a fault
                LOG.debug("request {} {} (id {}): client closed the connection", ctx.method(), ctx.path(), RequestIds.of(ctx));
                return;
            }
            if (isIo(e) && !ctx.res().isCommitted()) { // e.g. a malformed chunked body
                write(ctx, 400, "Bad request", "the request could not be read");
                return;
            }
            LOG.error("request {} {} failed (id {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            write(ctx, 500, "Internal server error", "The server failed; the error was logged with request id "
                    + RequestIds.of(ctx) + ".");
        });
        // Javalin's own 404/405/413 etc. for paths no handler took
        app.error(404, ctx -> { if (!isProblem(ctx)) write(ctx, 404, "Not found", "No resource at " + ctx.path()); });
        app.error(405, ctx -> { if (!isProblem(ctx)) write(ctx, 405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path()); });
        app.error(413, ctx -> { if (!isProblem(ctx)) write(ctx, 413, "Content too large", "The request body is larger than the server accepts."); });
    }

    /** Jetty's sign that the client closed the connection while we were writing to it. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException) return true;
        }
        return false;
    }

    private static boolean isIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) return true;
        }
        return false;
    }

    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith("application/problem+json");
    }

    public static void write(Context ctx, int status, String title, String detail) {
        write(ctx, status, title, detail, Map.of());
    }

    /** A problem with extension members (RFC 9457 §3.2), e.g. the list of invalid features. */
    public static void write(Context ctx, int status, String title, String detail, Map<String, Object> extensions) {
        if (ctx.path().startsWith("/open311/")) { // Open311 clients expect its own error format
            ctx.status(status).json(java.util.List.of(Map.of("code", status, "description", detail))).contentType("application/json");
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", ctx.path());
        p.put("requestId", RequestIds.of(ctx));
        p.putAll(extensions);
        ctx.status(status).json(p).contentType("application/problem+json");
    }
}
