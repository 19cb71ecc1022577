package gridmap.data.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.SqlText;
import gridmap.geo.stats.GetisOrdGiStar;

/**
 * Hotspots: per grid cell, whether cases of a category in a period cluster more than chance,
 * by the Getis-Ord Gi* z-score over the cells' neighbour graph (cells sharing a border or a
 * corner). The study area is the caller's scope. The neighbour graph of the whole city is built
 * once by PostGIS and kept until the cells change.
 */
public final class HotspotRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;
    private volatile Graph graph;

    public HotspotRepository(DataSource ds) { this.ds = ds; }

    private record Graph(String fingerprint, Map<Long, List<Long>> neighbours) {}

    /** Confidence classes as ArcGIS's Hot Spot Analysis names them: ±3 (99%), ±2 (95%), ±1 (90%), 0. */
    static int confidence(double z) {
        if (Double.isNaN(z)) return 0;
        double a = Math.abs(z);
        int level = a >= 2.576 ? 3 : a >= 1.960 ? 2 : a >= 1.645 ? 1 : 0;
        return z < 0 ? -level : level;
    }

    /** A GeoJSON FeatureCollection of the cells in scope with count, gi, z, p and confidence. */
    public String hotspots(String categoryCode, LocalDate from, LocalDate to, CaseScope scope) throws SQLException {
        Map<Long, List<Long>> nb = graph().neighbours();
        List<Long> ids = new ArrayList<>();
        List<String> codes = new ArrayList<>(), geoms = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        SqlText q = new SqlText("SELECT g.id, g.code, ST_AsGeoJSON(g.geom, 6), coalesce(n.cnt, 0) FROM grid_cell g LEFT JOIN"
                + " (SELECT t.cell_id, count(*) AS cnt FROM cases t WHERE t.category_code = ? AND t.reported_at >= ? AND t.reported_at < ?"
                + " AND t.status <> 'merged' AND ", categoryCode, CaseFilter.startOf(from), CaseFilter.startOf(to.plusDays(1)))
                .add(scope.condition()).add(" GROUP BY t.cell_id) n ON n.cell_id = g.id WHERE g.valid_to IS NULL AND ")
                .add(scope.cellCondition()).add(" ORDER BY g.id");
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                codes.add(rs.getString(2));
                geoms.add(rs.getString(3));
                counts.add(rs.getDouble(4));
            }
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
        int[][] neighbours = new int[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            neighbours[i] = nb.getOrDefault(ids.get(i), List.of()).stream().filter(index::containsKey).mapToInt(index::get).toArray();
        }
        double[] y = counts.stream().mapToDouble(Double::doubleValue).toArray();
        GetisOrdGiStar.Result r = ids.size() < 3 ? null : GetisOrdGiStar.compute(y, neighbours);
        ObjectNode fc = JSON.createObjectNode().put("type", "FeatureCollection").put("category_code", categoryCode)
                .put("from", from.toString()).put("to", to.toString()).put("cases", (long) java.util.Arrays.stream(y).sum());
        ArrayNode features = fc.putArray("features");
        try {
            for (int i = 0; i < ids.size(); i++) {
                ObjectNode f = features.addObject().put("type", "Feature").put("id", ids.get(i));
                f.set("geometry", JSON.readTree(geoms.get(i)));
                ObjectNode p = f.putObject("properties").put("cell_id", ids.get(i)).put("cell_code", codes.get(i)).put("count", (long) y[i]);
                double z = r == null ? Double.NaN : r.z()[i];
                if (Double.isNaN(z)) {
                    p.putNull("gi").putNull("z").putNull("p");
                } else {
                    p.put("gi", r.gi()[i]).put("z", Math.round(z * 10000) / 10000.0).put("p", r.p()[i]);
                }
                p.put("confidence", confidence(z));
            }
            return JSON.writeValueAsString(fc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The neighbour graph of the current cells, rebuilt when any cell was added, replaced or edited. */
    Graph graph() throws SQLException {
        try (Connection c = ds.getConnection()) {
            String fp;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(version), 0) FROM grid_cell WHERE valid_to IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                fp = rs.getString(1);
            }
            Graph g = graph;
            if (g != null && g.fingerprint().equals(fp)) return g;
            Map<Long, List<Long>> nb = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.id, b.id FROM grid_cell a JOIN grid_cell b ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
                    WHERE a.valid_to IS NULL AND b.valid_to IS NULL""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long a = rs.getLong(1), b = rs.getLong(2);
                    nb.computeIfAbsent(a, x -> new ArrayList<>()).add(b);
                    nb.computeIfAbsent(b, x -> new ArrayList<>()).add(a);
                }
            }
            g = new Graph(fp, nb);
            graph = g;
            return g;
        }
    }
}
