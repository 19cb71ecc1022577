package gridmap.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.copy.CopyIn;


/**
 * The import's scratch tables, temporary and dropped with its transaction (so a cancelled or
 * failed import leaves nothing): {@code import_stage} holds every feature that passed the
 * per-feature checks, with its mapped fields, repaired geometry and a point inside it;
 * {@code import_clean} what the coverage cleaning decided per feature; {@code import_sibling}
 * stored units that the cleaning changed although the file did not name them. Rows go in
 * through COPY, which is what makes loading 100,000 features take seconds.
 */
final class Staging {
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
