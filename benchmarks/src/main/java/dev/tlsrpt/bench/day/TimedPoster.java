package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportPoster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Times the https deliveries per calling thread. The local receiver stands in for a reporting server on
 * the internet, so the time a POST takes is, like the emulator's, not the worker's own work; the calling
 * thread's CPU for it (the TLS handshake, mostly) is, and is counted too.
 */
final class TimedPoster implements ReportPoster {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ReportPoster poster;
    private final Map<Long, LongAdder> nanosByThread = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> cpuByThread = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> postsByThread = new ConcurrentHashMap<>();

    TimedPoster(ReportPoster poster) {
        this.poster = poster;
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport, ReportContent content) {
        long start = System.nanoTime();
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        try {
            return poster.post(uri, gzipReport, content);
        } finally {
            long thread = Thread.currentThread().threadId();
            cpuByThread.computeIfAbsent(thread, t -> new LongAdder()).add(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
            nanosByThread.computeIfAbsent(thread, t -> new LongAdder()).add(System.nanoTime() - start);
            postsByThread.computeIfAbsent(thread, t -> new LongAdder()).increment();
        }
    }

    long nanos(long threadId) {
        return sum(nanosByThread, threadId);
    }

    /** The calling thread's CPU time in its POSTs. */
    long cpuNanos(long threadId) {
        return sum(cpuByThread, threadId);
    }

    long posts(long threadId) {
        return sum(postsByThread, threadId);
    }

    private static long sum(Map<Long, LongAdder> byThread, long threadId) {
        LongAdder sum = byThread.get(threadId);
        return sum == null ? 0 : sum.sum();
    }
}
