package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

    @Test
    void nextDelay_withJitter_shouldTakeUpToAFifthOffTheBackoff() {
        assertThat(window.nextDelay(6, FIRST, 0)).isEqualTo(Duration.ofMinutes(32));
        assertThat(window.nextDelay(6, FIRST, 0.5)).isEqualTo(Duration.ofMinutes(32).minusMillis(192_000));
        assertThat(window.nextDelay(7, FIRST, 0.999)).isBetween(Duration.ofMinutes(48), Duration.ofMinutes(49));
        assertThatThrownBy(() -> window.nextDelay(1, FIRST, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextDelay_ofJobsThatFailedTogether_shouldComeBackAtDifferentTimes() {
        // GIVEN 200 jobs that all failed at their third attempt in the same second (SES throttled)
        Set<Duration> delays = IntStream.range(0, 200)
                .mapToObj(i -> new DestinationKey(LocalDate.parse("2026-11-28"), DestinationKind.RECIPIENT_DOMAIN, "d" + i + ".example"))
                .map(job -> window.nextDelay(job, 3, FIRST))
                .collect(Collectors.toSet());

        // THEN they come back spread over the last fifth of the 4-minute backoff, not all at once
        assertThat(delays).hasSizeGreaterThan(150)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(192), Duration.ofMinutes(4)));
    }

    @Test
    void nextDelay_withJitter_shouldStillPlaceTheLastAttemptOnTheEndOfTheWindow() {
        Instant nearTheEnd = window.deadline().minusSeconds(90);
        DestinationKey job = new DestinationKey(LocalDate.parse("2026-11-28"), DestinationKind.MX_HOST, "mx.example.net");

        assertThat(window.nextDelay(job, 20, nearTheEnd)).isEqualTo(Duration.ofSeconds(90));
    }
}
