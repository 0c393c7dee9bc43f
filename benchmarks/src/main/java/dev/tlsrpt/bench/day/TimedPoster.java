package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportPoster;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Times the https deliveries per calling thread. The local receiver stands in for a reporting server on
 * the internet, so the time a POST takes is, like the emulator's, not the worker's own work.
 */
final class TimedPoster implements ReportPoster {
    private final ReportPoster poster;
    private final Map<Long, LongAdder> nanosByThread = new ConcurrentHashMap<>();

    TimedPoster(ReportPoster poster) {
        this.poster = poster;
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport, ReportContent content) {
        long start = System.nanoTime();
        try {
            return poster.post(uri, gzipReport, content);
        } finally {
            nanosByThread.computeIfAbsent(Thread.currentThread().threadId(), t -> new LongAdder())
                    .add(System.nanoTime() - start);
        }
    }

    long nanos(long threadId) {
        LongAdder nanos = nanosByThread.get(threadId);
        return nanos == null ? 0 : nanos.sum();
    }
}
