package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * docs/design.md 2.7: transient failures are retried with backoff for up to 24 hours after the first attempt,
 * then recorded as failed. The backoff starts at a minute and doubles up to an hour, and the last
 * attempt is placed at the end of the window rather than after it. Each job's backoff is shortened by up
 * to a fifth, by a fraction of its own (docs/design.md 2.11): jobs that failed together (SES throttled,
 * a DNS outage) do not all come back in the same second.
 */
public record RetryWindow(Instant firstAttempt) {
    public static final Duration LENGTH = Duration.ofHours(24);
    static final Duration FIRST_DELAY = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofHours(1);
    /** The largest share of a backoff the jitter takes off. */
    static final double MAX_JITTER = 0.2;
    private static final Duration MIN_DELAY = Duration.ofSeconds(1);

    public RetryWindow {
        Objects.requireNonNull(firstAttempt, "firstAttempt");
    }

    public Instant deadline() {
        return firstAttempt.plus(LENGTH);
    }

    /** Whether an attempt at {@code now} is the last one: a transient failure now is final. */
    public boolean isOver(Instant now) {
        return !now.isBefore(deadline());
    }

    /**
     * The delay before the next attempt, after {@code attempts} attempts (1 for the first): the backoff, or
     * less so that the last attempt falls on the end of the window. Past the end (an attempt that still has
     * to wait, e.g. for a claim in flight) it is the plain backoff.
     */
    public Duration nextDelay(int attempts, Instant now) {
        return nextDelay(attempts, now, 0);
    }

    /** {@link #nextDelay(int, Instant)} with the job's jitter for this attempt. */
    public Duration nextDelay(DestinationKey job, int attempts, Instant now) {
        return nextDelay(attempts, now, ReportSpread.fraction(job, "retry " + attempts));
    }

    /** The backoff less {@code jitter} (0 to 1) times {@link #MAX_JITTER} of it; the window's end is kept exactly. */
    Duration nextDelay(int attempts, Instant now, double jitter) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1), not " + jitter);
        }
        int doublings = Math.max(0, Math.min(attempts - 1, 16));
        Duration backoff = FIRST_DELAY.multipliedBy(1L << doublings);
        if (backoff.compareTo(MAX_DELAY) > 0) {
            backoff = MAX_DELAY;
        }
        backoff = backoff.minusMillis((long) (backoff.toMillis() * MAX_JITTER * jitter));
        Duration left = Duration.between(now, deadline());
        if (!left.isPositive() || left.compareTo(backoff) >= 0) {
            return backoff;
        }
        return left.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : left;
    }
}
