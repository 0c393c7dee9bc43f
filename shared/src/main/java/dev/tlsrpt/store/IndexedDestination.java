package dev.tlsrpt.store;

import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.util.Objects;

/**
 * One destination of a day's index, with what the index tells of its results without reading them: whether
 * any may trigger a report and whether any failed. Known for a recipient domain, whose counters are the index's
 * items; not for an MX host, whose items only point to other counters.
 */
public record IndexedDestination(DestinationKey key, boolean known, boolean anyTrigger, boolean anyFailure) {

    public IndexedDestination {
        Objects.requireNonNull(key, "key");
        if (known && key.kind() != DestinationKind.RECIPIENT_DOMAIN) {
            throw new IllegalArgumentException("only a recipient domain's results are known from the index");
        }
    }

    /** A destination whose results the index does not describe. */
    public static IndexedDestination unknown(DestinationKey key) {
        return new IndexedDestination(key, false, false, false);
    }

    /**
     * True when the index alone shows that the destination's results call for no report (docs/design.md 2.2): the
     * closed day cannot change that, so the planner records it without a job (docs/design.md 2.7).
     */
    public boolean needsNoReport(boolean reportAllSuccess) {
        return known && !Destination.callsForReport(anyTrigger, anyFailure, reportAllSuccess);
    }
}
