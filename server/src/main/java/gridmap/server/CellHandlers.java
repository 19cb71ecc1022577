package gridmap.server;

import java.util.NoSuchElementException;

import gridmap.data.auth.User;
import gridmap.data.auth.UserRepository;
import gridmap.data.map.CellRepository;
import gridmap.server.auth.Access;
import io.javalin.http.Context;

/** PUT /api/cells/{id}/worker: an admin assigns a grid worker to a cell (or clears it). */
final class CellHandlers {
    private final CellRepository cells;
    private final UserRepository users;
    private final Access access;

    CellHandlers(CellRepository cells, UserRepository users, Access access) {
        this.cells = cells;
        this.users = users;
        this.access = access;
    }

    record AssignRequest(Long workerId, Integer version) {}

    void assignWorker(Context ctx) throws Exception {
        Params.of(ctx);
        long id = Params.pathId(ctx, "id");
        AssignRequest r = Json.body(ctx, AssignRequest.class);
        if (r.version() == null) throw ApiException.badRequest("version is required (the cell's version you last read)");
        if (r.workerId() != null) {
            User w = users.byId(r.workerId()).orElseThrow(() -> new ApiException(422, "Unprocessable content", "no user with id " + r.workerId()));
            if (!"grid_worker".equals(w.role()) || !w.active()) {
                throw new ApiException(422, "Unprocessable content", "user " + w.username() + " is not an active grid worker");
            }
        }
        try {
            cells.assignWorker(access.principal(ctx).actor(RequestIds.of(ctx)), id, r.workerId(), r.version());
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
        ctx.status(204);
    }
}
