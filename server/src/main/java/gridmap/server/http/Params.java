package gridmap.server.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

import gridmap.geo.Bbox;
import io.javalin.http.Context;

/**
 * Strict query parameters: an unknown or repeated parameter is a 400 rather than silently
 * ignored, so a typo such as {@code bbbox=} is reported instead of returning the whole city.
 */
public final class Params {
    /** A % not followed by two hex digits (a search, not a whole-string match: no recursion on long input). */
    private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final Context ctx;

    private Params(Context ctx) { this.ctx = ctx; }

    public static Params of(Context ctx, String... allowed) {
        String raw = ctx.queryString();
        // Jetty silently drops what it cannot decode; a malformed %-escape is a malformed request
        if (raw != null && BAD_ESCAPE.matcher(raw).find()) {
            throw ApiException.badRequest("the query string has a malformed %-escape");
        }
        Set<String> ok = Set.of(allowed);
        for (var e : ctx.queryParamMap().entrySet()) {
            if (e.getValue().isEmpty()) throw ApiException.badRequest("query parameter '" + clip(e.getKey()) + "' could not be decoded");
            if (!ok.contains(e.getKey())) {
                throw ApiException.badRequest("unknown query parameter '" + clip(e.getKey()) + "'"
                        + (allowed.length == 0 ? "; this resource takes none" : "; allowed: " + String.join(", ", allowed)));
            }
            if (e.getValue().size() > 1) throw ApiException.badRequest("query parameter '" + e.getKey() + "' given more than once");
            // PostgreSQL text cannot hold NUL; refuse it here with a clear message
            if (e.getValue().get(0).indexOf('\0') >= 0) throw ApiException.badRequest("query parameter '" + e.getKey() + "' contains a NUL character");
        }
        return new Params(ctx);
    }

    public String string(String name) { return ctx.queryParam(name); }

    public Bbox bbox(String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        try {
            return Bbox.parse(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    public int intInRange(String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        if (!v.matches("\\d{1,9}")) throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
        int n = Integer.parseInt(v);
        if (n < min || n > max) throw ApiException.badRequest(name + " must be from " + min + " to " + max + ", not " + n);
        return n;
    }

    public LocalDate date(String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        try {
            if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) throw new DateTimeParseException("format", v, 0);
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date YYYY-MM-DD, not '" + clip(v) + "'");
        }
    }

    public static long pathId(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (!v.matches("\\d{1,18}")) throw ApiException.badRequest(name + " must be a positive whole number");
        return Long.parseLong(v);
    }

    public static String clip(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }
}
