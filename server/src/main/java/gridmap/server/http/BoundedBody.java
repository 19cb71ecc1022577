package gridmap.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.javalin.http.Context;

/**
 * Reads a JSON request body with a hard size cap, however it is sent. Javalin's own limit only
 * trusts Content-Length, so a chunked body would otherwise be read whole into memory.
 */
public final class BoundedBody {
    /** Request bodies larger than this are refused with 413 (uploads have routes of their own). */
    public static final long MAX_BYTES = 2_000_000;

    private BoundedBody() {}

    public static byte[] read(Context ctx) {
        String ct = ctx.contentType();
        if (ct == null || !(ct.startsWith("application/json") || ct.startsWith("application/geo+json"))) {
            throw new ApiException(415, "send the body as application/json");
        }
        long max = MAX_BYTES;
        if (ctx.contentLength() > max) throw tooLarge();
        try {
            InputStream in = ctx.req().getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, Math.min(ctx.contentLength(), 1 << 16)));
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
                if (total > max) throw tooLarge();
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // a broken chunked encoding or a client that stopped mid-body
            throw ApiException.badRequest("the request body could not be read (malformed or incomplete)");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the request body is larger than " + MAX_BYTES + " bytes");
    }
}
