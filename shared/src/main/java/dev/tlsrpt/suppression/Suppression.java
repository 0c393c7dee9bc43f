package dev.tlsrpt.suppression;

import dev.tlsrpt.tlsrpt.ReportingAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One reporting address that must not receive reports (docs/design.md 2.8).
 *
 * @param address the reporting address as compared ({@link ReportingAddress#identity()}): lower case, A-label domain
 * @param until   end of the suppression; null = permanent
 * @param reason  why, for people (may be null)
 * @param source  who added it
 * @param comment free text (may be null)
 * @param created when it was added
 * @param strikes how many SES feedback suppressions in a row this entry stands for (0 for an operator's entry):
 *                each one that follows an ended suppression lasts twice as long (docs/design.md 2.8)
 */
public record Suppression(String address, Instant until, String reason, SuppressionSource source, String comment,
                          Instant created, int strikes) {

    public Suppression(String address, Instant until, String reason, SuppressionSource source, String comment,
                       Instant created) {
        this(address, until, reason, source, comment, created, 0);
    }

    public Suppression {
        address = ReportingAddress.parse(address).identity();
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(created, "created");
        // Whole seconds, as the table stores them: an entry reads back equal to what was written.
        until = until == null ? null : until.truncatedTo(ChronoUnit.SECONDS);
        created = created.truncatedTo(ChronoUnit.SECONDS);
        reason = blankToNull(reason);
        comment = blankToNull(comment);
        if (strikes < 0) {
            throw new IllegalArgumentException("strikes must not be negative: " + strikes);
        }
    }

    /** Whether it suppresses at {@code now}: permanent, or {@code until} still in the future. */
    public boolean isActive(Instant now) {
        return until == null || until.isAfter(now);
    }

    public boolean isPermanent() {
        return until == null;
    }

    public Suppression withUntil(Instant newUntil) {
        return new Suppression(address, newUntil, reason, source, comment, created, strikes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
