package dev.tlsrpt.suppression;

import java.time.Duration;

/**
 * How long a permanent bounce or a complaint suppresses an address (template.yaml's SuppressionDefaultDays,
 * whose MinValue and MaxValue are these bounds): from a day to ten years.
 */
public final class DefaultSuppressionDays {
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    private DefaultSuppressionDays() {
    }

    /**
     * How long the {@code strike}-th suppression in a row lasts (docs/design.md 2.8): the default, doubled for
     * each strike after the first, at most {@link #MAX_DAYS}. An address that keeps bouncing after each
     * suppression ends is tried less and less often, as mail systems treat a repeatedly failing peer.
     */
    public static Duration lengthened(Duration first, int strike) {
        if (strike < 1) {
            throw new IllegalArgumentException("the first strike is 1: " + strike);
        }
        Duration max = Duration.ofDays(MAX_DAYS);
        Duration length = first;
        for (int i = 1; i < strike && length.compareTo(max) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(max) < 0 ? length : max;
    }

    /** The duration for a number of days as the environment gives it; refuses what the template would. */
    public static Duration parse(String days) {
        long value;
        try {
            value = Long.parseLong(days.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("suppression days must be a whole number: " + days);
        }
        if (value < MIN_DAYS || value > MAX_DAYS) {
            throw new IllegalArgumentException("suppression days must be " + MIN_DAYS + " to " + MAX_DAYS + ": " + value);
        }
        return Duration.ofDays(value);
    }
}
