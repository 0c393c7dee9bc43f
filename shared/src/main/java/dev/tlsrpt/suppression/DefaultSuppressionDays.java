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
