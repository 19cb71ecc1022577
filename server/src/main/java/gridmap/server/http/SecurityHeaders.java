package gridmap.server.http;

import java.net.URI;

import io.javalin.http.Context;

/**
 * Defence in depth for the browser: a Content-Security-Policy that allows only this server's
 * own scripts (so even an escaping bug could not run injected script), no framing, no MIME
 * sniffing, and no caching of API answers, which carry people's data.
 */
public final class SecurityHeaders {
    private final String csp;

    public SecurityHeaders(String basemapUrl) {
        String tiles = basemapOrigin(basemapUrl);
        this.csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
                + (tiles == null ? "" : " " + tiles) + "; connect-src 'self'; object-src 'none'; base-uri 'self';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of the configured tile URL template, or null. */
    public static String basemapOrigin(String template) {
        if (template == null) return null;
        try {
            URI u = URI.create(template.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0").replace("{r}", ""));
            if (u.getScheme() == null || u.getHost() == null) return null;
            String host = template.contains("{s}") ? "*." + u.getHost().substring(u.getHost().indexOf('.') + 1) : u.getHost();
            return u.getScheme() + "://" + host + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The headers for a response to path (API answers are never cached). */
    public java.util.Map<String, String> headers(String path) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Content-Security-Policy", csp);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "same-origin");
        if (path == null || path.startsWith("/api/")) h.put("Cache-Control", "no-store");
        return h;
    }

    public void apply(Context ctx) {
        headers(ctx.path()).forEach(ctx::header);
    }
}
