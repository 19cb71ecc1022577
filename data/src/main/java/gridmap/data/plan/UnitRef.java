package gridmap.data.plan;

/**
 * How an operation names a unit: by id or by code (a current unit under the plan's parent), or as
 * the result of an earlier operation of the same plan ({@code "#3"}: the unit operation 3 made,
 * {@code "#3.2"}: the second piece of split 3). Codes make plan files portable between databases.
 */
public sealed interface UnitRef {
    record Id(long id) implements UnitRef {
        @Override public String toString() { return Long.toString(id); }
    }

    record Code(String code) implements UnitRef {
        @Override public String toString() { return code; }
    }

    /** op is 1-based; piece is 1-based for splits, 0 for an operation that makes one unit. */
    record Made(int op, int piece) implements UnitRef {
        @Override public String toString() { return "#" + op + (piece > 0 ? "." + piece : ""); }
    }
}
