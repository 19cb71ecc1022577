package gridmap.server.auth;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gridmap.data.audit.Actor;
import gridmap.data.auth.LoginFailures;
import gridmap.data.auth.Passwords;
import gridmap.data.auth.SessionRepository;
import gridmap.data.auth.User;
import gridmap.data.auth.UserRepository;
import gridmap.server.auth.Access;
import gridmap.server.auth.Authenticator;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/** Sign in, sign out, and who am I. */
public final class AuthRoutes implements RouteGroup {
    /** Failures allowed in the window before login is refused: per account, per client address. */
    public static final int MAX_FAILURES_PER_USER = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;

    private final UserRepository users;
    private final SessionRepository sessions;
    private final LoginFailures failures;
    private final Access access;

    public AuthRoutes(UserRepository users, SessionRepository sessions, LoginFailures failures, Access access) {
        this.users = users;
        this.sessions = sessions;
        this.failures = failures;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.post("/api/login", Routes.PUBLIC, this::login);
        r.post("/api/logout", Routes.PUBLIC, this::logout);
        r.get("/api/me", Routes.SIGNED_IN, this::me);
        r.put("/api/me/password", Routes.SIGNED_IN, this::changeOwnPassword);
    }

    record LoginRequest(String username, String password) {}

    void login(Context ctx, Params p) throws SQLException {
        LoginRequest req = Json.body(ctx, LoginRequest.class);
        if (req.username() == null || req.password() == null || req.username().length() > 64 || req.password().length() > Passwords.MAX_LENGTH) {
            throw ApiException.badRequest("username and password are required");
        }
        String address = ctx.ip();
        java.util.concurrent.atomic.AtomicReference<User> who = new java.util.concurrent.atomic.AtomicReference<>();
        LoginFailures.Verdict v = failures.attempt(req.username(), address, MAX_FAILURES_PER_USER, MAX_FAILURES_PER_ADDRESS, () -> {
            var login = users.forLogin(req.username());
            login.ifPresent(l -> who.set(l.user()));
            // the same work whether or not the account exists
            return Passwords.verify(req.password(), login.map(UserRepository.Login::passwordHash).orElse(null));
        });
        if (v == LoginFailures.Verdict.LIMITED) {
            ctx.header("Retry-After", Long.toString(failures.window().toSeconds()));
            throw new ApiException(429, "too many failed sign-ins; wait "
                    + failures.window().toMinutes() + " minutes and try again");
        }
        if (v == LoginFailures.Verdict.REJECTED) throw new ApiException(401, "wrong username or password");
        User u = who.get();
        String cookie = sessions.start(new Actor(u.id(), u.username(), RequestIds.of(ctx)), u.id(), address);
        ctx.cookie(sessionCookie(ctx, cookie, -1));
        ctx.json(me(Principal.of(u)));
    }

    void logout(Context ctx, Params p) throws SQLException {
        String cookie = ctx.cookie(Authenticator.COOKIE);
        if (cookie != null) {
            Principal who = access.authenticator().identify(ctx).orElse(null);
            Actor actor = who == null ? Actor.system("anonymous") : who.actor(RequestIds.of(ctx));
            sessions.end(actor, cookie);
        }
        ctx.cookie(sessionCookie(ctx, "", 0));
        ctx.status(204);
    }

    record PasswordChange(String currentPassword, String newPassword, Boolean keepTokens) {}

    /**
     * A signed-in person changes their own password. The current one is required (a session left
     * open on a shared computer must not be enough to take the account over), wrong guesses count
     * towards the sign-in limit, and the other sessions and the account's API tokens end.
     */
    void changeOwnPassword(Context ctx, Params p) throws Exception {
        Principal who = access.principal(ctx);
        if (who.token()) throw new ApiException(403, "an API token cannot change a password; sign in");
        PasswordChange r = Json.body(ctx, PasswordChange.class);
        if (r.currentPassword() == null || r.newPassword() == null) {
            throw ApiException.badRequest("current_password and new_password are required");
        }
        String problem = Passwords.problemWith(r.newPassword());
        if (problem != null) throw ApiException.badRequest(problem);
        if (r.currentPassword().length() > Passwords.MAX_LENGTH) throw new ApiException(403, "the current password is wrong");
        String cookie = ctx.cookie(Authenticator.COOKIE);
        String keep = cookie == null || cookie.indexOf('.') < 0 ? null : cookie.substring(0, cookie.indexOf('.'));
        java.util.concurrent.atomic.AtomicReference<UserRepository.OwnPassword> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        LoginFailures.Verdict v = failures.attempt(who.name(), ctx.ip(), MAX_FAILURES_PER_USER, MAX_FAILURES_PER_ADDRESS, () -> {
            outcome.set(users.changeOwnPassword(who.actor(RequestIds.of(ctx)), who.userId(), r.currentPassword(),
                    r.newPassword(), keep, Boolean.TRUE.equals(r.keepTokens())));
            return outcome.get() == UserRepository.OwnPassword.CHANGED;
        });
        if (v == LoginFailures.Verdict.LIMITED) {
            ctx.header("Retry-After", Long.toString(failures.window().toSeconds()));
            throw new ApiException(429, "too many wrong passwords; wait " + failures.window().toMinutes() + " minutes and try again");
        }
        if (v == LoginFailures.Verdict.REJECTED) throw new ApiException(403, "the current password is wrong");
        ctx.status(204);
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it), Secure over https. */
    private static Cookie sessionCookie(Context ctx, String value, int maxAge) {
        return new Cookie(Authenticator.COOKIE, value, "/", maxAge, "https".equals(ctx.scheme()), 0, true, null, null, SameSite.STRICT);
    }

    void me(Context ctx, Params p) throws Exception {
        ctx.json(me(access.principal(ctx)));
    }

    static Map<String, Object> me(Principal p) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", p.userId());
        user.put("username", p.name());
        user.put("display_name", p.displayName());
        user.put("role", p.role());
        user.put("district_id", p.districtId());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user);
        List<String> perms = p.permissions().stream().sorted().map(x -> x.code).toList();
        m.put("permissions", perms);
        return m;
    }
}
