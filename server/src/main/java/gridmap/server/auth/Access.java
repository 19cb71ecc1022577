package gridmap.server.auth;

import gridmap.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Route guards. Every API route is registered through {@link #require}, so authorization is
 * decided in the server for each request, whatever the UI shows: no caller → 401, a caller
 * without the permission → 403. Spatial scope is applied by the handlers' queries.
 */
public final class Access {
    private final Authenticator auth;

    public Access(Authenticator auth) { this.auth = auth; }

    /** Wraps h so it runs only for a caller holding p; h finds the caller with {@link #principal}. */
    public Handler require(Permission p, Handler h) {
        return ctx -> {
            Principal who = auth.identify(ctx).orElseThrow(() -> new ApiException(401, "Unauthorized",
                    "sign in first (POST /api/login), or send an API token as Authorization: Bearer …"));
            if (!who.may(p)) {
                throw new ApiException(403, "your role (" + (who.token() ? "API token" : who.role())
                        + ") does not allow this action (" + p.code + ")");
            }
            h.handle(ctx);
        };
    }

    /** Wraps h so it runs for any identified caller, whatever their permissions. */
    public Handler authenticated(Handler h) {
        return ctx -> {
            auth.identify(ctx).orElseThrow(() -> new ApiException(401, "sign in first (POST /api/login)"));
            h.handle(ctx);
        };
    }

    /** The caller of a request that passed {@link #require}. */
    public Principal principal(Context ctx) throws Exception {
        return auth.identify(ctx).orElseThrow(() -> new ApiException(401, "sign in first"));
    }

    public Authenticator authenticator() { return auth; }
}
