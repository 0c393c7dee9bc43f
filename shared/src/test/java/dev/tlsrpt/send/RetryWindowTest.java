package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryWindowTest {
    private static final Instant FIRST = Instant.parse("2026-11-29T01:15:00Z");
    private final RetryWindow window = new RetryWindow(FIRST);

    @Test
    void nextDelay_shouldDoubleFromAMinuteUpToAnHour() {
        assertThat(window.nextDelay(1, FIRST)).isEqualTo(Duration.ofMinutes(1));
        assertThat(window.nextDelay(2, FIRST)).isEqualTo(Duration.ofMinutes(2));
        assertThat(window.nextDelay(6, FIRST)).isEqualTo(Duration.ofMinutes(32));
        assertThat(window.nextDelay(7, FIRST)).isEqualTo(Duration.ofHours(1));
        assertThat(window.nextDelay(40, FIRST)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nextDelay_shouldPlaceTheLastAttemptOnTheEndOfTheWindow() {
        Instant nearTheEnd = FIRST.plus(Duration.ofHours(24)).minusSeconds(90);

        assertThat(window.nextDelay(20, nearTheEnd)).isEqualTo(Duration.ofSeconds(90));
        assertThat(window.isOver(nearTheEnd.plusSeconds(90))).isTrue();
        assertThat(window.isOver(nearTheEnd)).isFalse();
    }

    @Test
    void nextDelay_shouldNotSpinOnceTheWindowIsOver() {
        assertThat(window.nextDelay(30, FIRST.plus(Duration.ofHours(25)))).isEqualTo(Duration.ofHours(1));
    }
}
