package dev.tlsrpt.send;

import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportRules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily run: turns one finished UTC day's destinations into report jobs on the queue (docs/design.md 1,
 * 2.2, 2.7). It decides nothing about whether a destination gets a report; the worker does, with the
 * destination's data and DNS at hand.
 *
 * <p>Running it twice for the same day (a retried schedule, an operator's backfill) enqueues every job
 * again. That is deliberate: the planner keeps no state of its own, and the worker's delivery ledger
 * records each (day, destination, URI) with a conditional write, so a job that was already done is
 * recognised and nothing is sent twice.
 */
public final class ReportPlanner {
    /**
     * MX-host reports leave out recipient domains whose own report went to the same URIs (docs/design.md 2.2), so
     * they come after the recipient-domain reports. The delay lets the first wave start; the worker still
     * waits for the recipient-domain jobs an MX-host report depends on, because on a busy day pacing
     * stretches the first wave over hours. (SQS allows at most 15 minutes.)
     */
    public static final Duration MX_HOST_DELAY = Duration.ofMinutes(10);

    /**
     * How long after closing a day its index is read. An ingest container remembers for up to a minute
     * that a day was open (DynamoDbResultStore) and a request it accepted may take the API's 30 s to be
     * written: results accepted that way are in the index by then, and a just-written one is visible to
     * the eventually consistent Query too.
     */
    public static final Duration CLOSE_SETTLE = Duration.ofSeconds(100);

    /** Waits; a parameter so that tests need not. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration);

        static Pause sleeping() {
            return duration -> {
                try {
                    Thread.sleep(duration);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the closed day settled", e);
                }
            };
        }
    }

    private final StoredResults results;
    private final DayCloser days;
    private final ReportQueue queue;
    private final Clock clock;
    private final Pause pause;
    private final Duration settle;

    /** Production: waits {@link #CLOSE_SETTLE} between closing the day and reading its index. */
    public ReportPlanner(StoredResults results, DayCloser days, ReportQueue queue, Clock clock) {
        this(results, days, queue, clock, Pause.sleeping(), CLOSE_SETTLE);
    }

    public ReportPlanner(StoredResults results, DayCloser days, ReportQueue queue, Clock clock, Pause pause, Duration settle) {
        this.results = results;
        this.days = days;
        this.queue = queue;
        this.clock = clock;
        this.pause = pause;
        this.settle = settle;
    }

    /**
     * Closes {@code day} to ingest, waits for ingest to notice, then enqueues one job per destination: recipient domains at once,
     * MX hosts after {@link #MX_HOST_DELAY}.
     *
     * @throws DayNotOverException for today (still open, docs/design.md 2.2) or a day in the future
     */
    public ReportPlan plan(LocalDate day) {
        if (!ReportRules.isReportable(day, clock)) {
            throw new DayNotOverException(day);
        }
        // Close first: a result accepted after the index was read would be counted but never reported.
        days.closeDay(day);
        pause.pause(settle);
        List<DestinationKey> recipientDomains = new ArrayList<>();
        List<DestinationKey> mxHosts = new ArrayList<>();
        for (DestinationKey destination : results.destinations(day)) {
            (destination.kind() == DestinationKind.RECIPIENT_DOMAIN ? recipientDomains : mxHosts).add(destination);
        }
        queue.enqueue(recipientDomains, Duration.ZERO);
        queue.enqueue(mxHosts, MX_HOST_DELAY);
        return new ReportPlan(day, recipientDomains.size(), mxHosts.size(), MX_HOST_DELAY);
    }
}
