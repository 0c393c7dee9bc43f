package dev.tlsrpt.function.ingest;

import static dev.tlsrpt.function.ingest.IngestFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tlsrpt.tlsrpt.CounterDelta;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/libtlsrpt}: libtlsrpt's datagrams through the same handler as {@code /v1/results}. */
class LibtlsrptRouteTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    final IngestFixture ingest = new IngestFixture(CLOCK, "mx1.sender.example");

    private APIGatewayV2HTTPEvent event() throws Exception {
        return ingest.event("ingest-libtlsrpt.json");
    }

    @Test
    void handleRequest_shouldCountEveryPolicyOfTheConformanceDatagramsOnTheDayOfReceipt() throws Exception {
        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted").intValue()).isEqualTo(5);
        assertThat(ingest.store().applied()).extracting(CounterDelta::day).containsOnly(LocalDate.parse("2026-11-29"));
        assertThat(ingest.store().applied().stream().mapToLong(CounterDelta::successCount).sum()).isEqualTo(2);
        assertThat(ingest.store().applied().stream().mapToLong(CounterDelta::failureCount).sum()).isEqualTo(3);
    }

    @Test
    void handleRequest_shouldAnswerTheSameKeyAgainAsADuplicate() throws Exception {
        ingest.handler().handleRequest(event(), null);

        APIGatewayV2HTTPResponse again = ingest.handler().handleRequest(event(), null);

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(body(again).get("duplicate").booleanValue()).isTrue();
        assertThat(ingest.store().applied()).hasSize(5);
    }

    @Test
    void handleRequest_shouldRefuseAnUnknownDatagramVersionNamingTheField() throws Exception {
        APIGatewayV2HTTPEvent event = event();
        event.setBody(event.getBody().replace("{\"dpv\": \"1\",\"d\": \"example.org\"", "{\"dpv\": \"2\",\"d\": \"example.org\""));

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("details").get(0).get("path").textValue()).isEqualTo("datagrams[2].dpv");
        assertThat(body(response).get("details").get(0).get("message").textValue())
                .contains("unsupported datagram protocol version \"2\"");
        assertThat(ingest.store().applied()).isEmpty();
    }
}
