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
    private final Map<Long, Totals> byThread = new ConcurrentHashMap<>();

    /** One thread's POSTs: how many, their wall time and the thread's CPU time in them. */
    private record Totals(LongAdder posts, LongAdder nanos, LongAdder cpuNanos) {
        private static final Totals NONE = new Totals(new LongAdder(), new LongAdder(), new LongAdder());

        Totals() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

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
            Totals totals = byThread.computeIfAbsent(Thread.currentThread().threadId(), t -> new Totals());
            totals.cpuNanos().add(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
            totals.nanos().add(System.nanoTime() - start);
            totals.posts().increment();
        }
    }

    long nanos(long threadId) {
        return of(threadId).nanos().sum();
    }

    /** The calling thread's CPU time in its POSTs. */
    long cpuNanos(long threadId) {
        return of(threadId).cpuNanos().sum();
    }

    long posts(long threadId) {
        return of(threadId).posts().sum();
    }

    private Totals of(long threadId) {
        return byThread.getOrDefault(threadId, Totals.NONE);
    }
}
