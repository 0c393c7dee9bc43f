package dev.tlsrpt.store;

import dev.tlsrpt.tlsrpt.CounterDelta;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Where the per-day counters live. */
public interface ResultStore {

    /**
     * Adds a batch's deltas exactly once. A batch is identified by {@code batchId}; applying it again changes
     * nothing, also when an earlier attempt was interrupted after some of its writes.
     *
     * @param bodyHash what the batch held, to refuse a batch id reused for other content
     * @throws StorageUnavailableException when storage cannot be reached; what was written stays consistent
     *                                     and the same call can simply be repeated
     * @throws BatchConflictException      when the batch id was used before for a different body
     */
    ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas);

    /**
     * As {@link #apply(String, String, List)}, each storage call started only within {@code budget}.
     *
     * @throws StorageUnavailableException also when the budget ran out; the same call can be repeated
     */
    default ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas, WriteBudget budget) {
        budget.beforeCall("the batch's write");
        return apply(batchId, bodyHash, deltas);
    }

    /** Whether the reporting run has already taken this day, so results for it would come too late. */
    boolean isDayClosed(LocalDate day);

    /**
     * What {@link #apply} did.
     *
     * @param closedDays days the reporting run closed before this batch's write: its results for them were
     *                   not stored and are late
     */
    record ApplyOutcome(boolean duplicate, int itemsWritten, int detailsFolded, Set<LocalDate> closedDays) {
        public ApplyOutcome(boolean duplicate, int itemsWritten, int detailsFolded) {
            this(duplicate, itemsWritten, detailsFolded, Set.of());
        }
    }
}
