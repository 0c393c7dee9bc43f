package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.JobResult;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.tlsrpt.DestinationKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;

/**
 * One worker: takes up to ten messages at a time from the report queue (the batch size the worker's event
 * source mapping uses), sends each job as ReportWorkerHandler does and deletes the batch, until the queue
 * is empty. Jobs that ask to be retried are handed back to the caller instead of being made invisible for
 * their backoff: the benchmark does not wait out backoffs, it runs them again in the next round.
 */
final class QueueWorker implements Callable<WorkerFigures> {
    private static final int BATCH = 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ReportSender sender;
    private final JobQueue queue;
    private final RoundTripClock emulator;
    private final TimedPoster receiver;
    private final Queue<DestinationKey> retries;

    QueueWorker(ReportSender sender, JobQueue queue, RoundTripClock emulator, TimedPoster receiver,
                Queue<DestinationKey> retries) {
        this.sender = sender;
        this.queue = queue;
        this.emulator = emulator;
        this.receiver = receiver;
        this.retries = retries;
    }

    @Override
    public WorkerFigures call() {
        long thread = Thread.currentThread().threadId();
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        long emulatorAtStart = emulator.nanos(thread);
        long callsAtStart = emulator.calls(thread);
        long receiverAtStart = receiver.nanos(thread);
        long postCpuAtStart = receiver.cpuNanos(thread);
        long postsAtStart = receiver.posts(thread);
        long start = System.nanoTime();
        WorkerFigures figures = new WorkerFigures();
        List<JobQueue.Taken> messages;
        while (!(messages = queue.take(BATCH)).isEmpty()) {
            for (JobQueue.Taken message : messages) {
                handle(ReportJobs.fromJson(message.body()), figures);
            }
            sender.flushOutcomes(); // as the worker does before its invocation returns
            queue.delete(messages);
        }
        figures.wallNanos = System.nanoTime() - start;
        figures.cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        figures.emulatorNanos = emulator.nanos(thread) - emulatorAtStart;
        figures.emulatorCalls = emulator.calls(thread) - callsAtStart;
        figures.receiverNanos = receiver.nanos(thread) - receiverAtStart;
        figures.postCpuNanos = receiver.cpuNanos(thread) - postCpuAtStart;
        figures.posts = receiver.posts(thread) - postsAtStart;
        return figures;
    }

    private void handle(DestinationKey job, WorkerFigures figures) {
        figures.jobs++;
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        try {
            switch (sender.send(job)) {
                case JobResult.Done done -> {
                    figures.outcomes.merge(done.outcome(), 1L, Long::sum);
                    figures.job(done.outcome() == Status.SENT, THREADS.getCurrentThreadCpuTime() - cpuBefore);
                }
                case JobResult.RetryLater later -> {
                    figures.retryLater++;
                    retries.add(job);
                }
            }
        } catch (RuntimeException e) {
            // Production leaves the message for SQS to deliver again; here it only spoils the figures, visibly.
            figures.errors++;
            System.err.println("job " + ReportJobs.toJson(job) + " failed: " + e);
        }
    }
}
