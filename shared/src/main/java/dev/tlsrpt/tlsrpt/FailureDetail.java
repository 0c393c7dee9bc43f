package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * RFC 8460 section 4.3 "failure-details" entry. Optional fields are {@code null} when unknown and are
 * then left out of the JSON (never {@code null} or {@code ""} on the wire).
 */
@JsonPropertyOrder({"result-type", "sending-mta-ip", "receiving-mx-hostname", "receiving-mx-helo",
        "receiving-ip", "failed-session-count", "additional-information", "failure-reason-code"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FailureDetail(
        @JsonProperty("result-type") ResultType resultType,
        @JsonProperty("sending-mta-ip") String sendingMtaIp,
        @JsonProperty("receiving-mx-hostname") String receivingMxHostname,
        @JsonProperty("receiving-mx-helo") String receivingMxHelo,
        @JsonProperty("receiving-ip") String receivingIp,
        @JsonProperty("failed-session-count") long failedSessionCount,
        @JsonProperty("additional-information") String additionalInformation,
        @JsonProperty("failure-reason-code") String failureReasonCode) {

    public FailureDetail {
        Objects.requireNonNull(resultType, "result-type");
        if (failedSessionCount < 0) {
            throw new IllegalArgumentException("failed-session-count must not be negative");
        }
        sendingMtaIp = emptyToNull(sendingMtaIp);
        receivingMxHostname = emptyToNull(receivingMxHostname);
        receivingMxHostname = hostName(receivingMxHostname);
        receivingMxHelo = emptyToNull(receivingMxHelo);
        receivingIp = emptyToNull(receivingIp);
        additionalInformation = emptyToNull(additionalInformation);
        failureReasonCode = emptyToNull(failureReasonCode);
    }

    /** This detail without its count: details with equal keys merge (DESIGN 2.1). */
    @JsonIgnore
    public FailureDetail key() {
        return failedSessionCount == 0 ? this : withCount(0);
    }

    public FailureDetail withCount(long count) {
        return new FailureDetail(resultType, sendingMtaIp, receivingMxHostname, receivingMxHelo, receivingIp,
                count, additionalInformation, failureReasonCode);
    }

    // RFC 8460 section 4.3: a host name, written as a lower-case A-label. What is not a host name
    // (an address literal some MTAs put here) is kept as it came: it is data, not a lookup key.
    private static String hostName(String name) {
        if (name == null) {
            return null;
        }
        try {
            return DomainNames.toALabel(name);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
