package dev.tlsrpt.tlsrpt;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one batch adds to one stored counter: the sessions to one recipient domain under one policy on one
 * day. (DANE results count for their MX host's report too; storage indexes those, it does not count twice.)
 *
 * @param details failure details without their counts, mapped to the counts to add
 */
public record CounterDelta(
        LocalDate day,
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
