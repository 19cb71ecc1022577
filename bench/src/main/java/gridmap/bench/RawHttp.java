package gridmap.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A lean HTTP/1.1 client for load generation: one keep-alive connection, the request written as
 * bytes, the response read by its Content-Length (or chunks). pgbench, the SQL contender, is a
 * small C program; the JDK's HttpClient spends about as much CPU per request as the server it
 * measures, on the same two cores. The server sees an ordinary HTTP/1.1 client either way.
 */
final class RawHttp implements AutoCloseable {
    record Response(int status, String body) {}

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response post(String path, String cookie, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nCookie: " + cookie
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        if (socket == null) connect();
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        out = new java.io.BufferedOutputStream(socket.getOutputStream(), 4096);
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) throw new IOException("not an HTTP/1.1 response: " + status);
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false, closing = false;
        for (String h; !(h = line()).isEmpty(); ) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim(), value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Integer.parseInt(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
            else if (name.equalsIgnoreCase("Connection")) closing = value.equalsIgnoreCase("close");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(length, 256));
        if (chunked) {
            for (int n; (n = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) body.write(in.readNBytes(n));
            line();
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        } else {
            throw new IOException("response without a length");
        }
        if (closing) close();
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) throw new IOException("connection closed by the server");
            if (b != '\r') sb.append((char) b);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing after a failure: nothing left to do with this connection
        }
        socket = null;
    }
}
