package dev.tlsrpt.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageKeysTest {
    private static FailureDetail detail(String sendingMtaIp, long count) {
        return FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).sendingMtaIp(sendingMtaIp)
                .receivingMxHostname("mx.example.com").failedSessionCount(count).failureReasonCode("r").build();
    }


    @Test
    void hash_shouldBeTheLeadingHexDigitsOfSha256() {
        assertThat(StorageKeys.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(StorageKeys.hash("abc", 8)).isEqualTo("ba7816bf");
    }

    @Test
    void policyId_shouldNotDependOnTheOrderOfTlsaStrings() {
        Policy one = new Policy(PolicyType.TLSA, List.of("3 1 1 aa", "3 1 1 bb"), "mx.example.com", List.of());
        Policy other = new Policy(PolicyType.TLSA, List.of("3 1 1 bb", "3 1 1 aa"), "mx.example.com", List.of());

        assertThat(StorageKeys.policyId(one)).hasSize(16).isEqualTo(StorageKeys.policyId(other));
    }

    @Test
    void detailId_shouldIgnoreTheCountAndTellOtherDetailsApart() {
        FailureDetail once = detail("192.0.2.1", 1);
        FailureDetail often = detail("192.0.2.1", 90);
        FailureDetail other = detail("192.0.2.2", 1);

        assertThat(StorageKeys.detailId(once)).hasSize(8).matches("[A-Za-z0-9_-]{8}").isEqualTo(StorageKeys.detailId(often));
        assertThat(StorageKeys.detailId(other)).isNotEqualTo(StorageKeys.detailId(once));
    }
}
