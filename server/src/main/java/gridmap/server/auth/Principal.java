package gridmap.server.auth;

import java.util.Set;

import gridmap.data.audit.Actor;
import gridmap.data.auth.User;
import gridmap.data.cases.CaseScope;

/** Who is calling: a signed-in user or an API token, with what they may do and where. */
public record Principal(Long userId, String name, String displayName, String role, Long districtId,
                        Set<Permission> permissions, boolean token, Long tokenId) {

    public static Principal of(User u) {
        return new Principal(u.id(), u.username(), u.displayName(), u.role(), u.districtId(),
                Permission.BY_ROLE.getOrDefault(u.role(), Set.of()), false, null);
    }

    public boolean may(Permission p) { return permissions.contains(p); }

    /**
     * The cases this caller may see or act on: a dispatcher's district, a grid worker's own cells,
     * everything for admins, viewers and tokens (a token's reach is its scopes, city-wide).
     */
    public CaseScope caseScope() {
        if (token) return CaseScope.ALL;
        return switch (role) {
            case "admin", "viewer" -> CaseScope.ALL;
            case "dispatcher" -> districtId == null ? CaseScope.NONE : new CaseScope.District(districtId);
            case "grid_worker" -> new CaseScope.WorkerCells(userId);
            default -> CaseScope.NONE;
        };
    }

    /** Who acts on cases: a signed-in user with their role and area (tokens never move cases). */
    public gridmap.data.cases.CaseAction.Caller caseCaller() {
        return new gridmap.data.cases.CaseAction.Caller(token || userId == null ? -1 : userId, token ? "token" : role, caseScope());
    }

    public Actor actor(String requestId) { return new Actor(userId, name, requestId); }
}
