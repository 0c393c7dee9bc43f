package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.IngestApi;
import static dev.tlsrpt.function.ingest.IngestFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestLimits;
import dev.tlsrpt.ingest.IngestMetrics;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.tlsrpt.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler on the events/ fixtures ({@link IngestFixture}). */
class IngestHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    final IngestFixture ingest = new IngestFixture(CLOCK, "mta1.example.net");

    @Test
    void handleRequest_shouldAcceptTheSampleBatch() throws Exception {
        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted").intValue()).isEqualTo(9);
        assertThat(body(response).get("duplicate").booleanValue()).isFalse();
        assertThat(ingest.store().applied()).hasSize(9);
        assertThat(ingest.store().applied()).anySatisfy(d -> assertThat(d.recipientDomain()).isEqualTo("xn--bcher-kva.example"));
    }

    @Test
    void handleRequest_shouldAnswerTheSameBatchAgainAsADuplicate() throws Exception {
        ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);

        APIGatewayV2HTTPResponse again = ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(body(again).get("duplicate").booleanValue()).isTrue();
        assertThat(ingest.store().applied()).hasSize(9);
    }

    @Test
    void handleRequest_shouldTellBatchesWithoutKeyApartByBody() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        event.setHeaders(headers);

        assertThat(ingest.handler().handleRequest(event, null).getStatusCode()).isEqualTo(202);
        assertThat(ingest.handler().handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void handleRequest_shouldRefuseAnIdempotencyKeyReusedForAnotherBody() throws Exception {
        ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);
        APIGatewayV2HTTPEvent other = ingest.event("ingest-results.json");
        other.setBody(other.getBody().replace("\"successful-sessions\": 120", "\"successful-sessions\": 121"));

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(other, null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("details").get(0).get("path").textValue()).isEqualTo("header Idempotency-Key");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ingest-invalid-policy-type.json, 400, results[1].policy.policy-type",
            "ingest-invalid-result-type.json, 400, results[0].failure-details[0].result-type",
            "ingest-invalid-count.json, 400, results[2].failed-sessions",
            "ingest-invalid-json.json, 400, $",
            "ingest-wrong-content-type.json, 415, ",
            "ingest-no-token.json, 401, ",
    })
    void handleRequest_shouldRefuseBadRequestsNamingTheField(String fixture, int status, String path) throws Exception {
        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(ingest.event(fixture), null);

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(body(response).get("error").textValue()).isNotBlank();
        if (path != null) {
            assertThat(body(response).get("details").get(0).get("path").textValue()).isEqualTo(path);
        }
        assertThat(ingest.store().applied()).isEmpty();
    }

    @Test
    void handleRequest_shouldRefuseUnknownAndRevokedTokens() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", "Bearer " + ApiToken.generate().value());
        event.setHeaders(headers);
        assertThat(ingest.handler().handleRequest(event, null).getStatusCode()).isEqualTo(401);

        ingest.tokens().revoke(ingest.token().id());
        APIGatewayV2HTTPResponse revoked = ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);
        assertThat(revoked.getStatusCode()).isEqualTo(401);
        assertThat(revoked.getHeaders()).containsEntry("www-authenticate", "Bearer");
        assertThat(ingest.store().applied()).isEmpty();
    }

    @Test
    void handleRequest_shouldRefuseBodiesOverTheLimit() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        event.setBody("{\"results\":[" + " ".repeat(IngestLimits.MAX_BODY_BYTES) + "]}");

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    /** A body of {@code domains} results, each its own recipient domain: as many distinct counters. */
    private static String distinctCounters(int domains) {
        StringBuilder body = new StringBuilder("{\"results\":[");
        for (int i = 0; i < domains; i++) {
            body.append(i == 0 ? "" : ",").append("{\"time\":\"2026-11-29T09:00:00Z\",\"recipient-domain\":\"r")
                    .append(i).append(".example\",\"policy\":{\"policy-type\":\"no-policy-found\",\"policy-domain\":\"r")
                    .append(i).append(".example\"},\"successful-sessions\":1}");
        }
        return body.append("]}").toString();
    }

    @Test
    void handleRequest_shouldStoreABatchOfAsManyCountersAsTheLimit() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        event.setBody(distinctCounters(IngestLimits.MAX_COUNTERS));

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(ingest.store().applied()).hasSize(IngestLimits.MAX_COUNTERS);
    }

    @Test
    void handleRequest_shouldRefuseABatchOfMoreCountersThanTheLimitForGoodAndWriteNothing() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        event.setBody(distinctCounters(IngestLimits.MAX_COUNTERS + 1));

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).at("/details/0/path").asText()).isEqualTo("results");
        assertThat(body(response).at("/details/0/message").asText())
                .contains((IngestLimits.MAX_COUNTERS + 1) + " distinct counters", "split the batch");
        assertThat(ingest.store().applied()).isEmpty();
    }

    @Test
    void handleRequest_shouldAnswerRetryLaterAndWriteNothingWhenTheStorageBudgetIsSpent() throws Exception {
        long[] nanos = {0};
        // Every look at the clock costs 3 s: the day lookup fits in the 5 s budget, the write no longer does.
        IngestHandler slow = new IngestHandler(new IngestApi(ingest.tokens(), ingest.store(), CLOCK, IngestMetrics.discarding(),
                () -> WriteBudget.of(Duration.ofSeconds(5), Duration.ofSeconds(2), () -> nanos[0] += 3_000_000_000L)));

        APIGatewayV2HTTPResponse response = slow.handleRequest(ingest.event("ingest-results.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("retry-after", IngestApi.RETRY_AFTER_SECONDS);
        assertThat(ingest.store().applied()).isEmpty();
        assertThat(ingest.handler().handleRequest(ingest.event("ingest-results.json"), null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void handleRequest_shouldReadBase64Bodies() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(ingest.handler().handleRequest(event, null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void handleRequest_shouldCountResultsForAReportedDayAsLate() throws Exception {
        ingest.store().closeDay(LocalDate.parse("2026-11-28"));

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("late").intValue()).isEqualTo(9);
        assertThat(body(response).get("accepted").intValue()).isZero();
        assertThat(ingest.store().applied()).isEmpty();
    }

    @Test
    void handleRequest_shouldAnswerUnknownPathsAndMethods() throws Exception {
        APIGatewayV2HTTPEvent event = ingest.event("ingest-results.json");
        event.getRequestContext().getHttp().setPath("/v1/other");
        assertThat(ingest.handler().handleRequest(event, null).getStatusCode()).isEqualTo(404);

        APIGatewayV2HTTPEvent get = ingest.event("ingest-results.json");
        get.getRequestContext().getHttp().setMethod("GET");
        assertThat(ingest.handler().handleRequest(get, null).getStatusCode()).isEqualTo(405);
    }

    @Test
    void handleRequest_shouldLogOneLineWithCountsAndNeitherBodyNorToken() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ingest.handler().handleRequest(ingest.event("ingest-results.json"), null);
        } finally {
            System.setOut(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines()).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(log);
        assertThat(line.get("status").intValue()).isEqualTo(202);
        assertThat(line.get("results").intValue()).isEqualTo(9);
        assertThat(line.get("caller").textValue()).isEqualTo("mta1.example.net");
        assertThat(log).doesNotContain(ingest.token().secret()).doesNotContain("example.com").doesNotContain("198.51.100");
    }
}
