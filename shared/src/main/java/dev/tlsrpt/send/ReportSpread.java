package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The window over which one planning run's reports go out (docs/design.md 2.11): each job has a slot in it,
 * derived from a hash of its destination and day, and is not attempted before that slot. The planner puts
 * the window on every job's message; the worker computes the slots from it, its own and those of the
 * recipient-domain jobs an MX-host job waits for.
 *
 * @param from   when the planning run started
 * @param length how long the window is; zero sends everything at once
 */
public record ReportSpread(Instant from, Duration length) {
    /** The longest window accepted: a day's reports go out within the day after it. */
    public static final Duration MAX_LENGTH = Duration.ofHours(24);
    /**
     * How late after its day the planning run may start: the schedule's retries and Lambda's retries of the
     * run each give up after 6 hours (template.yaml, PlannerFunction; PlannerTemplateTest holds the two together).
     */
    public static final Duration LATEST_PLANNING = Duration.ofHours(12);

    public ReportSpread {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("the report spread is 0 to " + MAX_LENGTH.toMinutes() + " minutes, not "
                    + length.toMinutes());
        }
    }

    /** Everything at once: the local run, a backfill without a spread, messages of an earlier release. */
    public static ReportSpread none(Instant from) {
        return new ReportSpread(from, Duration.ZERO);
    }

    public boolean isNone() {
        return length.isZero();
    }

    public Instant end() {
        return from.plus(length);
    }

    /**
     * The job's slot: the same for the same job in the same window, uniform over the window across jobs.
     * Derived rather than drawn, so that any worker can tell when another job was due.
     */
    public Instant slot(DestinationKey job) {
        if (isNone()) {
            return from;
        }
        long millis = (long) (length.toMillis() * fraction(job));
        return from.plusMillis(millis);
    }

    /**
     * The latest a job of a day can still be attempted, counted from the end of that day: the planning run
     * at its latest, the window, the MX-host delay and the retry window with its last backoff.
     */
    public static Duration horizon(Duration length) {
        return LATEST_PLANNING.plus(length).plus(ReportPlanner.MX_HOST_DELAY).plus(RetryWindow.LENGTH).plus(RetryWindow.MAX_DELAY);
    }

    /**
     * Checks a configured window length against the results' retention: the last attempt at a job must find
     * the day's results still stored (docs/design.md 2.9, 2.11).
     *
     * @param length              the configured window
     * @param resultRetentionDays days after a day's start that its results expire
     * @return {@code length}
     * @throws IllegalArgumentException naming both figures when the horizon would outlast the results
     */
    public static Duration check(Duration length, int resultRetentionDays) {
        new ReportSpread(Instant.EPOCH, length);
        Duration kept = Duration.ofDays(resultRetentionDays - 1L);
        Duration horizon = horizon(length);
        if (horizon.compareTo(kept) >= 0) {
            throw new IllegalArgumentException("a report spread of " + length.toMinutes() + " minutes lets the last retry of "
                    + "a day's job fall " + horizon.toHours() + " h after the day, but its results are kept only "
                    + kept.toHours() + " h after it: shorten the spread");
        }
        return length;
    }

    /**
     * A window length in whole minutes, as the environment and the CLI give it.
     *
     * @param name what to call the value in the error (the variable or option)
     */
    public static Duration parseMinutes(String name, String minutes, int resultRetentionDays) {
        long value;
        try {
            value = Long.parseLong(minutes.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of minutes, not \"" + minutes + "\"", e);
        }
        if (value < 0 || value > MAX_LENGTH.toMinutes()) {
            throw new IllegalArgumentException(name + " must be 0 to " + MAX_LENGTH.toMinutes() + " minutes, not " + value);
        }
        try {
            return check(Duration.ofMinutes(value), resultRetentionDays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** A number in [0, 1) from the job and its day (part of the key): a fresh order every day. */
    static double fraction(DestinationKey job) {
        return fraction(job, "slot");
    }

    /** A number in [0, 1) from the job and {@code purpose}: one independent draw per purpose. */
    static double fraction(DestinationKey job, String purpose) {
        return (hash(purpose + "|" + job.day() + "|" + job.kind() + "|" + job.domain()) >>> 11) * 0x1.0p-53;
    }

    static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
