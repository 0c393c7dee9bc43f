package dev.tlsrpt.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DefaultSuppressionDaysTest {

    @Test
    void lengthened_doublesForEachStrikeAfterTheFirst_upToTenYears() {
        Duration first = Duration.ofDays(90);

        assertThat(DefaultSuppressionDays.lengthened(first, 1)).isEqualTo(Duration.ofDays(90));
        assertThat(DefaultSuppressionDays.lengthened(first, 2)).isEqualTo(Duration.ofDays(180));
        assertThat(DefaultSuppressionDays.lengthened(first, 4)).isEqualTo(Duration.ofDays(720));
        assertThat(DefaultSuppressionDays.lengthened(first, 7)).isEqualTo(Duration.ofDays(DefaultSuppressionDays.MAX_DAYS));
        assertThat(DefaultSuppressionDays.lengthened(first, Integer.MAX_VALUE))
                .isEqualTo(Duration.ofDays(DefaultSuppressionDays.MAX_DAYS));
        assertThatThrownBy(() -> DefaultSuppressionDays.lengthened(first, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
