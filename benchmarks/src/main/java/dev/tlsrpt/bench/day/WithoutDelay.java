package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.ReportQueue;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.tlsrpt.DestinationKey;
import java.time.Duration;
import java.util.List;

/**
 * The report queue with the planner's MX-host delay left out. The delay (ten minutes) only gives the
 * recipient-domain wave a head start; waiting it out would measure the clock, not the pipeline. The MX-host
 * jobs still come last, because the planner enqueues them last.
 */
final class WithoutDelay implements ReportQueue {
    private final ReportQueue queue;

    WithoutDelay(ReportQueue queue) {
        this.queue = queue;
    }

    @Override
    public void enqueue(List<DestinationKey> jobs, Duration delay, ReportSpread spread) {
        queue.enqueue(jobs, Duration.ZERO, spread);
    }
}
