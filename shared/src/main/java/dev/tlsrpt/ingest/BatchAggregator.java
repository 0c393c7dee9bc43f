package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.tlsrpt.ResultAccumulator;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch of results into one delta per stored counter, in memory, before anything is written:
 * a batch of thousands of results becomes a few writes. Results with the same policy merge (docs/design.md 2.1).
 */
public final class BatchAggregator {
    private BatchAggregator() {
    }

    /** The deltas, in a fixed order (so that a retried batch is written in the same chunks). */
    public static List<CounterDelta> aggregate(List<TlsResult> results) {
        Map<Key, ResultAccumulator> counters = new LinkedHashMap<>();
        for (TlsResult result : results) {
            counters.computeIfAbsent(new Key(result.day(), result.recipientDomain(), result.policy()),
                    k -> new ResultAccumulator()).add(result);
        }
        List<CounterDelta> deltas = new ArrayList<>(counters.size());
        counters.forEach((key, acc) -> deltas.add(new CounterDelta(
                key.day, key.recipient, key.policy, acc.successes(), acc.failures(), acc.triggers(), acc.details())));
        deltas.sort(ORDER);
        return deltas;
    }

    private static final Comparator<CounterDelta> ORDER = Comparator
            .comparing(CounterDelta::day)
            .thenComparing(CounterDelta::recipientDomain)
            .thenComparing(d -> StorageKeys.policyId(d.policy()));

    // Equality written out: the record's generated methods are slow under C1 (docs/design.md 4.1).
    private record Key(LocalDate day, String recipient, Policy policy) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && day.equals(k.day) && recipient.equals(k.recipient) && policy.equals(k.policy);
        }

        @Override
        public int hashCode() {
            return (day.hashCode() * 31 + recipient.hashCode()) * 31 + policy.hashCode();
        }
    }
}
