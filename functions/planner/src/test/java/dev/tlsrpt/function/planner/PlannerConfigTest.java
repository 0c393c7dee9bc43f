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
                "REPORT_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/tlsrpt-reports",
                "LEDGER_TABLE", "tlsrpt-ledger"));
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
    void from_shouldReadTheWorkersReportAllSuccess_andRefuseAnythingButTrueOrFalse() {
        Map<String, String> env = env(null);
        assertThat(PlannerConfig.from(env).reportAllSuccess()).isFalse();
        env.put("REPORT_ALL_SUCCESS", "true");
        assertThat(PlannerConfig.from(env).reportAllSuccess()).isTrue();
        // A typo must not decide which destinations get a report.
        env.put("REPORT_ALL_SUCCESS", "yes");
        assertThatThrownBy(() -> PlannerConfig.from(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REPORT_ALL_SUCCESS").hasMessageContaining("yes");
        env.remove("REPORT_ALL_SUCCESS");
        env.remove("LEDGER_TABLE");
        assertThatThrownBy(() -> PlannerConfig.from(env)).hasMessageContaining("LEDGER_TABLE");
    }

    @Test
    void from_shouldRefuseToStart_withASpreadTheResultsDoNotOutlast() {
        for (String bad : new String[] {"1441", "-5", "four hours"}) {
            assertThatThrownBy(() -> PlannerConfig.from(env(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("REPORT_SPREAD_MINUTES");
        }
    }
}
