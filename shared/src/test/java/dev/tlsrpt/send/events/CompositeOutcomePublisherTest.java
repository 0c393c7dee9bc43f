package dev.tlsrpt.send.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeOutcomePublisherTest {
    private static final ReportOutcome OUTCOME = new ReportOutcome(LocalDate.of(2026, 11, 28),
            DestinationKind.RECIPIENT_DOMAIN, "example.com", ReportOutcome.Channel.NONE, null,
            ReportOutcome.Status.SKIPPED, "no TLSRPT record");

    @Test
    void publish_shouldReachEveryPublisher_evenWhenOneFails() {
        // GIVEN a failing publisher before a working one
        List<ReportOutcome> seen = new ArrayList<>();
        OutcomePublisher failing = outcome -> {
            throw new IllegalStateException("bus gone");
        };
        var composite = CompositeOutcomePublisher.of(failing, seen::add);

        // WHEN an outcome is published THEN no exception escapes and the second publisher still got it
        composite.publish(OUTCOME);
        assertThat(seen).containsExactly(OUTCOME);
    }
}
