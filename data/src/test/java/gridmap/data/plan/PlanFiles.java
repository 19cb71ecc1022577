package gridmap.data.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The plan files under docs/plans, read as the API would take them. */
public final class PlanFiles {
    private PlanFiles() {}

    public static Path path(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("docs/plans").resolve(name);
            if (Files.exists(f)) return f;
        }
        throw new IllegalStateException("docs/plans/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    public static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(Files.readString(path(name)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<Operation> operations(String name) {
        return OperationJson.read(json(name).get("operations"), OperationJson.STORED);
    }
}
