package dev.tlsrpt.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.testing.CapturedOutput;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.testing.TestLambdaContext;
import dev.tlsrpt.tlsrpt.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the ingest function logs (docs/design.md 6): one JSON line per request, with the invocation's fields,
 * and never a bearer token, an Authorization header or the body.
 */
class IngestLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private InMemoryTokenStore tokens;
    private IngestHandler handler;
    private ApiToken token;

    @BeforeEach
    void setUp() {
        tokens = new InMemoryTokenStore();
        handler = new IngestHandler(new IngestApi(tokens, new InMemoryResultStore(), CLOCK));
        token = tokens.create("mta1.example.net");
    }

    /** A fixture with the test's token in place of the sample's placeholder. */
    private APIGatewayV2HTTPEvent event(String name) throws Exception {
        APIGatewayV2HTTPEvent event = Json.MAPPER.readValue(Fixtures.event(name).toFile(), APIGatewayV2HTTPEvent.class);
        return withAuthorization(event, "Bearer " + token.value());
    }

    @Test
    void handleRequest_shouldLogOneJsonLinePerRequest_withLevelRequestIdAndCounts() throws Exception {
        // WHEN a batch is accepted under a Lambda context
        CapturedOutput output = CapturedOutput.during(() ->
                handler.handleRequest(event("ingest-results.json"), new TestLambdaContext("IngestFunction")));

        // THEN one JSON log line (beside the metrics) says who sent what and what came of it
        assertThat(output.logLines()).hasSize(1);
        JsonNode line = output.logLines().get(0);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("ingest /v1/results 202");
        assertThat(line.path("function_request_id").asText()).isEqualTo("test-request");
        assertThat(line.path("function_name").asText()).isEqualTo("IngestFunction");
        assertThat(line.has("cold_start")).isTrue();
        assertThat(line.has("service")).isTrue();
        assertThat(line.path("status").intValue()).isEqualTo(202);
        assertThat(line.path("results").intValue()).isEqualTo(9);
        assertThat(line.path("caller").textValue()).isEqualTo("mta1.example.net");
        // and never the body: no domain, no address of the batch
        assertThat(output.text()).doesNotContain("example.com").doesNotContain("198.51.100");
    }

    @Test
    void handleRequest_shouldNeverLogTheBearerToken_acceptedRefusedOrMalformed() throws Exception {
        // GIVEN requests with the valid token, an unknown one, a revoked one and a malformed header
        ApiToken unknown = ApiToken.generate();
        CapturedOutput output = CapturedOutput.during(() -> {
            handler.handleRequest(event("ingest-results.json"), new TestLambdaContext("IngestFunction"));
            handler.handleRequest(withAuthorization(event("ingest-results.json"), "Bearer " + unknown.value()),
                    new TestLambdaContext("IngestFunction"));
            handler.handleRequest(withAuthorization(event("ingest-results.json"), "Basic " + unknown.secret()),
                    new TestLambdaContext("IngestFunction"));
            handler.handleRequest(withAuthorization(event("ingest-results.json"), unknown.value() + " trailing"),
                    new TestLambdaContext("IngestFunction"));
            tokens.revoke(token.id());
            handler.handleRequest(event("ingest-results.json"), new TestLambdaContext("IngestFunction"));
        });

        // THEN every request was logged, and nothing written anywhere holds a token or its secret part
        assertThat(output.logLines()).extracting(line -> line.path("status").intValue())
                .containsExactly(202, 401, 401, 401, 401);
        assertThat(output.text())
                .doesNotContain(token.value()).doesNotContain(token.secret())
                .doesNotContain(unknown.value()).doesNotContain(unknown.secret())
                .doesNotContainIgnoringCase("bearer ").doesNotContainIgnoringCase("authorization");
    }

    private static APIGatewayV2HTTPEvent withAuthorization(APIGatewayV2HTTPEvent event, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", value);
        event.setHeaders(headers);
        return event;
    }
}
