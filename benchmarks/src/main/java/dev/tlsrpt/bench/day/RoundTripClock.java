package dev.tlsrpt.bench.day;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Sums, per calling thread, the time SDK requests spend on the wire to the emulator and back: from just
 * before the HTTP request is sent to just after the response arrived, every attempt. What the SDK does
 * around that (marshalling, signing, parsing) runs on AWS too, so it stays in "our" time.
 *
 * <p>The synchronous clients run every step on the calling thread, which makes the per-thread sum the time
 * that thread waited for the emulator.
 */
public final class RoundTripClock implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("tlsrpt.bench.sentAt");

    private final Map<Long, LongAdder> nanosByThread = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> callsByThread = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanosByOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callsByOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT_AT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sentAt = attributes.getAttribute(SENT_AT);
        if (sentAt != null) {
            long thread = Thread.currentThread().threadId();
            nanosByThread.computeIfAbsent(thread, t -> new LongAdder()).add(System.nanoTime() - sentAt);
            callsByThread.computeIfAbsent(thread, t -> new LongAdder()).increment();
            String operation = context.request().getClass().getSimpleName().replace("Request", "");
            nanosByOperation.computeIfAbsent(operation, o -> new LongAdder()).add(System.nanoTime() - sentAt);
            callsByOperation.computeIfAbsent(operation, o -> new LongAdder()).increment();
        }
    }

    /** Nanoseconds the thread has waited for the emulator so far. */
    public long nanos(long threadId) {
        LongAdder nanos = nanosByThread.get(threadId);
        return nanos == null ? 0 : nanos.sum();
    }

    /** Where the emulator's time went, by operation (all threads, since start): "Operation n × ms", slowest first. */
    public String byOperation() {
        StringBuilder lines = new StringBuilder();
        nanosByOperation.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> {
                    long calls = callsByOperation.get(e.getKey()).sum();
                    lines.append(String.format("%s %,d x %.2f ms = %.1f s; ", e.getKey(), calls,
                            e.getValue().sum() / 1e6 / calls, e.getValue().sum() / 1e9));
                });
        return lines.toString();
    }

    /** Requests (attempts) the thread has sent so far. */
    public long calls(long threadId) {
        LongAdder calls = callsByThread.get(threadId);
        return calls == null ? 0 : calls.sum();
    }
}
