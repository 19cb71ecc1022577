package gridmap.server.auth;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import gridmap.data.auth.ApiToken;
import gridmap.data.auth.SessionRepository;
import gridmap.data.auth.TokenRepository;
import io.javalin.http.Context;

/**
 * Finds the caller of a request: an {@code Authorization: Bearer gm_…} token for machine clients,
 * else the session cookie of a browser. Nothing else (no basic auth, no token in the URL, where
 * it would end up in logs).
 */
public final class Authenticator {
    public static final String COOKIE = "gridmap_session";
    private static final String ATTR = "gridmap.principal";

    private final SessionRepository sessions;
    private final TokenRepository tokens;
    public Authenticator(SessionRepository sessions, TokenRepository tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    public Optional<Principal> identify(Context ctx) throws SQLException {
        Object cached = ctx.attribute(ATTR);
        if (cached instanceof Principal p) return Optional.of(p);
        Optional<Principal> p = resolve(ctx);
        p.ifPresent(x -> ctx.attribute(ATTR, x));
        return p;
    }

    private Optional<Principal> resolve(Context ctx) throws SQLException {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.startsWith("Bearer ")) return Optional.empty();
            return fromToken(auth.substring(7).trim());
        }
        return sessions.resolve(ctx.cookie(COOKIE)).map(Principal::of);
    }

    /** Whether a browser session has ended (signed out, expired, account disabled) since a stream began. */
    public boolean sessionEnded(String cookie) throws SQLException { return !sessions.isLive(cookie); }

    /**
     * The caller behind an API token given some other way than the Authorization header: Open311
     * sends it as api_key in the form body of a new request.
     */
    public Optional<Principal> fromToken(String token) throws SQLException {
        Optional<ApiToken> t = tokens.resolve(token);
        if (t.isEmpty()) return Optional.empty();
        Set<Permission> perms = EnumSet.noneOf(Permission.class);
        for (String s : t.get().scopes()) perms.add(Permission.byCode(s));
        return Optional.of(new Principal(t.get().createdBy(), "token:" + t.get().name(), t.get().name(), null, null, perms, true, t.get().id()));
    }
}
