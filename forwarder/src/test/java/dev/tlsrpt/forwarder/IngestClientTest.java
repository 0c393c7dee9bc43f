package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.forwarder.IngestClient.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IngestClientTest {
    private static final IngestClient LIBTLSRPT = client(InputFormat.LIBTLSRPT);

    private static IngestClient client(InputFormat format) {
        return new IngestClient(java.net.URI.create("http://127.0.0.1:9"), format, "token", java.time.Duration.ofSeconds(1));
    }

    @Test
    void refusedDatagram_shouldReadTheItemNameOfTheFormat() {
        String eximAnswer = "{\"error\":\"invalid request\",\"details\":[{\"path\":\"events[3].domain\"}]}";
        assertThat(client(InputFormat.EXIM).refusedDatagram(eximAnswer)).isEqualTo(OptionalInt.of(3));
        assertThat(LIBTLSRPT.refusedDatagram(eximAnswer)).isEmpty();
        assertThat(client(InputFormat.EXIM).endpoint().getPath()).isEqualTo("/v1/exim");
    }


    @Test
    void outcome_shouldTellAnOutageFromARefusedBatchFromAFailingOne() {
        // "The API is away": retried as it is, for as long as it lasts
        assertThat(IngestClient.outcome(503, false)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(IngestClient.outcome(503, true)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(IngestClient.outcome(500, true)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(IngestClient.outcome(408, false)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(IngestClient.outcome(429, false)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(IngestClient.outcome(302, false)).isEqualTo(Outcome.UNAVAILABLE);
        // "Not this batch": narrowed down at once
        assertThat(IngestClient.outcome(400, false)).isEqualTo(Outcome.REJECTED);
        assertThat(IngestClient.outcome(413, false)).isEqualTo(Outcome.REJECTED);
        assertThat(IngestClient.outcome(422, false)).isEqualTo(Outcome.REJECTED);
        // "Perhaps this batch": narrowed down if it repeats
        assertThat(IngestClient.outcome(500, false)).isEqualTo(Outcome.FAILED);
        assertThat(IngestClient.outcome(502, false)).isEqualTo(Outcome.FAILED);
        // The forwarder's own settings
        assertThat(IngestClient.outcome(401, false)).isEqualTo(Outcome.MISCONFIGURED);
        assertThat(IngestClient.outcome(415, false)).isEqualTo(Outcome.MISCONFIGURED);
        assertThat(IngestClient.outcome(202, false)).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void refusedDatagram_shouldBeTheFirstDatagramTheApiNames() {
        String answer = "{\"error\":\"invalid request\",\"details\":[{\"path\": \"datagrams[17].policies[0].failure-details[1].c\","
                + "\"message\":\"unknown code\"},{\"path\":\"datagrams[40].d\",\"message\":\"x\"}]}";
        assertThat(LIBTLSRPT.refusedDatagram(answer)).isEqualTo(OptionalInt.of(17));
        assertThat(LIBTLSRPT.refusedDatagram("{\"error\":\"invalid request\",\"details\":[{\"path\":\"datagrams\"}]}")).isEmpty();
        assertThat(LIBTLSRPT.refusedDatagram("{\"error\":\"body larger than 1048576 bytes\"}")).isEmpty();
        assertThat(LIBTLSRPT.refusedDatagram("{\"path\":\"datagrams[99999999999].d\"}")).isEmpty();
    }

    @Test
    void limitedBody_shouldKeepTheFirstBytesAndStopReading() throws Exception {
        // GIVEN a body reader limited to 10 bytes
        IngestClient.LimitedBody body = new IngestClient.LimitedBody(10);
        AtomicBoolean cancelled = new AtomicBoolean();
        body.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });

        // WHEN an answer of 14 bytes arrives in pieces
        body.onNext(List.of(ByteBuffer.wrap("{\"err".getBytes(StandardCharsets.US_ASCII))));
        assertThat(cancelled).isFalse();
        body.onNext(List.of(ByteBuffer.wrap("or\":\"x".getBytes(StandardCharsets.US_ASCII)),
                ByteBuffer.wrap("yz\"}".getBytes(StandardCharsets.US_ASCII))));

        // THEN the first 10 are the body, and reading stopped there
        assertThat(new String(body.getBody().toCompletableFuture().get(), StandardCharsets.US_ASCII)).isEqualTo("{\"error\":\"");
        assertThat(cancelled).isTrue();
    }
}
