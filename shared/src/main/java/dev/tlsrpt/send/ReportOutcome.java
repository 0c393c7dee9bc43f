package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One thing the daily run did for one destination, as operators see it (EventBridge events, metrics,
 * `tlsrpt status`).
 *
 * @param target the mailto address or https URI, or {@code null} for a destination-level outcome
 * @param reason why it was skipped or failed, or {@code null} when sent
 * @param cap    the cap that kept the report from this target (docs/design.md 2.10), or {@code null}
 */
public record ReportOutcome(LocalDate day, DestinationKind kind, String domain, Channel channel, String target,
                            Status status, String reason, SendCaps.Cap cap) {

    public ReportOutcome(LocalDate day, DestinationKind kind, String domain, Channel channel, String target,
                         Status status, String reason) {
        this(day, kind, domain, channel, target, status, reason, null);
    }

    public ReportOutcome {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }

    public enum Channel { EMAIL, HTTPS, NONE }

    public enum Status {
        /** Delivered to this target. */
        SENT,
        /** Not sent, by design: no failures, no TLSRPT record, several records, suppressed address, ... */
        SKIPPED,
        /** Not sent, and will not be: a permanent failure, or the retry window ran out. */
        FAILED,
        /** Not sent yet: a transient failure, to be retried. */
        RETRYING
    }
}
