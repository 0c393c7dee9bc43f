package dev.tlsrpt.tlsrpt;

import static dev.tlsrpt.testing.TlsrptFixtures.STS_EXAMPLE_COM;
import static dev.tlsrpt.testing.TlsrptFixtures.detail;
import static dev.tlsrpt.testing.TlsrptFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PolicyResultMergeTest {

    @Test
    void merge_shouldAddCountsOfEqualPoliciesAndEqualDetails() {
        // GIVEN two results under the same policy, with one detail equal in all fields but the count
        TlsResult first = result("example.com", STS_EXAMPLE_COM, 10, 2, detail(ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", 2));
        TlsResult second = result("example.com", STS_EXAMPLE_COM, 5, 4,
                detail(ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", 3),
                detail(ResultType.CERTIFICATE_EXPIRED, "mx2.example.net", 1));

        // WHEN merged
        List<PolicyResult> merged = PolicyResult.merge(List.of(first, second));

        // THEN one policy with summed counts; details merged per key
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).summary()).isEqualTo(new Summary(15, 6));
        assertThat(merged.get(0).failureDetails()).containsExactly(
                detail(ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", 5),
                detail(ResultType.CERTIFICATE_EXPIRED, "mx2.example.net", 1));
    }

    @Test
    void merge_shouldTreatTlsaRecordsInAnyOrderAsOnePolicy() {
        // GIVEN the same TLSA records listed in two orders
        Policy ab = new Policy(PolicyType.TLSA, List.of("3 1 1 AA", "3 1 1 BB"), "mx.example.net", null);
        Policy ba = new Policy(PolicyType.TLSA, List.of("3 1 1 BB", "3 1 1 AA"), "mx.example.net", null);

        // WHEN merged THEN one policy
        List<PolicyResult> merged = PolicyResult.merge(List.of(result("example.com", ab, 1, 0), result("example.com", ba, 2, 0)));
        assertThat(merged).singleElement().satisfies(r -> assertThat(r.summary().successCount()).isEqualTo(3));
    }

    @Test
    void merge_shouldKeepPoliciesApartWhenAnyFieldDiffers() {
        // GIVEN policies differing only in mx-host, and only in domain
        Policy other = new Policy(PolicyType.STS, STS_EXAMPLE_COM.strings(), "example.com", List.of("mx9.example.net"));
        Policy otherDomain = new Policy(PolicyType.STS, STS_EXAMPLE_COM.strings(), "example.org", STS_EXAMPLE_COM.mxHosts());

        // WHEN merged THEN three policies, in a stable order
        List<PolicyResult> merged = PolicyResult.merge(List.of(
                result("example.com", STS_EXAMPLE_COM, 1, 0), result("example.com", other, 1, 0),
                result("example.org", otherDomain, 1, 0)));
        assertThat(merged).extracting(r -> r.policy().domain() + " " + r.policy().mxHosts())
                .containsExactly("example.com [mx1.example.net]", "example.com [mx9.example.net]",
                        "example.org [mx1.example.net]");
    }

    @Test
    void merge_shouldKeepDetailsWhenFailureCountIsZero() {
        // GIVEN an opportunistic delivery without STARTTLS: a detail, but no failed session
        TlsResult result = result("example.com", Policy.noPolicyFound("example.com"), 1, 0,
                detail(ResultType.STARTTLS_NOT_SUPPORTED, "mx1.example.net", 1));

        // THEN the detail is kept and the failure count stays 0
        PolicyResult merged = PolicyResult.merge(List.of(result)).get(0);
        assertThat(merged.summary().failureCount()).isZero();
        assertThat(merged.failureDetails()).hasSize(1);
    }

    @Property(tries = 200)
    void merge_shouldNotDependOnOrderAndShouldConserveCounts(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1000) Integer> counts) {
        // GIVEN results spread over two policies and two detail keys
        List<TlsResult> results = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            int n = counts.get(i);
            total += n;
            Policy policy = i % 2 == 0 ? STS_EXAMPLE_COM : Policy.noPolicyFound("example.com");
            results.add(result("example.com", policy, n, n,
                    detail(i % 3 == 0 ? ResultType.VALIDATION_FAILURE : ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", n)));
        }
        List<TlsResult> shuffled = new ArrayList<>(results);
        Collections.reverse(shuffled);

        // WHEN merged in two orders
        List<PolicyResult> merged = PolicyResult.merge(results);

        // THEN the same outcome, and every session counted once
        assertThat(PolicyResult.merge(shuffled)).isEqualTo(merged);
        assertThat(merged.stream().mapToLong(r -> r.summary().successCount()).sum()).isEqualTo(total);
        assertThat(merged.stream().flatMap(r -> r.failureDetails().stream()).mapToLong(FailureDetail::failedSessionCount).sum())
                .isEqualTo(total);
    }
}
