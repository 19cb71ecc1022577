package gridmap.data;

/** A write that cannot be done as asked because of the current state (HTTP 409). */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) { super(message); }
}
