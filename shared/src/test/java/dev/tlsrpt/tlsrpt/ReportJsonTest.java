package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static JsonNode tree(Object value) throws Exception {
        return Json.MAPPER.readTree(Json.toBytes(value));
    }

    @Test
    void policy_shouldWriteMxHostAsArrayAndOmitEmptyFields() throws Exception {
        // GIVEN an sts policy with one mx pattern and a no-policy-found policy without strings
        Policy sts = new Policy(PolicyType.STS, List.of("version: STSv1"), "example.com", List.of("*.mail.example.com"));
        Policy none = Policy.noPolicyFound("example.org");

        // WHEN written
        JsonNode stsJson = tree(sts);
        JsonNode noneJson = tree(none);

        // THEN mx-host is an array, and absent fields are absent (not null, not "")
        assertThat(stsJson.get("mx-host").isArray()).isTrue();
        assertThat(stsJson.get("mx-host").get(0).asText()).isEqualTo("*.mail.example.com");
        assertThat(noneJson.has("policy-string")).isFalse();
        assertThat(noneJson.has("mx-host")).isFalse();
        assertThat(noneJson.get("policy-domain").asText()).isEqualTo("example.org");
        assertThat(new String(Json.toBytes(none), StandardCharsets.UTF_8)).doesNotContain("null").doesNotContain("\"\"");
    }

    @Test
    void policy_shouldReadSingleStringMxHostAsArray() {
        // GIVEN the RFC 8460 section 4.5 example's quirk: mx-host as a string
        String json = "{\"policy-type\":\"sts\",\"policy-domain\":\"company-y.example\",\"mx-host\":\"*.mail.company-y.example\"}";

        // WHEN parsed
        Policy policy = Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), Policy.class);

        // THEN it is a one-element list
        assertThat(policy.mxHosts()).containsExactly("*.mail.company-y.example");
    }

    @Test
    void policy_shouldTurnULabelsIntoALabels() {
        // GIVEN U-labels in policy-domain and mx-host
        Policy policy = new Policy(PolicyType.STS, null, "Bücher.Example", List.of("*.MX.bücher.example"));

        // THEN they are lower-case A-labels, the wildcard kept
        assertThat(policy.domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(policy.mxHosts()).containsExactly("*.mx.xn--bcher-kva.example");
    }

    @Test
    void policy_shouldSortTlsaStringsOnly() {
        // GIVEN TLSA records in another order than sorted, and sts lines in policy order
        Policy tlsa = new Policy(PolicyType.TLSA, List.of("3 1 1 BB", "2 1 1 AA"), "mx.example.net", null);
        Policy sts = new Policy(PolicyType.STS, List.of("version: STSv1", "mode: enforce"), "example.com", null);

        // THEN TLSA strings are sorted (so that the same records merge), MTA-STS lines keep their order
        assertThat(tlsa.strings()).containsExactly("2 1 1 AA", "3 1 1 BB");
        assertThat(sts.strings()).containsExactly("version: STSv1", "mode: enforce");
        assertThat(tlsa).isEqualTo(new Policy(PolicyType.TLSA, List.of("2 1 1 AA", "3 1 1 BB"), "mx.example.net", List.of()));
    }

    @Test
    void failureDetail_shouldOmitUnknownFieldsButKeepZeroCount() throws Exception {
        // GIVEN a detail with only result-type and an empty (unknown) field
        FailureDetail detail = FailureDetail.builder(ResultType.STARTTLS_NOT_SUPPORTED).sendingMtaIp("").additionalInformation("").build();

        // WHEN written
        JsonNode json = tree(detail);

        // THEN only result-type and the count are present; the count is an integer
        assertThat(json.fieldNames()).toIterable().containsExactly("result-type", "failed-session-count");
        assertThat(json.get("failed-session-count").isIntegralNumber()).isTrue();
        assertThat(json.get("result-type").asText()).isEqualTo("starttls-not-supported");
    }

    @Test
    void failureDetail_shouldRejectNegativeCountAndUnknownResultType() {
        assertThatThrownBy(() -> FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).failedSessionCount(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.fromBytes("{\"result-type\":\"bogus\",\"failed-session-count\":1}"
                .getBytes(StandardCharsets.UTF_8), FailureDetail.class))
                .hasMessageContaining("unknown result-type");
    }

    @Test
    void tlsResult_shouldRequirePolicyDomain() {
        // GIVEN a policy without policy-domain (only parsed peer reports may have one)
        Policy withoutDomain = new Policy(PolicyType.NO_POLICY_FOUND, null, null, null);

        // THEN no result can be made from it: we never produce a report without policy-domain
        assertThatThrownBy(() -> new TlsResult(LocalDate.of(2026, 11, 28), "example.com", withoutDomain, 1, 0, null, true))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("policy-domain");
    }

    @Test
    void report_shouldWriteRfcFieldsInOrderAndGzip() throws Exception {
        // GIVEN a report
        Report report = new Report("Example Sender Org", DateRange.ofDay(LocalDate.of(2026, 11, 28)),
                "tlsrpt@sender.example", "20261128.rcpt.example.com@sender.example",
                List.of(new PolicyResult(Policy.noPolicyFound("example.com"), new Summary(3, 0), List.of())));

        // WHEN written as JSON and as gzip
        JsonNode json = Json.MAPPER.readTree(report.toJson());
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(report.toGzip())).readAllBytes();

        // THEN the RFC 8460 section 4.4 fields are there, dates are the day's UTC bounds, gzip holds the JSON
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("organization-name", "date-range", "contact-info", "report-id", "policies");
        assertThat(json.at("/date-range/start-datetime").asText()).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(json.at("/date-range/end-datetime").asText()).isEqualTo("2026-11-28T23:59:59Z");
        assertThat(json.at("/policies/0/failure-details").isArray()).isTrue();
        assertThat(json.at("/policies/0/summary/total-successful-session-count").asLong()).isEqualTo(3);
        assertThat(unzipped).isEqualTo(report.toJson());
    }

    @Test
    void summary_shouldRejectNegativeCountsAndSaturateOnOverflow() {
        assertThatThrownBy(() -> new Summary(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Summary(Long.MAX_VALUE - 1, 0).plus(5, 0).successCount()).isEqualTo(Long.MAX_VALUE);
    }
}
