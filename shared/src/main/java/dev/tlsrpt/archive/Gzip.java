package dev.tlsrpt.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Reads back a report this service gzipped, bounded like any archived object. */
final class Gzip {
    private Gzip() {
    }

    static byte[] decompress(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            byte[] json = in.readNBytes((int) S3ReportArchive.MAX_OBJECT_BYTES + 1);
            if (json.length > S3ReportArchive.MAX_OBJECT_BYTES) {
                throw new IllegalArgumentException("report larger than " + S3ReportArchive.MAX_OBJECT_BYTES + " bytes");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("not a gzip report", e);
        }
    }
}
