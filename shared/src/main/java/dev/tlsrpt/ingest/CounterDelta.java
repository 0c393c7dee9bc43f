package dev.tlsrpt.ingest;

import dev.tlsrpt.store.Destination;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import java.util.Map;

/**
 * What one batch adds to one stored counter: the sessions under one policy, for one recipient domain,
 * at one destination and day. For a recipient-domain destination the recipient domain is the destination.
 *
 * @param details failure details without their counts, mapped to the counts to add
 */
public record CounterDelta(
        Destination destination,
        String recipientDomain,
        Policy policy,
        long successCount,
        long failureCount,
        long triggerCount,
        Map<FailureDetail, Long> details) {

    public CounterDelta {
        details = Map.copyOf(details);
    }
}
