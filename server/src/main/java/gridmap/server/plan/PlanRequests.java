package gridmap.server.plan;

import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

import com.fasterxml.jackson.databind.JsonNode;

import gridmap.data.plan.Operation;
import gridmap.data.plan.OperationJson;
import gridmap.data.plan.PlanInputException;
import gridmap.data.plan.Target;
import gridmap.server.http.ApiException;
import gridmap.server.http.GeometryReader;
import gridmap.server.http.Text;

/** Request bodies of the plan API, and their checks: malformed is 400, before anything is applied. */
final class PlanRequests {
    private PlanRequests() {}

    record Create(Long parentId, String parentCode, String name, String description, JsonNode operations,
                  Boolean allowNonContiguous, JsonNode target) {}

    /** target: absent keeps it, JSON null clears it; status: "draft" or "withdrawn", alone. */
    record Update(Integer version, String name, String description, JsonNode operations, Boolean allowNonContiguous,
                  JsonNode target, String status) {}

    record Publish(Integer version, java.time.LocalDate commentTo, Integer commentDays) {}

    record NewComment(String body, Double lon, Double lat) {}

    record Commit(Integer version, String effectiveDate, String legalRef) {}

    record Suggest(Long parentId, String parentCode, JsonNode target, Integer count, Long seed, Boolean allowOutsideTarget, String name) {}

    /** Operations from the API: strict GeoJSON lines, names checked like any name people type. */
    static List<Operation> operations(JsonNode ops) {
        if (ops == null || ops.isNull()) throw ApiException.badRequest("operations is required (an array)");
        List<Operation> out;
        try {
            out = OperationJson.read(ops, PlanRequests::line);
        } catch (PlanInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        for (int i = 0; i < out.size(); i++) {
            String path = "operations[" + i + "]";
            Operation op = out.get(i);
            if (op instanceof Operation.Merge m) {
                Text.name(path + ".name", m.name(), 100);
            } else if (op instanceof Operation.Split s && s.names() != null) {
                for (int j = 0; j < s.names().size(); j++) Text.name(path + ".names[" + j + "]", s.names().get(j), 100);
            } else if (op instanceof Operation.Rename r && r.name() != null) {
                Text.name(path + ".name", r.name(), 100);
            }
        }
        return out;
    }

    static Target target(JsonNode t) {
        try {
            return OperationJson.target(t, "target");
        } catch (PlanInputException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static LineString line(JsonNode n, String path) {
        Geometry g;
        try {
            g = new GeometryReader().read(n, path);
        } catch (GeometryReader.TooLarge e) {
            throw new ApiException(413, e.getMessage());
        } catch (GeometryReader.Malformed e) {
            throw new PlanInputException(e.getMessage());
        }
        if (!(g instanceof LineString l)) throw new PlanInputException(path + " must be a GeoJSON LineString, not a " + g.getGeometryType());
        return l;
    }
}
