package gridmap.data;

/** Someone else changed the row since the caller read it (optimistic locking): reload and retry. */
public class StaleVersionException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(String what, int expected, int actual) {
        super(what + " was changed by someone else (version " + actual + ", you sent " + expected + "); reload it and try again");
    }
}
