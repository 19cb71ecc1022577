package gridmap.data.plan;

import gridmap.data.UnprocessableException;

/**
 * A well-formed plan that cannot be applied to the units as they are (units that do not touch, of
 * different parents or levels, a line that does not cross, ...): HTTP 422, naming the operation.
 */
public class PlanRejectedException extends UnprocessableException {
    private static final long serialVersionUID = 1L;
    /** 1-based index of the operation at fault, 0 for the plan as a whole. */
    public final int operation;

    public PlanRejectedException(int operation, String message) {
        super(operation > 0 ? "operation " + operation + ": " + message : message);
        this.operation = operation;
    }
}
