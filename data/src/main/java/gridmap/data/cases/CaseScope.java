package gridmap.data.cases;

/**
 * Which cases a reader may see: all of them, those of one district (a dispatcher), those in the
 * cells of one grid worker, or none. Turned into a SQL condition on the cases alias {@code t},
 * so out-of-scope rows are never read, not filtered afterwards.
 */
public sealed interface CaseScope {
    record All() implements CaseScope {}
    record None() implements CaseScope {}
    record District(long districtId) implements CaseScope {}
    record WorkerCells(long workerId) implements CaseScope {}

    CaseScope ALL = new All();
    CaseScope NONE = new None();

    /** The condition, with at most one parameter (see {@link #parameter()}). */
    default String sql() {
        if (this instanceof All) return "true";
        if (this instanceof District) return "t.district_id = ?";
        if (this instanceof WorkerCells) return "t.cell_id IN (SELECT id FROM grid_cell WHERE worker_id = ?)";
        return "false";
    }

    /** Whether a located point lies in this scope (for acting there, e.g. reporting a case). */
    default boolean contains(CaseRepository.Location where) {
        if (this instanceof All) return true;
        if (this instanceof District d) return d.districtId() == where.districtId();
        if (this instanceof WorkerCells w) return where.workerId() != null && w.workerId() == where.workerId();
        return false;
    }

    /**
     * The same test as {@link #contains} in SQL, on a located row (alias {@code loc}, with its
     * {@code district_id} and {@code worker_id}), with {@link #parameter()}: intake locates and
     * writes in one statement.
     */
    default String locatedSql() {
        if (this instanceof All) return "true";
        if (this instanceof District) return "loc.district_id = ?";
        if (this instanceof WorkerCells) return "loc.worker_id = ?";
        return "false";
    }

    /** The current grid cells (alias {@code g}) of this scope, e.g. the study area of hotspots. */
    default gridmap.data.SqlText cellCondition() {
        if (this instanceof District d) {
            return new gridmap.data.SqlText("g.community_id IN (SELECT k.id FROM admin_unit k JOIN admin_unit s ON s.id = k.parent_id"
                    + " WHERE s.parent_id = ?)", d.districtId());
        }
        if (this instanceof WorkerCells w) return new gridmap.data.SqlText("g.worker_id = ?", w.workerId());
        return new gridmap.data.SqlText(this instanceof All ? "true" : "false");
    }

    /** The condition with its parameter, to be appended to a query. */
    default gridmap.data.SqlText condition() {
        return parameter() == null ? new gridmap.data.SqlText(sql()) : new gridmap.data.SqlText(sql(), parameter());
    }

    default Long parameter() {
        if (this instanceof District d) return d.districtId();
        if (this instanceof WorkerCells w) return w.workerId();
        return null;
    }
}
