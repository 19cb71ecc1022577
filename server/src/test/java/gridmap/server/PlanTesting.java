package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


/** Helpers of the plan tests: plan files, creating and committing plans over HTTP, putting the demo back. */
final class PlanTesting {
    static final ObjectMapper JSON = new ObjectMapper();

    private PlanTesting() {}

    static ObjectNode planFile(String name) throws Exception {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("docs/plans").resolve(name);
            if (Files.exists(f)) return (ObjectNode) JSON.readTree(Files.readString(f));
        }
        throw new IllegalStateException("docs/plans/" + name + " not found");
    }

    /** Creates a plan as this client; asserts 201 and returns the plan. */
    static JsonNode create(TestServer.Client c, JsonNode body) throws Exception {
        TestServer.Response r = c.post("/api/plans", body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static TestServer.Response commit(TestServer.Client c, JsonNode plan, String date, String ref) throws Exception {
        return c.post("/api/plans/" + plan.get("id").asLong() + "/commit",
                "{\"version\":" + plan.get("version").asInt() + ",\"effective_date\":\"" + date + "\",\"legal_ref\":\"" + ref + "\"}");
    }

}
