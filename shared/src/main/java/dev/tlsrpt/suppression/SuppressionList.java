package dev.tlsrpt.suppression;

import dev.tlsrpt.tlsrpt.ReportingAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The reporting addresses that must not receive reports (docs/design.md 2.8). Every method keys the
 * addresses it is given by {@link ReportingAddress#identity()}, so lookups match however an address was
 * typed or published: {@code tls@example.com} suppressed stops {@code mailto:TLS@Example.com}.
 */
public interface SuppressionList {

    /**
     * Adds {@code entry}. An expired entry for the same address is replaced; an active one is not:
     * {@link AlreadySuppressedException} carries it, so that callers can extend it instead.
     */
    void add(Suppression entry, Instant now) throws AlreadySuppressedException;

    /** Stores {@code entry}, replacing any entry for its address, active or not. */
    void upsert(Suppression entry);

    /**
     * Sets a new end ({@code until}; null = permanent) on the entry for {@code address}, expired or not,
     * and returns the updated entry; {@link NotSuppressedException} when there is none.
     */
    Suppression extend(String address, Instant until) throws NotSuppressedException;

    /** Removes the entry for {@code address}; false when there was none. */
    boolean remove(String address);

    /** The entry for {@code address}, active or expired (until the table's TTL deletes it). */
    Optional<Suppression> find(String address);

    /** Every entry, active and expired, ordered by address. */
    List<Suppression> list();

    /** Whether {@code address} must not receive reports at {@code now}. */
    default boolean isSuppressed(String address, Instant now) {
        return find(address).map(entry -> entry.isActive(now)).orElse(false);
    }

    /**
     * The {@code recipients} that may receive reports at {@code now}, in their order and as given.
     * Suppression is per address: the others still get the report. An address that cannot be
     * normalised cannot be on the list and is passed on (delivery decides what becomes of it).
     */
    default List<String> filter(Collection<String> recipients, Instant now) {
        List<String> allowed = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            if (!ReportingAddress.isValid(recipient) || !isSuppressed(recipient, now)) {
                allowed.add(recipient);
            }
        }
        return allowed;
    }
}
