package gridmap.data;

/** The actor may not do this write (any more), checked inside the write's transaction (HTTP 403). */
public class NotPermittedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotPermittedException(String message) { super(message); }
}
