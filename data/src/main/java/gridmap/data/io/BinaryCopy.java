package gridmap.data.io;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A COPY in PostgreSQL's binary format, row by row: values go as they are stored (geometries as
 * EWKB, which PostGIS's binary input reads directly), with no text to build, escape and parse —
 * what a bulk of small rows, such as a district's cells or an import's stage, costs least to
 * send and to take in.
 * The caller writes each row's fields in the table's column order of the COPY statement.
 */
final class BinaryCopy implements AutoCloseable {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate POSTGRES_EPOCH = LocalDate.of(2000, 1, 1);

    private final CopyIn in;
    private final WKBWriter ewkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private byte[] buf = new byte[1 << 16];
    private int used;

    BinaryCopy(Connection c, String table, String columns) throws SQLException {
        in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        put(HEADER, 0, HEADER.length);
    }

    /** Starts a row of this many fields; flushes what is buffered once it is large. */
    BinaryCopy row(int fields) throws SQLException {
        if (used >= 1 << 16) flush();
        int2(fields);
        return this;
    }

    BinaryCopy text(String v) {
        if (v == null) return nul();
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        int4(b.length);
        put(b, 0, b.length);
        return this;
    }

    /** A jsonb value: the format's version byte, then the JSON text. */
    BinaryCopy jsonb(Map<String, String> m) {
        byte[] b;
        try {
            b = JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int4(b.length + 1);
        room(1);
        buf[used++] = 1;
        put(b, 0, b.length);
        return this;
    }

    BinaryCopy int8(long v) {
        int4(8);
        int4((int) (v >>> 32));
        int4((int) v);
        return this;
    }

    BinaryCopy integer(int v) {
        int4(4);
        int4(v);
        return this;
    }

    BinaryCopy date(LocalDate d) {
        int4(4);
        int4((int) ChronoUnit.DAYS.between(POSTGRES_EPOCH, d));
        return this;
    }

    /** EWKB with SRID 4326. */
    BinaryCopy geometry(Geometry g) {
        if (g == null) return nul();
        g.setSRID(4326);
        byte[] b = ewkb.write(g);
        int4(b.length);
        put(b, 0, b.length);
        return this;
    }

    private BinaryCopy nul() {
        int4(-1);
        return this;
    }

    private void int2(int v) {
        room(2);
        buf[used++] = (byte) (v >>> 8);
        buf[used++] = (byte) v;
    }

    private void int4(int v) {
        room(4);
        buf[used++] = (byte) (v >>> 24);
        buf[used++] = (byte) (v >>> 16);
        buf[used++] = (byte) (v >>> 8);
        buf[used++] = (byte) v;
    }

    private void put(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, buf, used, len);
        used += len;
    }

    private void room(int n) {
        if (used + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, used + n));
    }

    private void flush() throws SQLException {
        if (used > 0) in.writeToCopy(buf, 0, used);
        used = 0;
    }

    /** Ends the COPY (the trailer, then the server's answer: a refused row shows here at the latest). */
    @Override public void close() throws SQLException {
        if (!in.isActive()) return;
        int2(-1);
        flush();
        in.endCopy();
    }

    /** Abandons the COPY (after a failure or a cancel), leaving the connection usable for the rollback. */
    void abort() { Staging.cancel(in); }
}
