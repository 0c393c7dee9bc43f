package dev.tlsrpt.tlsrpt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds up results that share a policy (docs/design.md 2.1): the one place where counts are merged, for
 * ingest's per-batch deltas and for the report alike. Failure details are "the same" when equal in every
 * field but the count ({@link FailureDetail#key()}); counts add with {@link Counts#add}, saturating
 * instead of overflowing.
 */
public final class ResultAccumulator {
    private long successes;
    private long failures;
    private long triggers;
    private final Map<FailureDetail, Long> details = new LinkedHashMap<>();

    public void add(TlsResult result) {
        successes = Counts.add(successes, result.successCount());
        failures = Counts.add(failures, result.failureCount());
        if (result.trigger()) {
            triggers = Counts.add(triggers, 1);
        }
        for (FailureDetail detail : result.details()) {
            details.merge(detail.key(), detail.failedSessionCount(), Counts::add);
        }
    }

    public long successes() {
        return successes;
    }

    public long failures() {
        return failures;
    }

    /** Results added that may trigger a report. */
    public long triggers() {
        return triggers;
    }

    /** Each distinct failure detail (without its count) and its summed count, in the order first seen. */
    public Map<FailureDetail, Long> details() {
        return Collections.unmodifiableMap(details);
    }
}
