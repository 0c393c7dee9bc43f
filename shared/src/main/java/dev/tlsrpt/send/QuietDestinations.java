package dev.tlsrpt.send;

import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.store.IndexedDestination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The destinations of a closed day whose index alone shows that they get no report (docs/design.md 2.7): the
 * planner records them in the ledger as the worker would have, skipped with the same reason and the same outcome
 * event, and puts no job on the queue for them. On a typical day that is most of the destinations; each costs
 * a share of one ledger transaction instead of a queue message, a results query and a ledger write.
 *
 * <p>The rule is the worker's ({@link dev.tlsrpt.tlsrpt.Destination#callsForReport}); only what the index cannot
 * tell (an MX host's results, a report to send) is left to the worker.
 */
public final class QuietDestinations {
    private static final System.Logger LOG = System.getLogger(QuietDestinations.class.getName());
    /** Jobs per ledger call (one transaction) and per outcome publisher. */
    static final int CHUNK = 100;
    private static final int DEFAULT_THREADS = 16;

    private final Ledger ledger;
    private final boolean reportAllSuccess;
    private final Supplier<OutcomePublisher> publishers;
    private final Clock clock;
    private final int threads;

    /**
     * @param publishers a publisher per thread: a batching publisher holds its events for one caller at a time
     */
    public QuietDestinations(Ledger ledger, boolean reportAllSuccess, Supplier<OutcomePublisher> publishers, Clock clock) {
        this(ledger, reportAllSuccess, publishers, clock, DEFAULT_THREADS);
    }

    /** @param threads how many chunks are written at once; with one, all are written on the caller's thread */
    public QuietDestinations(Ledger ledger, boolean reportAllSuccess, Supplier<OutcomePublisher> publishers, Clock clock,
                             int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.ledger = ledger;
        this.reportAllSuccess = reportAllSuccess;
        this.publishers = publishers;
        this.clock = clock;
        this.threads = threads;
    }

    /** True when the planner records the destination instead of queueing its job. */
    public boolean needsNoReport(IndexedDestination destination) {
        return destination.needsNoReport(reportAllSuccess);
    }

    /**
     * Records each job done, skipped, and publishes its outcome; a job already done (a second planner run) keeps
     * its outcome and publishes nothing again.
     *
     * @return how many jobs this call recorded
     */
    public int record(List<DestinationKey> jobs) {
        Instant now = clock.instant();
        List<List<DestinationKey>> chunks = Chunks.of(jobs, CHUNK);
        if (threads == 1) {
            return chunks.stream().mapToInt(chunk -> recordChunk(chunk, now)).sum();
        }
        return Chunks.inParallel(chunks, threads, chunk -> recordChunk(chunk, now), QuietDestinations::failed).stream()
                .mapToInt(Integer::intValue).sum();
    }

    private int recordChunk(List<DestinationKey> chunk, Instant now) {
        List<DestinationKey> recorded = ledger.finishAllAtOnce(chunk, Status.SKIPPED, ReportDecision.NOTHING_TO_REPORT, now);
        try {
            OutcomePublisher outcomes = publishers.get();
            for (DestinationKey job : recorded) {
                outcomes.publish(new ReportOutcome(job.day(), job.kind(), job.domain(), Channel.NONE, null, Status.SKIPPED,
                        ReportDecision.NOTHING_TO_REPORT));
            }
            outcomes.flush();
        } catch (RuntimeException e) {
            // Events are for operators, as in the worker: losing some must not undo the ledger's record or the plan.
            LOG.log(System.Logger.Level.WARNING, "outcome events of {0} quiet destinations not published: {1}",
                    recorded.size(), e.toString());
        }
        return recorded.size();
    }

    private static RuntimeException failed(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause instanceof InterruptedException
                ? "interrupted while recording the day's quiet destinations"
                : "recording the day's quiet destinations failed", cause);
    }
}
