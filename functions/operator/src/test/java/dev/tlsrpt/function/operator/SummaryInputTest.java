package dev.tlsrpt.function.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryInputTest {
    @Test
    void scheduledTime_shouldMeanTheDayBefore() {
        assertThat(SummaryInput.of(Map.of("scheduledTime", "2026-11-29T06:15:00Z")).day()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void day_shouldBeTaken() {
        assertThat(SummaryInput.of(Map.of("day", "2026-11-20")).day()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void neitherOrBothOrUnreadable_shouldBeRefused() {
        assertThatThrownBy(() -> SummaryInput.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SummaryInput.of(Map.of("day", "2026-11-20", "scheduledTime", "2026-11-29T06:15:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SummaryInput.of(Map.of("day", "yesterday"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yesterday");
    }
}
