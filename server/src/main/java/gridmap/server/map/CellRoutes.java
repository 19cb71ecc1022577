package gridmap.server.map;

import gridmap.data.map.CellRepository;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.Problems;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import io.javalin.http.Context;

/** PUT /api/cells/{id}/worker: an admin assigns a grid worker to a cell (or clears it). */
public final class CellRoutes implements RouteGroup {
    private final CellRepository cells;
    private final Access access;

    public CellRoutes(CellRepository cells, Access access) {
        this.cells = cells;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.put("/api/cells/{id}/worker", Routes.needs(Permission.CELLS_ASSIGN), this::assignWorker);
    }

    record AssignRequest(Long workerId, Integer version) {}

    void assignWorker(Context ctx, Params p) throws Exception {
        long id = Params.pathId(ctx, "id");
        AssignRequest r = Json.body(ctx, AssignRequest.class);
        if (r.version() == null) throw ApiException.badRequest("version is required (the cell's version you last read)");
        cells.assignWorker(access.principal(ctx).actor(RequestIds.of(ctx)), id, r.workerId(), r.version());
        ctx.status(204);
    }
}
