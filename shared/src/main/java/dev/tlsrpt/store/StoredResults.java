package dev.tlsrpt.store;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.List;

/** The reading side of the counters: what the reporting run needs of one day. */
public interface StoredResults {

    /** Every destination that had results on {@code day}, found through the day's index (no table scan). */
    List<DestinationKey> destinations(LocalDate day);

    /**
     * {@link #destinations} with what the index tells of each one's results; a store whose index tells nothing
     * gives every destination as {@link IndexedDestination#unknown}.
     */
    default List<IndexedDestination> index(LocalDate day) {
        return destinations(day).stream().map(IndexedDestination::unknown).toList();
    }

    /**
     * The counters of one destination as results (one per recipient domain and policy), with the trigger
     * flag set when any result behind the counter had it.
     */
    List<TlsResult> results(DestinationKey destination);
}
