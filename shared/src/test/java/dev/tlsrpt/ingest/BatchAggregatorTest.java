package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.CounterDelta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAggregatorTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Policy STS = new Policy(PolicyType.STS, List.of("version: STSv1"), "example.com", List.of("mx.example.com"));
    private static final FailureDetail EXPIRED = FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).sendingMtaIp("192.0.2.1")
            .receivingMxHostname("mx.example.com").receivingIp("198.51.100.1").failedSessionCount(1).build();

    @Test
    void aggregate_shouldMergeEqualPoliciesAndDetails() {
        // GIVEN three results under the same policy, two with the same failure detail
        List<TlsResult> results = List.of(
                new TlsResult(DAY, "example.com", STS, 5, 1, List.of(EXPIRED), true),
                new TlsResult(DAY, "example.com", STS, 2, 1, List.of(EXPIRED.withCount(2)), false),
                new TlsResult(DAY, "example.com", STS, 1, 0, List.of(), false));

        // WHEN aggregated
        List<CounterDelta> deltas = BatchAggregator.aggregate(results);

        // THEN one counter holds the sums, and the detail's count is the sum of its counts
        assertThat(deltas).singleElement().satisfies(delta -> {
            assertThat(delta.recipientDomain()).isEqualTo("example.com");
            assertThat(delta.successCount()).isEqualTo(8);
            assertThat(delta.failureCount()).isEqualTo(2);
            assertThat(delta.triggerCount()).isEqualTo(1);
            assertThat(delta.details()).containsExactly(java.util.Map.entry(EXPIRED.key(), 3L));
        });
    }

    @Test
    void aggregate_shouldKeepDifferentDaysAndPoliciesApart() {
        Policy none = Policy.noPolicyFound("example.com");
        List<CounterDelta> deltas = BatchAggregator.aggregate(List.of(
                new TlsResult(DAY, "example.com", STS, 1, 0, List.of(), true),
                new TlsResult(DAY.plusDays(1), "example.com", STS, 1, 0, List.of(), true),
                new TlsResult(DAY, "example.com", none, 1, 0, List.of(), true)));
        assertThat(deltas).hasSize(3);
    }

    @Test
    void aggregate_shouldOrderDeltasTheSameWayWhateverTheInputOrder() {
        List<TlsResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(new TlsResult(DAY, "d" + i + ".example", Policy.noPolicyFound("d" + i + ".example"), 1, 0, List.of(), true));
        }
        List<CounterDelta> forward = BatchAggregator.aggregate(results);
        java.util.Collections.reverse(results);
        assertThat(BatchAggregator.aggregate(results)).isEqualTo(forward);
    }
}
