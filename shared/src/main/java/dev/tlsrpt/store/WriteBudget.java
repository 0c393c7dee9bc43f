package dev.tlsrpt.store;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time one request may spend on storage (docs/design.md 3). Each storage call is bounded on its own; the
 * budget bounds their sum: a call starts only while its worst case still ends inside the budget, so a slow
 * store ends the request as "unavailable, retry" well before the API's own timeout. What was written before
 * stays consistent: a retry of the batch applies only what is missing.
 */
public final class WriteBudget {
    /** No bound beyond each call's own (local tools, the planner). */
    public static final WriteBudget UNBOUNDED = new WriteBudget(Long.MAX_VALUE, 0, () -> 0L);

    private final long deadlineNanos;
    private final long worstCallNanos;
    private final LongSupplier nanoTicker;

    private WriteBudget(long deadlineNanos, long worstCallNanos, LongSupplier nanoTicker) {
        this.deadlineNanos = deadlineNanos;
        this.worstCallNanos = worstCallNanos;
        this.nanoTicker = nanoTicker;
    }

    /** A budget of {@code total} from now, for calls that take at most {@code worstCall} each. */
    public static WriteBudget startingNow(Duration total, Duration worstCall) {
        return of(total, worstCall, System::nanoTime);
    }

    /** As {@link #startingNow}, on the given clock of nanoseconds (tests). */
    public static WriteBudget of(Duration total, Duration worstCall, LongSupplier nanoTicker) {
        if (worstCall.compareTo(total) > 0) {
            throw new IllegalArgumentException("one call (" + worstCall + ") does not fit in the budget (" + total + ")");
        }
        return new WriteBudget(nanoTicker.getAsLong() + total.toNanos(), worstCall.toNanos(), nanoTicker);
    }

    /**
     * Called before each storage call of the request.
     *
     * @throws StorageUnavailableException when the call might not end within the budget
     */
    public void beforeCall(String what) {
        if (this == UNBOUNDED) {
            return;
        }
        if (deadlineNanos - nanoTicker.getAsLong() < worstCallNanos) {
            throw new StorageUnavailableException("storage too slow: the request's time ran out before " + what, null);
        }
    }
}
