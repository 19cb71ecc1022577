package gridmap.data.io;

import java.io.IOException;

/**
 * Features of one source, one at a time, so that memory does not grow with the file. Every
 * reader yields lon/lat (EPSG:4326) geometries and attributes as the file names them.
 */
public interface FeatureReader extends AutoCloseable {
    /** The next feature, or null after the last. Throws {@link ImportException} on a file that cannot be read on. */
    SourceFeature next() throws IOException;

    /** Bytes of the source consumed so far, for progress; -1 when unknown. */
    default long bytesRead() { return -1; }

    @Override void close() throws IOException;
}
