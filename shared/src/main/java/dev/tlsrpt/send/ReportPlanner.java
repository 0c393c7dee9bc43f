package dev.tlsrpt.send;

import dev.tlsrpt.store.IndexedDestination;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily run: turns one finished UTC day's destinations into report jobs on the queue (docs/design.md 1,
 * 2.2, 2.7). With {@link QuietDestinations}, a recipient domain whose index shows that its results call for no
 * report is recorded done in the ledger instead (most of a typical day); every other destination goes to the
 * worker, which decides with the destination's data and DNS at hand.
 *
 * <p>Running it twice for the same day (a retried schedule, an operator's backfill) enqueues every job
 * again. That is deliberate: the planner keeps no state of its own, and the delivery ledger records each
 * (day, destination, URI) with a conditional write, so a job that was already done is recognised and nothing
 * is sent or recorded twice.
 */
public final class ReportPlanner {
    /**
     * MX-host reports leave out recipient domains whose own report went to the same URIs (docs/design.md 2.2), so
     * they come after the recipient-domain reports. The delay lets the first wave start; the worker still
     * waits for the recipient-domain jobs an MX-host report depends on, because on a busy day pacing
     * stretches the first wave over hours. (SQS allows at most 15 minutes.)
     */
    public static final Duration MX_HOST_DELAY = Duration.ofMinutes(10);

    private final StoredResults results;
    private final DayCloser days;
    private final ReportQueue queue;
    private final Clock clock;
    private final Duration spread;
    /** Null: every destination gets a job. */
    private final QuietDestinations quiet;

    /** A planner that sends every job at once and queues one per destination (tests). */
    public ReportPlanner(StoredResults results, DayCloser days, ReportQueue queue, Clock clock) {
        this(results, days, queue, clock, Duration.ZERO);
    }

    /** A planner that queues a job for every destination (an operator's backfill from the CLI). */
    public ReportPlanner(StoredResults results, DayCloser days, ReportQueue queue, Clock clock, Duration spread) {
        this(results, days, queue, clock, spread, null);
    }

    /**
     * @param spread the window after the run over which the day's jobs go out (docs/design.md 2.11), already
     *               checked against the results' retention ({@link ReportSpread#check})
     * @param quiet  records the destinations that need no report instead of queueing them; null queues them all
     */
    public ReportPlanner(StoredResults results, DayCloser days, ReportQueue queue, Clock clock, Duration spread,
                         QuietDestinations quiet) {
        this.results = results;
        this.days = days;
        this.queue = queue;
        this.clock = clock;
        this.spread = spread;
        this.quiet = quiet;
        new ReportSpread(Instant.EPOCH, spread); // refuses a negative or too long window now, not at the first run
    }

    /**
     * Closes {@code day} to ingest, records the destinations that need no report (with {@link QuietDestinations}),
     * then enqueues one job per other destination: recipient domains at once,
     * MX hosts after {@link #MX_HOST_DELAY}, all carrying the window that starts now; the worker holds each
     * job back until its slot in it.
     *
     * @throws DayNotOverException for today (still open, docs/design.md 2.2) or a day in the future
     */
    public ReportPlan plan(LocalDate day) {
        if (!ReportRules.isReportable(day, clock)) {
            throw new DayNotOverException(day);
        }
        // Close first: a result accepted after the index was read would be counted but never reported.
        // Once the close is committed no write for the day can commit (each write's condition checks the
        // day's state, docs/storage.md), so the index is read right away, with strongly consistent reads.
        days.closeDay(day);
        List<DestinationKey> recipientDomains = new ArrayList<>();
        List<DestinationKey> mxHosts = new ArrayList<>();
        List<DestinationKey> noReport = new ArrayList<>();
        for (IndexedDestination destination : results.index(day)) {
            DestinationKey key = destination.key();
            if (quiet != null && quiet.needsNoReport(destination)) {
                noReport.add(key);
            } else {
                (key.kind() == DestinationKind.RECIPIENT_DOMAIN ? recipientDomains : mxHosts).add(key);
            }
        }
        // Recorded before the MX-host jobs are queued: their dedupe finds these recipient domains decided.
        if (!noReport.isEmpty()) {
            quiet.record(noReport);
        }
        ReportSpread window = new ReportSpread(clock.instant(), spread);
        queue.enqueue(recipientDomains, Duration.ZERO, window);
        queue.enqueue(mxHosts, MX_HOST_DELAY, window);
        return new ReportPlan(day, recipientDomains.size(), mxHosts.size(), noReport.size(), MX_HOST_DELAY, window);
    }
}
