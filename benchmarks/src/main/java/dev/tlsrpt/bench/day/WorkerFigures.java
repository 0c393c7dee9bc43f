package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.ReportOutcome.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
    /** The https POSTs, and the threads' CPU time in them (part of {@link #cpuNanos}). */
    long posts;
    long postCpuNanos;
    final Map<Status, Long> outcomes = new EnumMap<>(Status.class);
    /** Each finished job's CPU time on its thread, in the order the jobs ran, and whether it sent a report. */
    final List<long[]> jobCpu = new ArrayList<>();

    void job(boolean sent, long cpuNanos) {
        jobCpu.add(new long[] {sent ? 1 : 0, cpuNanos});
    }

    /**
     * Mean CPU per finished job with a report and without, in ms, over the jobs from {@code fromJob} on (the later
     * ones ran on warmer code).
     */
    String cpuPerJob(int fromJob) {
        long[] n = new long[2];
        long[] cpu = new long[2];
        for (int i = fromJob; i < jobCpu.size(); i++) {
            int sent = (int) jobCpu.get(i)[0];
            n[sent]++;
            cpu[sent] += jobCpu.get(i)[1];
        }
        return String.format("%d jobs with a report %.2f ms each, %d without %.2f ms each", n[1], cpu[1] / 1e6 / Math.max(1, n[1]),
                n[0], cpu[0] / 1e6 / Math.max(1, n[0]));
    }

    void add(WorkerFigures other) {
        jobs += other.jobs;
        retryLater += other.retryLater;
        errors += other.errors;
        wallNanos += other.wallNanos;
        emulatorNanos += other.emulatorNanos;
        emulatorCalls += other.emulatorCalls;
        receiverNanos += other.receiverNanos;
        cpuNanos += other.cpuNanos;
        posts += other.posts;
        postCpuNanos += other.postCpuNanos;
        other.outcomes.forEach((status, n) -> outcomes.merge(status, n, Long::sum));
        jobCpu.addAll(other.jobCpu);
    }

    long sent() {
        return outcomes.getOrDefault(Status.SENT, 0L);
    }

    /** The threads' wall time less what they waited for: the worker's own code, SDK client side included. */
    long ownNanos() {
        return wallNanos - emulatorNanos - receiverNanos;
    }
}
