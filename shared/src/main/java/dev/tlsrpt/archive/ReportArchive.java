package dev.tlsrpt.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps every report and what was sent of it (S3 in production); keys from {@link ArchiveKeys}. */
public interface ReportArchive {

    /** Writes (or overwrites, for a retry) one object. */
    void put(String key, byte[] body, String contentType);

    /** The object, if archived. */
    Optional<byte[]> get(String key);

    /** Every object whose key starts with {@code prefix}, in key order. */
    List<ArchivedObject> list(String prefix);

    record ArchivedObject(String key, long size, Instant lastModified) {
    }
}
