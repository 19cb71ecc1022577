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

    public void apply(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        if (ctx.path().startsWith("/api/")) ctx.header("Cache-Control", "no-store");
    }
}
