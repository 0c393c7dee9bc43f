package dev.tlsrpt.function.ingest;

import static dev.tlsrpt.function.ingest.IngestFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/momentum}: Momentum 5.1's hook events through the same handler as {@code /v1/results}. */
class MomentumRouteTest {
    // A minute after the later of the sample's two events, so that both days are still reportable.
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1746712864L + 60), ZoneOffset.UTC);

    @RegisterExtension
    final IngestFixture ingest = new IngestFixture(CLOCK, "momentum1.sender.example");

    private APIGatewayV2HTTPEvent event() throws Exception {
        return ingest.event("ingest-momentum.json");
    }

    @Test
    void handleRequest_shouldCountBothSampleEventsOnTheirOwnDays() throws Exception {
        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted").intValue()).isEqualTo(2);
        assertThat(ingest.store().applied()).hasSize(2);
        assertThat(ingest.store().applied()).anySatisfy(delta -> {
            assertThat(delta.day()).hasToString("2025-05-08");
            assertThat(delta.successCount()).isEqualTo(1);
            assertThat(delta.failureCount()).isZero();
        });
        assertThat(ingest.store().applied()).anySatisfy(delta -> {
            assertThat(delta.day()).hasToString("2025-05-07");
            assertThat(delta.successCount()).isZero();
            assertThat(delta.failureCount()).isEqualTo(1);
        });
    }

    @Test
    void handleRequest_shouldRefuseAnUnknownResultTypeNamingTheEventsField() throws Exception {
        APIGatewayV2HTTPEvent event = event();
        event.setBody(event.getBody().replace("certificate-host-mismatch", "certificate-wrong"));

        APIGatewayV2HTTPResponse response = ingest.handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("details").get(0).get("path").textValue()).isEqualTo("events[1].result-type");
        assertThat(ingest.store().applied()).isEmpty();
    }
}
