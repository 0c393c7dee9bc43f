package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The IANA "STARTTLS Validation Result Types" registry (RFC 8460 section 4.3, 6.6). */
public enum ResultType {
    STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
    CERTIFICATE_EXPIRED("certificate-expired"),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
    VALIDATION_FAILURE("validation-failure"),
    TLSA_INVALID("tlsa-invalid"),
    DNSSEC_INVALID("dnssec-invalid"),
    DANE_REQUIRED("dane-required"),
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
    STS_POLICY_INVALID("sts-policy-invalid"),
    STS_WEBPKI_INVALID("sts-webpki-invalid");

    private final String wireName;

    ResultType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, or {@code null} when the registry has none. */
    public static ResultType fromWireNameOrNull(String name) {
        for (ResultType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    @JsonCreator
    public static ResultType fromWireName(String name) {
        ResultType type = fromWireNameOrNull(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown result-type: " + name);
        }
        return type;
    }
}
