package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import org.junit.jupiter.api.Test;

class LibtlsrptCodesTest {
    @Test
    void policyTypeCode_shouldInvertPolicyType() {
        for (PolicyType type : PolicyType.values()) {
            assertThat(LibtlsrptCodes.policyType(LibtlsrptCodes.policyTypeCode(type))).isEqualTo(type);
        }
        assertThat(LibtlsrptCodes.policyTypeCode(PolicyType.STS)).isEqualTo(2);
    }

    @Test
    void resultTypeCode_shouldInvertResultType() {
        for (ResultType type : ResultType.values()) {
            assertThat(LibtlsrptCodes.resultType(LibtlsrptCodes.resultTypeCode(type))).isEqualTo(type);
        }
        assertThat(LibtlsrptCodes.resultTypeCode(ResultType.CERTIFICATE_EXPIRED)).isEqualTo(204);
    }
}
