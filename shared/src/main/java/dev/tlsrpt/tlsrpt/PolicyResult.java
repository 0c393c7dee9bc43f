package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a report's "policies" array (RFC 8460 section 4.4): a policy, its summary and its
 * failure details. Written with {@code failure-details} always present as an array.
 */
@JsonPropertyOrder({"policy", "summary", "failure-details"})
public record PolicyResult(
        @JsonProperty("policy") Policy policy,
        @JsonProperty("summary") Summary summary,
        @JsonProperty("failure-details") List<FailureDetail> failureDetails) {

    /** Deterministic order of policies in a report: type, domain, strings, mx-hosts. */
    public static final Comparator<Policy> POLICY_ORDER = Comparator
            .comparing(Policy::type)
            .thenComparing(p -> p.domain() == null ? "" : p.domain())
            .thenComparing(p -> String.join("\n", p.strings()))
            .thenComparing(p -> String.join("\n", p.mxHosts()));

    /** Deterministic order of details: result type, then the other fields (absent first). */
    public static final Comparator<FailureDetail> DETAIL_ORDER = Comparator
            .comparing(FailureDetail::resultType)
            .thenComparing(FailureDetail::sendingMtaIp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FailureDetail::receivingMxHostname, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FailureDetail::receivingMxHelo, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FailureDetail::receivingIp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FailureDetail::additionalInformation, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(FailureDetail::failureReasonCode, Comparator.nullsFirst(Comparator.naturalOrder()));

    public PolicyResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(summary, "summary");
        failureDetails = failureDetails == null ? List.of() : List.copyOf(failureDetails);
    }

    /**
     * Merges results the docs/design.md 2.1 way: equal policies add their counts, failure details equal in
     * every field but the count add their counts. Output order is deterministic.
     */
    public static List<PolicyResult> merge(Collection<TlsResult> results) {
        Map<Policy, ResultAccumulator> byPolicy = new LinkedHashMap<>();
        for (TlsResult result : results) {
            byPolicy.computeIfAbsent(result.policy(), p -> new ResultAccumulator()).add(result);
        }
        List<PolicyResult> merged = new ArrayList<>(byPolicy.size());
        byPolicy.forEach((policy, acc) -> merged.add(toResult(policy, acc)));
        merged.sort(Comparator.comparing(PolicyResult::policy, POLICY_ORDER));
        return List.copyOf(merged);
    }

    private static PolicyResult toResult(Policy policy, ResultAccumulator acc) {
        List<FailureDetail> list = new ArrayList<>(acc.details().size());
        acc.details().forEach((key, count) -> list.add(key.withCount(count)));
        list.sort(DETAIL_ORDER);
        return new PolicyResult(policy, new Summary(acc.successes(), acc.failures()), list);
    }
}
