package gridmap.server.http;

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

    /** With the standard title for the status. */
    public ApiException(int status, String detail) { this(status, title(status), detail); }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable content";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> "Error";
        };
    }

    public static ApiException badRequest(String detail) { return new ApiException(400, detail); }

    public static ApiException notFound(String detail) { return new ApiException(404, detail); }
}
