package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.ReportOutcome.Status;
import java.util.EnumMap;
import java.util.Map;

/**
 * What worker threads did and how long it took them, summed over threads: wall time, the part of it spent
 * waiting for the emulator and the https receiver, and the threads' CPU time.
 */
final class WorkerFigures {
    long jobs;
    long retryLater;
    long errors;
    long wallNanos;
    long emulatorNanos;
    long emulatorCalls;
    long receiverNanos;
    long cpuNanos;
    final Map<Status, Long> outcomes = new EnumMap<>(Status.class);

    void add(WorkerFigures other) {
        jobs += other.jobs;
        retryLater += other.retryLater;
        errors += other.errors;
        wallNanos += other.wallNanos;
        emulatorNanos += other.emulatorNanos;
        emulatorCalls += other.emulatorCalls;
        receiverNanos += other.receiverNanos;
        cpuNanos += other.cpuNanos;
        other.outcomes.forEach((status, n) -> outcomes.merge(status, n, Long::sum));
    }

    long sent() {
        return outcomes.getOrDefault(Status.SENT, 0L);
    }

    /** The threads' wall time less what they waited for: the worker's own code, SDK client side included. */
    long ownNanos() {
        return wallNanos - emulatorNanos - receiverNanos;
    }
}
