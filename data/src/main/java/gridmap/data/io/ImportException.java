package gridmap.data.io;

/**
 * An import that cannot go on, with a status in HTTP's terms (the CLI prints the message): 400 a
 * bad option, 409 another import of the same target is running, 413 too large (a zip bomb), 415
 * not a format gridmap reads (or not what its name says), 422 content that cannot be imported
 * (no features, unknown CRS, invalid features: the report lists them). Nothing has been written.
 */
public final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int status;
    /** The report so far (may be null when the file could not even be opened). */
    public final transient ImportReport report;

    public ImportException(int status, String message) { this(status, message, null); }

    public ImportException(int status, String message, ImportReport report) {
        super(message);
        this.status = status;
        this.report = report;
    }

    static ImportException unsupported(String message) { return new ImportException(415, message); }

    static ImportException invalid(String message) { return new ImportException(422, message); }

    static ImportException tooLarge(String message) { return new ImportException(413, message); }
}
