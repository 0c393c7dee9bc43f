package dev.tlsrpt.function.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerConfigTest {
    private static Map<String, String> env(String spreadMinutes) {
        Map<String, String> env = new HashMap<>(Map.of("RESULTS_TABLE", "tlsrpt-results", "RESULT_SHARDS", "16",
                "REPORT_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/tlsrpt-reports"));
        if (spreadMinutes != null) {
            env.put("REPORT_SPREAD_MINUTES", spreadMinutes);
        }
        return env;
    }

    @Test
    void from_shouldReadTheSpread_andSendAtOnceWithoutOne() {
        assertThat(PlannerConfig.from(env("240")).spread()).isEqualTo(Duration.ofHours(4));
        assertThat(PlannerConfig.from(env(null)).spread()).isZero();
    }

    @Test
    void from_shouldRefuseToStart_withASpreadTheResultsDoNotOutlast() {
        for (String bad : new String[] {"1441", "-5", "four hours"}) {
            assertThatThrownBy(() -> PlannerConfig.from(env(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("REPORT_SPREAD_MINUTES");
        }
    }
}
