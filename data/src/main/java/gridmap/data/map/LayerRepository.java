package gridmap.data.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.cases.CaseScope;

/**
 * Streams a layer as a GeoJSON FeatureCollection. Rows come through a server-side cursor and are
 * written as they arrive, so a large layer never sits whole in memory. The box test is exact
 * (ST_Intersects after the index-assisted {@code &&}), so a feature is returned only when it
 * really meets the box.
 */
public final class LayerRepository {
    private static final int FETCH_SIZE = 2000;

    /** How many features were written and whether more matched than the limit allowed. */
    public record Written(int numberReturned, boolean truncated) {}

    private final DataSource ds;

    public LayerRepository(DataSource ds) { this.ds = ds; }

    /** The SQL for a query, with parameters in the order {@link #bind} sets them. */
    static String sql(LayerQuery q) {
        return "SELECT " + q.layer().featureExpression("", q.people()) + fromWhere(q) + " ORDER BY t.id LIMIT ?";
    }

    /** FROM … WHERE … of a query (versions as of its date, scope, box), without order or limit; its parameters are set by {@link #bindFilters}. */
    public static String fromWhere(LayerQuery q) {
        StringBuilder sb = new StringBuilder(" FROM ").append(q.layer().from);
        String glue = q.layer().whereKeyword();
        if (q.layer().versioned) {
            if (q.asOf() == null) {
                sb.append(glue).append("t.valid_to IS NULL");
            } else {
                sb.append(glue).append("t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to > ?)");
            }
            glue = " AND ";
        }
        if (q.layer().isScoped()) {
            sb.append(glue).append(q.scope().sql());
            glue = " AND ";
        }
        if (q.bbox() != null) {
            sb.append(glue).append("t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
              .append(" AND ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
        }
        return sb.toString();
    }

    /**
     * One SQL statement that builds the same FeatureCollection text inside PostGIS for the whole
     * current layer, as an administrator sees it: the baseline the benchmark compares the
     * streaming endpoint with.
     */
    public static String wholeLayerSql(Layer layer) {
        LayerQuery all = new LayerQuery(layer, null, LayerQuery.MAX_LIMIT, null);
        return "SELECT '{\"type\":\"FeatureCollection\",\"features\":[' || coalesce(string_agg(f, ',' ORDER BY id), '') || ']}'"
                + " FROM (SELECT t.id, " + layer.featureExpression("", true) + " AS f" + fromWhere(all) + ") s";
    }

    private static void bind(PreparedStatement ps, LayerQuery q) throws SQLException {
        int i = bindFilters(ps, q);
        ps.setInt(i, q.limit() + 1); // one more than asked tells whether the result was cut
    }

    /** Sets the parameters of {@link #fromWhere}; returns the index of the next parameter. */
    public static int bindFilters(PreparedStatement ps, LayerQuery q) throws SQLException {
        int i = 1;
        if (q.layer().versioned && q.asOf() != null) {
            ps.setDate(i++, Date.valueOf(q.asOf()));
            ps.setDate(i++, Date.valueOf(q.asOf()));
        }
        if (q.layer().isScoped() && q.scope().parameter() != null) ps.setLong(i++, q.scope().parameter());
        if (q.bbox() != null) {
            for (int rep = 0; rep < 2; rep++) {
                ps.setDouble(i++, q.bbox().minLon());
                ps.setDouble(i++, q.bbox().minLat());
                ps.setDouble(i++, q.bbox().maxLon());
                ps.setDouble(i++, q.bbox().maxLat());
            }
        }
        return i;
    }

    /** Writes {"type":"FeatureCollection","features":[...],"numberReturned":n,...} to out. */
    public Written write(LayerQuery q, OutputStream out) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // the JDBC driver only uses a cursor inside a transaction
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql(q))) {
                ps.setFetchSize(FETCH_SIZE);
                bind(ps, q);
                int n = 0;
                boolean truncated = false;
                try (ResultSet rs = ps.executeQuery()) {
                    out.write(ascii("{\"type\":\"FeatureCollection\",\"layer\":\"" + q.layer().id + "\",\"features\":["));
                    while (rs.next()) {
                        if (n == q.limit()) { truncated = true; break; }
                        if (n++ > 0) out.write(',');
                        // the driver hands text columns over as the UTF-8 bytes the database sent:
                        // copying them avoids decoding to a String and encoding it back
                        out.write(rs.getBytes(1));
                    }
                    out.write(ascii("],\"numberReturned\":" + n + ",\"limit\":" + q.limit() + ",\"truncated\":" + truncated + "}"));
                }
                return new Written(n, truncated);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the client went away; nothing to roll back
            } finally {
                c.rollback();
            }
        }
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Number of current features per layer the reader may see, for the layer list: one statement. */
    public Map<Layer, Long> counts(java.util.Set<Layer> layers, CaseScope scope) throws SQLException {
        List<Layer> asked = java.util.Arrays.stream(Layer.values()).filter(layers::contains).toList();
        Map<Layer, Long> out = new LinkedHashMap<>();
        if (asked.isEmpty()) return out;
        StringBuilder sql = new StringBuilder();
        for (Layer l : asked) {
            if (sql.length() > 0) sql.append(" UNION ALL ");
            sql.append("SELECT ").append(l.ordinal()).append(", count(*)").append(fromWhere(new LayerQuery(l, null, 1, null, scope)));
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Layer l : asked) if (l.isScoped() && scope.parameter() != null) ps.setLong(i++, scope.parameter());
            try (ResultSet rs = ps.executeQuery()) {
                Map<Integer, Long> byOrdinal = new java.util.HashMap<>();
                while (rs.next()) byOrdinal.put(rs.getInt(1), rs.getLong(2));
                for (Layer l : asked) out.put(l, byOrdinal.getOrDefault(l.ordinal(), 0L));
            }
        }
        return out;
    }
}
