package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * RFC 8460 section 4.3 "failure-details" entry. Optional fields are {@code null} when unknown and are
 * then left out of the JSON (never {@code null} or {@code ""} on the wire). Every text field is valid Unicode
 * ({@link TextRules}; the ingest routes apply the whole text rule); build one with {@link #builder(ResultType)}.
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
        sendingMtaIp = text("sending-mta-ip", sendingMtaIp);
        receivingMxHostname = hostName(text("receiving-mx-hostname", receivingMxHostname));
        receivingMxHelo = text("receiving-mx-helo", receivingMxHelo);
        receivingIp = text("receiving-ip", receivingIp);
        additionalInformation = text("additional-information", additionalInformation);
        failureReasonCode = text("failure-reason-code", failureReasonCode);
    }

    // Written out rather than the record's generated methods, which are slow under the C1 compiler the
    // functions run with (docs/design.md 4.1); the same fields, the same hash.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FailureDetail d && resultType == d.resultType
                && failedSessionCount == d.failedSessionCount && Objects.equals(sendingMtaIp, d.sendingMtaIp)
                && Objects.equals(receivingMxHostname, d.receivingMxHostname)
                && Objects.equals(receivingMxHelo, d.receivingMxHelo) && Objects.equals(receivingIp, d.receivingIp)
                && Objects.equals(additionalInformation, d.additionalInformation)
                && Objects.equals(failureReasonCode, d.failureReasonCode);
    }

    @Override
    public int hashCode() {
        int h = resultType.hashCode();
        h = h * 31 + Objects.hashCode(sendingMtaIp);
        h = h * 31 + Objects.hashCode(receivingMxHostname);
        h = h * 31 + Objects.hashCode(receivingMxHelo);
        h = h * 31 + Objects.hashCode(receivingIp);
        h = h * 31 + Long.hashCode(failedSessionCount);
        h = h * 31 + Objects.hashCode(additionalInformation);
        return h * 31 + Objects.hashCode(failureReasonCode);
    }

    /** A detail of {@code resultType}; every other field is optional and the count starts at 0. */
    public static Builder builder(ResultType resultType) {
        return new Builder(resultType);
    }

    /** Names each optional field, so that a detail never reads as a row of positional {@code null}s. */
    public static final class Builder {
        private final ResultType resultType;
        private String sendingMtaIp;
        private String receivingMxHostname;
        private String receivingMxHelo;
        private String receivingIp;
        private long failedSessionCount;
        private String additionalInformation;
        private String failureReasonCode;

        private Builder(ResultType resultType) {
            this.resultType = resultType;
        }

        public Builder sendingMtaIp(String value) {
            sendingMtaIp = value;
            return this;
        }

        public Builder receivingMxHostname(String value) {
            receivingMxHostname = value;
            return this;
        }

        public Builder receivingMxHelo(String value) {
            receivingMxHelo = value;
            return this;
        }

        public Builder receivingIp(String value) {
            receivingIp = value;
            return this;
        }

        public Builder failedSessionCount(long value) {
            failedSessionCount = value;
            return this;
        }

        public Builder additionalInformation(String value) {
            additionalInformation = value;
            return this;
        }

        public Builder failureReasonCode(String value) {
            failureReasonCode = value;
            return this;
        }

        public FailureDetail build() {
            return new FailureDetail(resultType, sendingMtaIp, receivingMxHostname, receivingMxHelo, receivingIp,
                    failedSessionCount, additionalInformation, failureReasonCode);
        }
    }

    /** This detail without its count: details with equal keys merge (docs/design.md 2.1). */
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

    private static String text(String field, String value) {
        return value == null || value.isEmpty() ? null : TextRules.requireValidUnicode(field, value);
    }
}
