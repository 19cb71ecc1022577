package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.Sql;

/**
 * Who sees the people behind the map: grid workers' names only for the roles that dispatch or
 * supervise them (admin, dispatcher); planners, viewers, grid workers and map tokens see the cell,
 * not the person.
 */
class PersonalDataTest extends ApiTest {
    static final Map<String, Boolean> SEES_WORKERS = Map.of("admin", true, "dispatcher", true, "planner", false,
            "watershed", false, "worker", false, "viewer", false);

    @Test
    void gridWorkersAreNamedOnlyToThoseWhoDispatchThem() throws Exception {
        long cellId = Sql.count(ds, "SELECT min(id) FROM grid_cell WHERE worker_id IS NOT NULL AND valid_to IS NULL");
        for (var e : SEES_WORKERS.entrySet()) {
            TestServer.Client c = server.as(e.getKey());
            JsonNode cell = c.get("/api/cells/" + cellId).json().get("properties");
            assertThat(cell.has("worker_name")).as(e.getKey() + " /api/cells").isEqualTo(e.getValue());
            assertThat(cell.has("worker_id")).as(e.getKey() + " /api/cells").isEqualTo(e.getValue());
            JsonNode layer = c.get("/api/layers/grid-cells?limit=50000").json().get("features");
            boolean anyNamed = false;
            for (JsonNode f : layer) anyNamed |= f.get("properties").hasNonNull("worker_name");
            assertThat(anyNamed).as(e.getKey() + " grid-cells layer").isEqualTo(e.getValue());
            assertThat(c.get("/api/layers/grid-cells?limit=1").body()).as(e.getKey()).contains("\"households\"");
        }
        String token = AuthorizationMatrixTest.createToken("map only", "[\"map:read\"]");
        assertThat(server.bearer(token).get("/api/cells/" + cellId).body()).doesNotContain("worker");
        assertThat(server.bearer(token).get("/api/layers/grid-cells?limit=50000").body()).doesNotContain("worker_name");
    }
}
