package dev.tlsrpt.store.dynamodb;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Why a chunk's transaction was cancelled, read from its cancellation reasons: one per action, in the order
 * sent, i.e. the marker, then one condition per day, then the counter updates (docs/storage.md, step 4).
 *
 * @param marker         the marker's reason when its condition failed (the marker exists; the reason may
 *                       carry its copy), else null
 * @param closedDays     the days whose condition failed: the reporting run closed them
 * @param withoutReasons whether the cancellation came without reasons, so nothing can be told from it
 */
record ChunkCancellation(CancellationReason marker, Set<LocalDate> closedDays, boolean withoutReasons) {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /** @param days the chunk's days, in the order of their conditions in the transaction */
    static ChunkCancellation of(TransactionCanceledException cancelled, List<LocalDate> days) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        Set<LocalDate> closed = new TreeSet<>();
        for (int i = 0; i < days.size(); i++) {
            if (failedCondition(reasons, 1 + i)) {
                closed.add(days.get(i));
            }
        }
        return new ChunkCancellation(failedCondition(reasons, 0) ? reasons.get(0) : null, closed, reasons.isEmpty());
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int action) {
        return action < reasons.size() && CONDITION_FAILED.equals(reasons.get(action).code());
    }
}
