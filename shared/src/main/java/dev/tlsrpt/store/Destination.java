package dev.tlsrpt.store;

import java.time.LocalDate;
import java.util.Objects;

/** Where one day's report goes: a recipient domain or an MX host, in A-labels. */
public record Destination(LocalDate day, DestinationKind kind, String domain) {
    public Destination {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(domain, "domain");
    }
}
