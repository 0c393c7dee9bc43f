package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.forwarder.IngestClient.Outcome;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IngestClientTest {

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
        assertThat(IngestClient.refusedDatagram(answer)).isEqualTo(OptionalInt.of(17));
        assertThat(IngestClient.refusedDatagram("{\"error\":\"invalid request\",\"details\":[{\"path\":\"datagrams\"}]}")).isEmpty();
        assertThat(IngestClient.refusedDatagram("{\"error\":\"body larger than 1048576 bytes\"}")).isEmpty();
        assertThat(IngestClient.refusedDatagram("{\"path\":\"datagrams[99999999999].d\"}")).isEmpty();
    }
}
