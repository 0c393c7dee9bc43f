package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** RFC 8460 section 4.4 "summary": session counts of one policy, JSON integers >= 0. */
@JsonPropertyOrder({"total-successful-session-count", "total-failure-session-count"})
public record Summary(
        @JsonProperty("total-successful-session-count") long successCount,
        @JsonProperty("total-failure-session-count") long failureCount) {

    public Summary {
        if (successCount < 0 || failureCount < 0) {
            throw new IllegalArgumentException("session counts must not be negative");
        }
    }

    public Summary plus(long successes, long failures) {
        return new Summary(Counts.add(successCount, successes), Counts.add(failureCount, failures));
    }
}
