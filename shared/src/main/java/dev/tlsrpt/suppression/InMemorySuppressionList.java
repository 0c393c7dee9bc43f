package dev.tlsrpt.suppression;

import dev.tlsrpt.tlsrpt.ReportingAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A suppression list in memory: for unit tests and local runs. Thread-safe. */
public final class InMemorySuppressionList implements SuppressionList {
    private final Map<String, Suppression> entries = new TreeMap<>();

    @Override
    public synchronized void add(Suppression entry, Instant now) throws AlreadySuppressedException {
        Suppression existing = entries.get(entry.address());
        if (existing != null && existing.isActive(now)) {
            throw new AlreadySuppressedException(existing);
        }
        entries.put(entry.address(), entry);
    }

    @Override
    public synchronized void upsert(Suppression entry) {
        entries.put(entry.address(), entry);
    }

    @Override
    public synchronized Suppression extend(String address, Instant until) throws NotSuppressedException {
        String key = ReportingAddress.parse(address).identity();
        Suppression existing = entries.get(key);
        if (existing == null) {
            throw new NotSuppressedException(key);
        }
        Suppression extended = existing.withUntil(until);
        entries.put(key, extended);
        return extended;
    }

    @Override
    public synchronized boolean remove(String address) {
        return entries.remove(ReportingAddress.parse(address).identity()) != null;
    }

    @Override
    public synchronized Optional<Suppression> find(String address) {
        return Optional.ofNullable(entries.get(ReportingAddress.parse(address).identity()));
    }

    @Override
    public synchronized List<Suppression> list() {
        return new ArrayList<>(entries.values());
    }
}
