package gridmap.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The import's scratch tables, temporary and dropped with its transaction (so a cancelled or
 * failed import leaves nothing): {@code import_stage} holds every feature that passed the
 * per-feature checks, with its mapped fields, repaired geometry and a point inside it;
 * {@code import_clean} what the coverage cleaning decided per feature; {@code import_sibling}
 * stored units that the cleaning changed although the file did not name them. Rows go in
 * through COPY, which is what makes loading 100,000 features take seconds.
 */
final class Staging {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Staging() {}

    static void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE import_stage (
                      n        bigint PRIMARY KEY,      -- 1-based position of the feature in the file
                      code     text NOT NULL,
                      name     text,
                      f        jsonb NOT NULL,          -- mapped target fields, as text
                      geom     geometry NOT NULL,       -- repaired, EPSG:4326
                      ref_id   bigint,                  -- the parent (unit), community (cell), district (project) found
                      ref2_id  bigint,                  -- a second reference: basin (project), cell (case)
                      ref3_id  bigint,                  -- a third: the river chief (project)
                      group_id bigint,                  -- siblings cleaned together
                      old_id   bigint,                  -- the stored current row with this code
                      new_id   bigint,                  -- the row written
                      action   text                     -- insert, redraw, update, unchanged
                    ) ON COMMIT DROP""");
            // final: the geometry to store (the stored one when same_geom: within 1e-9° of what the file now says)
            // renode: the same shape as stored, but the cleaning added vertices its neighbours share
            st.execute("CREATE TEMP TABLE import_clean (n bigint PRIMARY KEY, final geometry NOT NULL, same_geom boolean NOT NULL,"
                    + " renode boolean NOT NULL) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE import_sibling (id bigint PRIMARY KEY, final geometry NOT NULL, renode boolean NOT NULL, new_id bigint) ON COMMIT DROP");
        }
    }

    /** A COPY into one scratch table, row by row, in PostgreSQL's text format. */
    static final class Copy implements AutoCloseable {
        private final CopyIn in;
        private final StringBuilder row = new StringBuilder(1024);
        private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
        private final byte[] buf = new byte[1 << 16];
        private int used;
        private long rows;

        Copy(Connection c, String table, String columns) throws SQLException {
            in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        Copy text(String v) {
            sep();
            if (v == null) { row.append("\\N"); return this; }
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                switch (ch) {
                    case '\\' -> row.append("\\\\");
                    case '\t' -> row.append("\\t");
                    case '\n' -> row.append("\\n");
                    case '\r' -> row.append("\\r");
                    default -> row.append(ch);
                }
            }
            return this;
        }

        Copy number(long v) { sep(); row.append(v); return this; }

        Copy bool(boolean v) { sep(); row.append(v ? 't' : 'f'); return this; }

        Copy json(Map<String, String> m) {
            try {
                return text(JSON.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Hex EWKB with SRID 4326, which the geometry type's text input takes as is. */
        Copy geometry(Geometry g) {
            sep();
            if (g == null) { row.append("\\N"); return this; }
            g.setSRID(4326);
            row.append(WKBWriter.toHex(wkb.write(g)));
            return this;
        }

        private boolean first = true;

        private void sep() {
            if (!first) row.append('\t');
            first = false;
        }

        void endRow() throws SQLException {
            row.append('\n');
            byte[] b = row.toString().getBytes(StandardCharsets.UTF_8);
            row.setLength(0);
            first = true;
            if (used + b.length > buf.length) flush();
            if (b.length > buf.length) in.writeToCopy(b, 0, b.length);
            else { System.arraycopy(b, 0, buf, used, b.length); used += b.length; }
            rows++;
        }

        private void flush() throws SQLException {
            if (used > 0) in.writeToCopy(buf, 0, used);
            used = 0;
        }

        long rows() { return rows; }

        @Override public void close() throws SQLException {
            if (!in.isActive()) return;
            flush();
            in.endCopy();
        }

        /** Abandons the COPY (after a failure or a cancel), leaving the connection usable for the rollback. */
        void abort() { cancel(in); }
    }

    /** Abandons a COPY (after a failure or a cancel), leaving the connection usable for the rollback. */
    static void cancel(CopyIn in) {
        try {
            if (in.isActive()) in.cancelCopy();
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway
        }
    }

    static void analyze(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE import_stage");
        }
    }

    /**
     * Fresh statistics after the stage's columns were filled in (references, actions): without
     * them the planner takes the stage for one row and joins it by nested loops, which on 100,000
     * features turns a seconds-long INSERT into minutes.
     */
    static void reanalyze(ImportContext ctx) throws SQLException {
        ctx.update("ANALYZE import_stage");
    }

    static UncheckedIOException io(IOException e) { return new UncheckedIOException(e); }
}
