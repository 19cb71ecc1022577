package gridmap.data;

/** A well-formed write that refers to something unfit for it (HTTP 422). */
public class UnprocessableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnprocessableException(String message) { super(message); }
}
