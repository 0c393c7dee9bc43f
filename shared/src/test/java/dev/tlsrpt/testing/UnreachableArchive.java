package dev.tlsrpt.testing;

import dev.tlsrpt.archive.ReportArchive;
import java.util.List;
import java.util.Optional;

/** An archive whose every write fails, as S3 does when it cannot be reached; it holds nothing. */
public final class UnreachableArchive implements ReportArchive {
    @Override
    public void put(String key, byte[] body, String contentType) {
        throw new IllegalStateException("S3 unreachable");
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.empty();
    }

    @Override
    public List<ArchivedObject> list(String prefix) {
        return List.of();
    }
}
