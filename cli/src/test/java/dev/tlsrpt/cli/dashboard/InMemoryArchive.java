package dev.tlsrpt.cli.dashboard;

import dev.tlsrpt.archive.ReportArchive;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The archive as a map, for tests of what reads it. */
final class InMemoryArchive implements ReportArchive {
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] body, String contentType) {
        objects.put(key, body.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<ArchivedObject> list(String prefix) {
        return objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> new ArchivedObject(e.getKey(), e.getValue().length, Instant.EPOCH)).toList();
    }
}
