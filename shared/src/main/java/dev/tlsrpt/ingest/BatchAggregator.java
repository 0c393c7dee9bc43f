package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch of results into one delta per stored counter, in memory, before anything is written:
 * a batch of thousands of results becomes a few writes. Results with the same policy merge (DESIGN 2.1).
 */
public final class BatchAggregator {
    private BatchAggregator() {
    }

    /** The deltas, in a fixed order (so that a retried batch is written in the same chunks). */
    public static List<CounterDelta> aggregate(List<TlsResult> results) {
        Map<Key, Accumulator> counters = new LinkedHashMap<>();
        for (TlsResult result : results) {
            add(counters, new Key(result.day(), result.recipientDomain(), result.policy()), result);
        }
        List<CounterDelta> deltas = new ArrayList<>(counters.size());
        counters.forEach((key, acc) -> deltas.add(new CounterDelta(
                key.day, key.recipient, key.policy, acc.ok, acc.failed, acc.triggers, acc.details)));
        deltas.sort(ORDER);
        return deltas;
    }

    private static void add(Map<Key, Accumulator> counters, Key key, TlsResult result) {
        Accumulator acc = counters.computeIfAbsent(key, k -> new Accumulator());
        acc.ok = Math.addExact(acc.ok, result.successCount());
        acc.failed = Math.addExact(acc.failed, result.failureCount());
        if (result.trigger()) {
            acc.triggers++;
        }
        for (FailureDetail detail : result.details()) {
            acc.details.merge(detail.key(), detail.failedSessionCount(), Math::addExact);
        }
    }

    private static final Comparator<CounterDelta> ORDER = Comparator
            .comparing(CounterDelta::day)
            .thenComparing(CounterDelta::recipientDomain)
            .thenComparing(d -> StorageKeys.policyId(d.policy()));

    private record Key(LocalDate day, String recipient, Policy policy) {
    }

    private static final class Accumulator {
        long ok;
        long failed;
        long triggers;
        final Map<FailureDetail, Long> details = new HashMap<>();
    }
}
