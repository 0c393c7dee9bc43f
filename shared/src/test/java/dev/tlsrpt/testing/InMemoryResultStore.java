package dev.tlsrpt.testing;

import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.store.BatchConflictException;
import dev.tlsrpt.store.ResultStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fake for unit tests of request handling: remembers batches and every delta applied. */
public final class InMemoryResultStore implements ResultStore {
    private final Map<String, String> batches = new HashMap<>();
    private final List<CounterDelta> applied = new ArrayList<>();
    private final Set<LocalDate> closedDays = new HashSet<>();

    @Override
    public synchronized ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
        String known = batches.get(batchId);
        if (known != null) {
            if (!known.equals(bodyHash)) {
                throw new BatchConflictException("this Idempotency-Key was used before for a different body");
            }
            return new ApplyOutcome(true, 0, 0);
        }
        batches.put(batchId, bodyHash);
        applied.addAll(deltas);
        return new ApplyOutcome(false, deltas.size(), 0);
    }

    @Override
    public synchronized boolean isDayClosed(LocalDate day) {
        return closedDays.contains(day);
    }

    public synchronized void closeDay(LocalDate day) {
        closedDays.add(day);
    }

    public synchronized List<CounterDelta> applied() {
        return List.copyOf(applied);
    }
}
