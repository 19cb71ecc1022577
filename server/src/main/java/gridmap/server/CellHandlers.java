package gridmap.server;

import gridmap.data.map.CellRepository;
import gridmap.server.auth.Access;
import io.javalin.http.Context;

/** PUT /api/cells/{id}/worker: an admin assigns a grid worker to a cell (or clears it). */
final class CellHandlers {
    private final CellRepository cells;
    private final Access access;

    CellHandlers(CellRepository cells, Access access) {
        this.cells = cells;
        this.access = access;
    }

    record AssignRequest(Long workerId, Integer version) {}

    void assignWorker(Context ctx) throws Exception {
        Params.of(ctx);
        long id = Params.pathId(ctx, "id");
        AssignRequest r = Json.body(ctx, AssignRequest.class);
        if (r.version() == null) throw ApiException.badRequest("version is required (the cell's version you last read)");
        cells.assignWorker(access.principal(ctx).actor(RequestIds.of(ctx)), id, r.workerId(), r.version());
        ctx.status(204);
    }
}
