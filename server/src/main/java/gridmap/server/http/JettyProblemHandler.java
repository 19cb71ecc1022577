package gridmap.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors that Jetty raises before a request reaches Javalin (an undecodable or ambiguous URI, a
 * malformed header) would otherwise come back as an HTML page; these come back as problem JSON
 * like every other error.
 */
public final class JettyProblemHandler extends ErrorHandler {
    private final SecurityHeaders headers;

    /** Errors raised before routing carry the same security headers as every other response. */
    public JettyProblemHandler(SecurityHeaders headers) { this.headers = headers; }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus();
        headers.headers(request.getRequestURI()).forEach(response::setHeader);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body(status, "The request could not be read: " + message(response)).getBytes(StandardCharsets.UTF_8));
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/problem+json"));
        headers.headers(null).forEach(fields::put);
        return ByteBuffer.wrap(body(status, "The request could not be read: " + (reason == null ? "malformed request" : reason))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String message(HttpServletResponse response) {
        return response.getStatus() == 400 ? "malformed URI or request" : "error " + response.getStatus();
    }

    private static String body(int status, String detail) {
        String safe = detail.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
        return "{\"type\":\"about:blank\",\"title\":\"" + (status == 400 ? "Bad request" : "Error") + "\",\"status\":" + status
                + ",\"detail\":\"" + safe + "\"}";
    }
}
