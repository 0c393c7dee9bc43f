package dev.tlsrpt.tlsrpt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether one destination's report goes out, and where (docs/design.md 2.2, 2.3): the trigger rule and
 * the failure gate on its results, then its TLSRPT record. The worker acts on it and the preview shows
 * it, so both give the same reasons. The MX-host dedupe comes after it ({@link ReportRules#dedupe}).
 */
public sealed interface ReportDecision {

    String NO_RESULTS = "no results for this destination";
    String NOTHING_TO_REPORT = "nothing to report: no failure, or no result that may trigger a report";
    String SEVERAL_RECORDS = "several TLSRPT records";
    String DEDUPED = "the affected recipient domains' own reports already went to the same URIs";

    /**
     * Build the report and deliver it where the {@link TargetPlan} of these targets says.
     *
     * @param targets the record's URIs, one per {@link ReportUri#normalised()} form (the first as published)
     */
    record Send(TlsrptRecord record, List<ReportUri> targets) implements ReportDecision {
        public Send {
            Objects.requireNonNull(record, "record");
            targets = List.copyOf(targets);
        }
    }

    /** No report, for good: the job is done. */
    record Skip(String reason) implements ReportDecision {
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No decision yet (the record lookup failed for now): try again later. */
    record RetryLater(String reason) implements ReportDecision {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The decision for {@code destination}. {@code lookup} is asked for the destination's record at most
     * once, and only when its results call for a report: a quiet domain costs no DNS query.
     */
    static ReportDecision decide(Destination destination, boolean reportAllSuccess,
                                 Function<String, TlsrptLookupResult> lookup) {
        Optional<Skip> fromResults = fromResults(destination, reportAllSuccess);
        if (fromResults.isPresent()) {
            return fromResults.get();
        }
        return ofRecord(lookup.apply(destination.domain()));
    }

    /** The decision a TLSRPT record lookup makes for a destination whose results call for a report. */
    static ReportDecision ofRecord(TlsrptLookupResult lookup) {
        return switch (lookup) {
            case TlsrptLookupResult.TemporaryFailure t -> new RetryLater("TLSRPT record lookup failed: " + t.reason());
            case TlsrptLookupResult.NoRecord n -> new Skip("no TLSRPT record: " + n.reason());
            // RFC 8460 section 3: with more than one record, none applies.
            case TlsrptLookupResult.SeveralRecords s -> new Skip(SEVERAL_RECORDS);
            case TlsrptLookupResult.Found f -> new Send(f.record(), targets(f.record().rua()));
        };
    }

    /**
     * The decision the results alone make: no report when there are none, or when the trigger rule and the
     * failure gate say so; empty when the record decides. The same on every attempt, since the day is closed.
     */
    static Optional<Skip> fromResults(Destination destination, boolean reportAllSuccess) {
        if (destination.results().isEmpty()) {
            return Optional.of(new Skip(NO_RESULTS));
        }
        if (!destination.shouldReport(reportAllSuccess)) {
            return Optional.of(new Skip(NOTHING_TO_REPORT));
        }
        return Optional.empty();
    }

    /** One target per reporting URI: {@code mailto:A@x} and {@code mailto:a@x} are one ({@link ReportingAddress}). */
    static List<ReportUri> targets(List<ReportUri> rua) {
        Map<String, ReportUri> targets = new LinkedHashMap<>();
        rua.forEach(uri -> targets.putIfAbsent(uri.normalised(), uri));
        return List.copyOf(targets.values());
    }
}
