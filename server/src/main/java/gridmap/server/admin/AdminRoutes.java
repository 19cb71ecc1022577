package gridmap.server.admin;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import gridmap.data.audit.AuditLog;
import gridmap.data.auth.ApiToken;
import gridmap.data.auth.Passwords;
import gridmap.data.auth.TokenRepository;
import gridmap.data.auth.User;
import gridmap.data.auth.UserRepository;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import gridmap.server.http.Text;
import io.javalin.http.Context;

/** The administrator's work: accounts, API tokens, the audit trail. */
public final class AdminRoutes implements RouteGroup {
    private final UserRepository users;
    private final TokenRepository tokens;
    private final AuditLog audit;
    private final Access access;

    public AdminRoutes(UserRepository users, TokenRepository tokens, AuditLog audit, Access access) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard admin = Routes.needs(Permission.ADMIN);
        r.get("/api/users", admin, this::listUsers, "role", "q", "limit", "offset");
        r.post("/api/users", admin, this::createUser);
        r.patch("/api/users/{id}", admin, this::updateUser);
        r.get("/api/tokens", admin, this::listTokens);
        r.post("/api/tokens", admin, this::createToken);
        r.delete("/api/tokens/{id}", admin, this::revokeToken);
        r.get("/api/audit", admin, this::audit, "actor", "action", "entity", "from", "to", "limit", "offset");
        r.get("/api/audit.csv", admin, this::auditCsv, "actor", "action", "entity", "from", "to");
    }

    // ---- accounts

    void listUsers(Context ctx, Params p) throws SQLException {
        String role = p.string("role");
        if (role != null && !UserRepository.ROLES.contains(role)) throw ApiException.badRequest("role must be one of " + UserRepository.ROLES);
        String q = p.string("q");
        if (q != null && q.length() > 64) throw ApiException.badRequest("q may have at most 64 characters");
        ctx.json(users.list(role, q, p.intInRange("limit", 100, 1, 1000), p.intInRange("offset", 0, 0, 1_000_000)));
    }

    record NewUserRequest(String username, String displayName, String role, String password, Long districtId) {}

    void createUser(Context ctx, Params p) throws Exception {
        NewUserRequest r = Json.body(ctx, NewUserRequest.class);
        if (r.username() == null || !r.username().matches("[a-z0-9_.-]{2,64}")) {
            throw ApiException.badRequest("username must be 2-64 characters of a-z, 0-9, _ . -");
        }
        checkName(r.displayName());
        checkRole(r.role());
        checkPassword(r.password());
        checkDistrict(r.role(), r.districtId());
        if (users.byUsername(r.username()).isPresent()) throw new ApiException(409, "username '" + r.username() + "' is taken");
        User u = users.create(access.principal(ctx).actor(RequestIds.of(ctx)),
                new UserRepository.NewUser(r.username(), r.displayName().strip(), r.role(), r.password(), r.districtId()));
        ctx.status(201).json(u);
    }

    /** Partial update; version is required (optimistic locking: a stale version is a 409). */
    record UserChangeRequest(Integer version, String displayName, String role, Boolean active, Long districtId, String password,
                             Boolean keepTokens) {}

    void updateUser(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        UserChangeRequest r = Json.body(ctx, UserChangeRequest.class);
        if (r.version() == null) throw ApiException.badRequest("version is required (the version you last read)");
        User current = users.byId(id).orElseThrow(() -> ApiException.notFound("no user with id " + id));
        if (r.displayName() != null) checkName(r.displayName());
        if (r.role() != null) checkRole(r.role());
        if (r.password() != null) checkPassword(r.password());
        boolean self = current.id() == access.principal(ctx).userId();
        if (self && r.password() != null) {
            // whoever holds a session must not be able to take the account over for good
            throw ApiException.badRequest("to change your own password use PUT /api/me/password with your current password");
        }
        String role = r.role() != null ? r.role() : current.role();
        Long district = r.districtId() != null ? r.districtId() : current.districtId();
        checkDistrict(role, district);
        if (self && (Boolean.FALSE.equals(r.active()) || (r.role() != null && !r.role().equals("admin")))) {
            throw new ApiException(409, "you cannot disable or demote your own account");
        }
        User u = users.update(access.principal(ctx).actor(RequestIds.of(ctx)), id, r.version(),
                new UserRepository.Change(r.displayName() == null ? null : r.displayName().strip(), r.role(), r.active(),
                        r.districtId(), r.password(), Boolean.TRUE.equals(r.keepTokens())));
        ctx.json(u);
    }

    private static void checkName(String name) {
        Text.name("display_name", name, 100);
    }

    private static void checkRole(String role) {
        if (role == null || !UserRepository.ROLES.contains(role)) throw ApiException.badRequest("role must be one of " + UserRepository.ROLES);
    }

    private static void checkPassword(String pw) {
        String problem = Passwords.problemWith(pw);
        if (problem != null) throw ApiException.badRequest(problem);
    }

    private void checkDistrict(String role, Long districtId) throws SQLException {
        if ("dispatcher".equals(role) && districtId == null) throw ApiException.badRequest("a dispatcher needs a district_id");
        if (districtId != null && !users.isCurrentDistrict(districtId)) {
            throw new ApiException(422, "district_id " + districtId + " is not a current district");
        }
    }

    // ---- tokens

    void listTokens(Context ctx, Params p) throws SQLException {
        ctx.json(tokens.list());
    }

    record NewTokenRequest(String name, List<String> scopes, Integer expiresInDays) {}

    void createToken(Context ctx, Params p) throws Exception {
        NewTokenRequest r = Json.body(ctx, NewTokenRequest.class);
        Text.name("name", r.name(), 100);
        if (r.scopes() == null || r.scopes().isEmpty() || r.scopes().contains(null) || !TokenRepository.SCOPES.containsAll(r.scopes())) {
            throw ApiException.badRequest("scopes must be a non-empty list of " + TokenRepository.SCOPES);
        }
        if (r.expiresInDays() != null && (r.expiresInDays() < 1 || r.expiresInDays() > 3650)) {
            throw ApiException.badRequest("expires_in_days must be from 1 to 3650");
        }
        TokenRepository.Created c = tokens.create(access.principal(ctx).actor(RequestIds.of(ctx)), r.name().strip(),
                r.scopes().stream().distinct().toList(), r.expiresInDays());
        ApiToken t = c.token();
        ctx.status(201).json(Map.of("token", c.plaintext(), "id", t.id(), "name", t.name(), "scopes", t.scopes(),
                "note", "this is the only time the token is shown; store it now"));
    }

    void revokeToken(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        if (tokens.byId(id).isEmpty()) throw ApiException.notFound("no token with id " + id);
        tokens.revoke(access.principal(ctx).actor(RequestIds.of(ctx)), id); // revoking twice is harmless
        ctx.status(204);
    }

    // ---- audit trail

    private static AuditLog.Filter filter(Params p, boolean paged) {
        for (String k : List.of("actor", "action", "entity")) {
            String v = p.string(k);
            if (v != null && (v.isEmpty() || v.length() > 100)) throw ApiException.badRequest(k + " must be 1-100 characters");
        }
        var from = p.date("from");
        var to = p.date("to");
        if (from != null && to != null && from.isAfter(to)) throw ApiException.badRequest("from is after to");
        return new AuditLog.Filter(p.string("actor"), p.string("action"), p.string("entity"), from, to,
                paged ? p.intInRange("limit", 50, 1, 1000) : Integer.MAX_VALUE, paged ? p.intInRange("offset", 0, 0, 10_000_000) : 0);
    }

    void audit(Context ctx, Params p) throws SQLException {
        AuditLog.Page page = audit.find(filter(p, true));
        ctx.json(Map.of("total", page.total(), "items", page.items()));
    }

    void auditCsv(Context ctx, Params p) throws Exception {
        AuditLog.Filter f = filter(p, false);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"gridmap-audit.csv\"");
        Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16);
        w.write('\ufeff'); // a byte-order mark, so that spreadsheet programs read the Chinese text as UTF-8
        audit.writeCsv(f, w);
        w.flush();
    }

}
