package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Momentum 5.1's hook events, from the shared conformance corpus, event by event. */
class MomentumEventsTest {
    private static final String SAMPLE = "ingest-datagrams/momentum-5.1-smtp_tls_reporting-hook-events.json";
    // Received a minute after the later event: the sample's days are then still reportable.
    private static final Instant RECEIVED = Instant.ofEpochSecond(1746712864L + 60);

    private static String sample() {
        return Fixtures.read(Fixtures.conformance().resolve(SAMPLE));
    }

    private static List<TlsResult> parse(String body) throws InvalidBatchException {
        return MomentumEvents.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED).results();
    }

    @Test
    void sampleEvent0_success_shouldCountOneSuccessfulSessionForThePolicyDomain() throws Exception {
        // GIVEN the success event of the sample, on its own
        JsonNode event = Json.MAPPER.readTree(sample()).get(0);

        // WHEN
        List<TlsResult> results = parse(event.toString());

        // THEN
        assertThat(results).hasSize(1);
        TlsResult result = results.get(0);
        assertThat(result.day()).isEqualTo(LocalDate.parse("2025-05-08"));
        assertThat(result.recipientDomain()).isEqualTo("test.bird.com");
        assertThat(result.policy().type()).isEqualTo(PolicyType.STS);
        assertThat(result.policy().domain()).isEqualTo("test.bird.com");
        assertThat(result.policy().strings()).containsExactly("version: STSv1", "mode: enforce", "mx: mx.bird.com",
                "mx: server.ectest.OMNITI.com", "max_age: 604800");
        assertThat(result.successCount()).isEqualTo(1);
        assertThat(result.failureCount()).isZero();
        assertThat(result.details()).isEmpty();
        assertThat(result.trigger()).isTrue();
    }

    @Test
    void sampleEvent1_failure_shouldCountOneFailedSessionWithTheEventsDetail() throws Exception {
        // GIVEN the failure event of the sample, on its own
        JsonNode event = Json.MAPPER.readTree(sample()).get(1);

        // WHEN
        List<TlsResult> results = parse(event.toString());

        // THEN
        assertThat(results).hasSize(1);
        TlsResult result = results.get(0);
        assertThat(result.day()).isEqualTo(LocalDate.parse("2025-05-07"));
        assertThat(result.recipientDomain()).isEqualTo("mismatch.cert.com");
        assertThat(result.policy().domain()).isEqualTo("mismatch.cert.com");
        assertThat(result.successCount()).isZero();
        assertThat(result.failureCount()).isEqualTo(1);
        assertThat(result.details()).hasSize(1);
        FailureDetail detail = result.details().get(0);
        assertThat(detail.resultType()).isEqualTo(ResultType.CERTIFICATE_HOST_MISMATCH);
        assertThat(detail.failureReasonCode()).isEqualTo("4.7.5 [internal] SSL certificate subject does not match host");
        assertThat(detail.sendingMtaIp()).isEqualTo("127.0.0.1");
        assertThat(detail.receivingMxHostname()).isEqualTo("test.bird.com");
        assertThat(detail.receivingIp()).isEqualTo("127.0.0.1");
        assertThat(detail.failedSessionCount()).isEqualTo(1);
    }

    @Test
    void wholeSample_asArrayOrOnePerLine_shouldGiveTheSameResults() throws Exception {
        // GIVEN the sample as Momentum's documentation has it (an array), and the same events one per line
        JsonNode events = Json.MAPPER.readTree(sample());
        String lines = events.get(0) + "\n" + events.get(1) + "\n";

        // WHEN / THEN
        assertThat(parse(sample())).hasSize(2).isEqualTo(parse(lines));
    }

    @Test
    void badEvents_shouldBeNamedByTheirOwnFields() {
        String badType = "{\"epoch\": 1746712864, \"type\": 2, \"policy\": {\"policy-type\": \"sts\","
                + " \"policy-domain\": \"example.com\"}}";
        String badEpoch = "{\"epoch\": \"yesterday\", \"type\": 1, \"policy\": {\"policy-type\": \"sts\","
                + " \"policy-domain\": \"example.com\"}}";
        String badResultType = "{\"epoch\": 1746712864, \"type\": 0, \"policy\": {\"policy-type\": \"sts\","
                + " \"policy-domain\": \"example.com\"}, \"result-type\": \"no-such-type\"}";
        String noDomain = "{\"epoch\": 1746712864, \"type\": 1, \"policy\": {\"policy-type\": \"sts\"}}";

        assertRefused(badType, "events[0].type");
        assertRefused(badEpoch, "events[0].epoch");
        assertRefused("{\"epoch\": 1746712864, \"type\": 1, \"policy\": {\"policy-type\": \"sts\","
                + " \"policy-domain\": \"example.com\"}}\n" + badResultType, "events[1].result-type");
        assertRefused(noDomain, "events[0].policy.policy-domain");
        assertRefused("[{}] garbage", "$");
        assertRefused("", "events");
    }

    private static void assertRefused(String body, String path) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidBatchException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::path).contains(path));
    }
}
