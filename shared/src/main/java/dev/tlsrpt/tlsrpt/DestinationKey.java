package dev.tlsrpt.tlsrpt;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Names one day's report destination without its data: what the day's index lists, what the report
 * queue carries, and what the ledger is keyed by.
 *
 * @param domain the recipient domain or MX host, in A-labels
 */
public record DestinationKey(LocalDate day, DestinationKind kind, String domain) {
    public DestinationKey {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(domain, "domain");
    }

    /** The destination with its results. */
    public Destination with(List<TlsResult> results) {
        return new Destination(day, kind, domain, results);
    }
}
