package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.IngestApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.tlsrpt.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/libtlsrpt}: libtlsrpt's datagrams through the same handler as {@code /v1/results}. */
class LibtlsrptRouteTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

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
        token = tokens.create("mx1.sender.example");
    }

    @AfterEach
    void tearDown() {
        System.setOut(stdout);
    }

    private APIGatewayV2HTTPEvent event() throws Exception {
        APIGatewayV2HTTPEvent event = Json.MAPPER.readValue(Fixtures.event("ingest-libtlsrpt.json").toFile(),
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
    void handleRequest_shouldCountEveryPolicyOfTheConformanceDatagramsOnTheDayOfReceipt() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted").intValue()).isEqualTo(5);
        assertThat(store.applied()).extracting(CounterDelta::day).containsOnly(LocalDate.parse("2026-11-29"));
        assertThat(store.applied().stream().mapToLong(CounterDelta::successCount).sum()).isEqualTo(2);
        assertThat(store.applied().stream().mapToLong(CounterDelta::failureCount).sum()).isEqualTo(3);
    }

    @Test
    void handleRequest_shouldAnswerTheSameKeyAgainAsADuplicate() throws Exception {
        handler.handleRequest(event(), null);

        APIGatewayV2HTTPResponse again = handler.handleRequest(event(), null);

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(body(again).get("duplicate").booleanValue()).isTrue();
        assertThat(store.applied()).hasSize(5);
    }

    @Test
    void handleRequest_shouldRefuseAnUnknownDatagramVersionNamingTheField() throws Exception {
        APIGatewayV2HTTPEvent event = event();
        event.setBody(event.getBody().replace("{\"dpv\": \"1\",\"d\": \"example.org\"", "{\"dpv\": \"2\",\"d\": \"example.org\""));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("details").get(0).get("path").textValue()).isEqualTo("datagrams[2].dpv");
        assertThat(body(response).get("details").get(0).get("message").textValue())
                .contains("unsupported datagram protocol version \"2\"");
        assertThat(store.applied()).isEmpty();
    }
}
