package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T13:45:07Z", "2026-11-28T13:45:07.5Z", "2026-11-28T13:45:07.123456789Z",
            "2024-02-29T00:00:00Z", "2026-11-28T23:59:60Z", "2026-11-28T24:00:00Z", "2026-11-28t13:45:07z",
            "2026-11-28T13:45:07+01:00", "2026-11-28T13:45:07.Z", "0999-12-31T23:59:59Z", "+12026-01-01T00:00:00Z"})
    void parse_shouldGiveWhatInstantParseGives(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-28T13:60:00Z", "2026-11-28T13:45Z", "2026-11-28T13:45:07.1234567890Z", "2026-11-28 13:45:07Z",
            "2026-11-28T13:45:07", "2026-1x-28T13:45:07Z", ""})
    void parse_shouldRefuseWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void parse_shouldAgreeWithInstantParse_onRandomTimestampsOfTheCommonShape() {
        // GIVEN timestamps of the common shape with every field drawn past its range now and then
        SplittableRandom random = new SplittableRandom(8460);
        for (int i = 0; i < 20_000; i++) {
            String text = "%04d-%02d-%02dT%02d:%02d:%02d%sZ".formatted(random.nextInt(990, 10_000), random.nextInt(0, 14),
                    random.nextInt(0, 33), random.nextInt(0, 26), random.nextInt(0, 61), random.nextInt(0, 62),
                    random.nextInt(4) == 0 ? "." + "123456789012".substring(0, random.nextInt(0, 11)) : "");
            // THEN both give the same instant, or both refuse
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
        }
    }
}
