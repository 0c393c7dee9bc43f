package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.ingest.BatchAggregator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultAccumulatorTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Policy POLICY = new Policy(PolicyType.STS, List.of("version: STSv1"), "example.com", List.of());

    private static FailureDetail detail(long count) {
        return FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).sendingMtaIp("192.0.2.1")
                .receivingMxHostname("mx.example.com").failedSessionCount(count).failureReasonCode("r").build();
    }

    @Test
    void add_shouldMergeDetailsEqualButForTheirCount() {
        ResultAccumulator acc = new ResultAccumulator();
        acc.add(new TlsResult(DAY, "example.com", POLICY, 3, 2, List.of(detail(2)), true));
        acc.add(new TlsResult(DAY, "example.com", POLICY, 1, 5, List.of(detail(5)), false));

        assertThat(acc.successes()).isEqualTo(4);
        assertThat(acc.failures()).isEqualTo(7);
        assertThat(acc.triggers()).isEqualTo(1);
        assertThat(acc.details()).containsExactly(java.util.Map.entry(detail(1).key(), 7L));
    }

    @Test
    void ingestAndReport_shouldAddTheSameWaySaturatingInsteadOfThrowing() {
        List<TlsResult> results = List.of(
                new TlsResult(DAY, "example.com", POLICY, Long.MAX_VALUE - 1, 0, List.of(), false),
                new TlsResult(DAY, "example.com", POLICY, 5, 0, List.of(), false));

        assertThat(BatchAggregator.aggregate(results)).singleElement()
                .satisfies(delta -> assertThat(delta.successCount()).isEqualTo(Long.MAX_VALUE));
        assertThat(PolicyResult.merge(results)).singleElement()
                .satisfies(merged -> assertThat(merged.summary().successCount()).isEqualTo(Long.MAX_VALUE));
    }
}
