package gridmap.server;

/** A request that cannot be served, with the HTTP status and a detail the user can act on. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int status;
    public final String title;

    public ApiException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiException badRequest(String detail) { return new ApiException(400, "Bad request", detail); }

    public static ApiException notFound(String detail) { return new ApiException(404, "Not found", detail); }
}
