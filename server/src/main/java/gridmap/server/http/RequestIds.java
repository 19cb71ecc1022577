package gridmap.server.http;

import java.util.concurrent.ThreadLocalRandom;

import io.javalin.http.Context;

/** A short id per request, returned in X-Request-Id and in problem details, and logged with failures. */
public final class RequestIds {
    private static final String ATTR = "gridmap.requestId";

    private RequestIds() {}

    public static void assign(Context ctx) {
        String id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        ctx.attribute(ATTR, id);
        ctx.header("X-Request-Id", id);
    }

    public static String of(Context ctx) {
        Object id = ctx.attribute(ATTR);
        return id == null ? "-" : id.toString();
    }
}
