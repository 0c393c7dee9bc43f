package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import java.util.stream.IntStream;

/**
 * The numeric codes of libtlsrpt's datagrams (its {@code tlsrpt.h}: {@code tlsrpt_policy_type_t} and
 * {@code tlsrpt_failure_t}) and their RFC 8460 names.
 */
public final class LibtlsrptCodes {
    /** libtlsrpt's codes are three digits at most. */
    private static final int CODES = 1000;

    private LibtlsrptCodes() {
    }

    /** The libtlsrpt {@code policy-type} number of {@code type}: the inverse of {@link #policyType}, for writers. */
    public static int policyTypeCode(PolicyType type) {
        return IntStream.range(0, CODES).filter(code -> policyType(code) == type).findFirst().orElseThrow();
    }

    /** The libtlsrpt failure code {@code c} of {@code type}: the inverse of {@link #resultType}, for writers. */
    public static int resultTypeCode(ResultType type) {
        return IntStream.range(0, CODES).filter(code -> resultType(code) == type).findFirst().orElseThrow();
    }

    /** The policy type for a libtlsrpt {@code policy-type} number, or {@code null} when libtlsrpt has none. */
    static PolicyType policyType(int code) {
        return switch (code) {
            case 1 -> PolicyType.TLSA;
            case 2 -> PolicyType.STS;
            case 9 -> PolicyType.NO_POLICY_FOUND;
            default -> null;
        };
    }

    /**
     * The IANA result type for a libtlsrpt failure code {@code c}, or {@code null}. libtlsrpt's internal
     * code 901 ("unfinished policy") names a bug in the MTA, not a TLS outcome, and has no IANA name.
     */
    static ResultType resultType(int code) {
        return switch (code) {
            case 201 -> ResultType.STARTTLS_NOT_SUPPORTED;
            case 202 -> ResultType.CERTIFICATE_HOST_MISMATCH;
            case 203 -> ResultType.CERTIFICATE_NOT_TRUSTED;
            case 204 -> ResultType.CERTIFICATE_EXPIRED;
            case 205 -> ResultType.VALIDATION_FAILURE;
            case 301 -> ResultType.STS_POLICY_FETCH_ERROR;
            case 302 -> ResultType.STS_POLICY_INVALID;
            case 303 -> ResultType.STS_WEBPKI_INVALID;
            case 304 -> ResultType.TLSA_INVALID;
            case 305 -> ResultType.DNSSEC_INVALID;
            case 306 -> ResultType.DANE_REQUIRED;
            default -> null;
        };
    }
}
