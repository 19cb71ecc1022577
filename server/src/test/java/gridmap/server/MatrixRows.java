package gridmap.server;

import java.util.List;

import javax.sql.DataSource;

/**
 * The rows one feature adds to the authorization matrix: each of its routes called by anonymous
 * and each demo role, with the status each must get. Bodies are chosen so that an allowed caller
 * gets a definite answer (200/201, or a 4xx that can only come after authorization passed, e.g.
 * 409 for a stale version), so the matrix shows authorization and nothing else.
 */
interface MatrixRows {
    String[] ROLES = {"anonymous", "admin", "planner", "watershed", "dispatcher", "worker", "viewer"};

    record Row(String method, String path, String body, int[] expected) {}

    /** Expected statuses in the order of {@link #ROLES}. */
    static int[] e(int anon, int admin, int planner, int watershed, int dispatcher, int worker, int viewer) {
        return new int[] {anon, admin, planner, watershed, dispatcher, worker, viewer};
    }

    List<Row> rows(DataSource ds) throws Exception;
}
