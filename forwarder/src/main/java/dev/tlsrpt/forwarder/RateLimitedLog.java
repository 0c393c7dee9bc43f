package dev.tlsrpt.forwarder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning that may repeat thousands of times a second (malformed datagrams, a full spool): logged at
 * most once per interval, with how many were not logged in between.
 */
final class RateLimitedLog {
    private final long intervalNanos;
    private final AtomicLong suppressed = new AtomicLong();
    private volatile long lastLogged = System.nanoTime() - Long.MAX_VALUE / 2;

    RateLimitedLog(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    void warn(String message) {
        long now = System.nanoTime();
        if (now - lastLogged < intervalNanos) {
            suppressed.incrementAndGet();
            return;
        }
        lastLogged = now;
        long skipped = suppressed.getAndSet(0);
        Log.warn(message + (skipped > 0 ? " (and " + skipped + " more like it since the last such line)" : ""));
    }
}
