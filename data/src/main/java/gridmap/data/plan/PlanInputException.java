package gridmap.data.plan;

/** A plan body that is malformed (a missing field, a bad reference, a line that is not a line): HTTP 400. */
public class PlanInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanInputException(String message) { super(message); }
}
