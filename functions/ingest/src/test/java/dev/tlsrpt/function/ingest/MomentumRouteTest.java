package dev.tlsrpt.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.tlsrpt.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/momentum}: Momentum 5.1's hook events through the same handler as {@code /v1/results}. */
class MomentumRouteTest {
    // A minute after the later of the sample's two events, so that both days are still reportable.
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1746712864L + 60), ZoneOffset.UTC);

    private InMemoryResultStore store;
    private IngestHandler handler;
    private ApiToken token;
    private PrintStream stdout;

    @BeforeEach
    void setUp() {
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the request log
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        store = new InMemoryResultStore();
        handler = new IngestHandler(new IngestApi(tokens, store, CLOCK));
        token = tokens.create("momentum1.sender.example");
    }

    @AfterEach
    void tearDown() {
        System.setOut(stdout);
    }

    private APIGatewayV2HTTPEvent event() throws Exception {
        APIGatewayV2HTTPEvent event = Json.MAPPER.readValue(Fixtures.event("ingest-momentum.json").toFile(),
                APIGatewayV2HTTPEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", "Bearer " + token.value());
        event.setHeaders(headers);
        return event;
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    @Test
    void handleRequest_shouldCountBothSampleEventsOnTheirOwnDays() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted").intValue()).isEqualTo(2);
        assertThat(store.applied()).hasSize(2);
        assertThat(store.applied()).anySatisfy(delta -> {
            assertThat(delta.day()).hasToString("2025-05-08");
            assertThat(delta.successCount()).isEqualTo(1);
            assertThat(delta.failureCount()).isZero();
        });
        assertThat(store.applied()).anySatisfy(delta -> {
            assertThat(delta.day()).hasToString("2025-05-07");
            assertThat(delta.successCount()).isZero();
            assertThat(delta.failureCount()).isEqualTo(1);
        });
    }

    @Test
    void handleRequest_shouldRefuseAnUnknownResultTypeNamingTheEventsField() throws Exception {
        APIGatewayV2HTTPEvent event = event();
        event.setBody(event.getBody().replace("certificate-host-mismatch", "certificate-wrong"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("details").get(0).get("path").textValue()).isEqualTo("events[1].result-type");
        assertThat(store.applied()).isEmpty();
    }
}
