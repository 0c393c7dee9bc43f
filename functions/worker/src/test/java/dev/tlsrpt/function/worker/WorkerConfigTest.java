package dev.tlsrpt.function.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("RESULTS_TABLE", "tlsrpt-results");
        env.put("RESULT_SHARDS", "8");
        env.put("LEDGER_TABLE", "tlsrpt-ledger");
        env.put("SUPPRESSION_TABLE", "tlsrpt-suppression");
        env.put("ORGANIZATION_NAME", "Example Sender Org");
        env.put("SUBMITTER_DOMAIN", "sender.example");
        env.put("CONTACT_ADDRESS", "tlsrpt@sender.example");
        env.put("FROM_ADDRESS", "tlsrpt-noreply@sender.example");
        env.put("DKIM_SELECTOR", "tlsrpt-test");
        env.put("DKIM_KEY_PARAMETER", "/tlsrpt/dkim-key");
        env.put("REPORT_ALL_SUCCESS", "true");
        env.put("CONFIGURATION_SET", "tlsrpt-reports");
        env.put("EVENT_BUS_NAME", "tlsrpt");
        env.put("SES_SEND_RATE", "14");
        env.put("WORKER_CONCURRENCY", "2");
        env.put("ARCHIVE_BUCKET", "tlsrpt-archive");
        env.put("RULES_TABLE", "tlsrpt-rules");
        env.put("MAX_REPORT_BYTES", "1048576");
        env.put("URIS_PER_RECORD", "5");
        env.put("REPORTS_PER_ADDRESS_PER_DAY", "100");
        env.put("REPORTS_PER_DOMAIN_PER_DAY", "300");
        return env;
    }

    @Test
    void from_shouldReadEverySetting() {
        WorkerConfig config = WorkerConfig.from(environment());

        assertThat(config.resultShards()).isEqualTo(8);
        assertThat(config.settings().reportAllSuccess()).isTrue();
        assertThat(config.settings().submitterDomain()).isEqualTo("sender.example");
        assertThat(config.dkimKeyParameter()).isEqualTo("/tlsrpt/dkim-key");
        assertThat(config.sesSendRate()).isEqualTo(14.0);
        assertThat(config.workerConcurrency()).isEqualTo(2);
        assertThat(config.eventBusName()).isEqualTo("tlsrpt");
        assertThat(config.archiveBucket()).isEqualTo("tlsrpt-archive");
        assertThat(config.rulesTable()).isEqualTo("tlsrpt-rules");
        assertThat(config.maxReportBytes()).isEqualTo(1_048_576L);
        assertThat(config.caps()).isEqualTo(new dev.tlsrpt.tlsrpt.SendCaps(5, 100, 300));
    }

    @Test
    void from_shouldReadReportAllSuccessAsThePlannerDoes_refusingAnythingButTrueOrFalse() {
        Map<String, String> env = environment();
        env.remove("REPORT_ALL_SUCCESS");
        assertThat(WorkerConfig.from(env).settings().reportAllSuccess()).isFalse();
        // Read as false before, silently; the planner would have read it otherwise.
        env.put("REPORT_ALL_SUCCESS", "yes");
        assertThatThrownBy(() -> WorkerConfig.from(env)).hasMessageContaining("REPORT_ALL_SUCCESS").hasMessageContaining("yes");
    }

    @Test
    void from_shouldRefuseACapOutOfBounds_andDefaultAnAbsentOne() {
        Map<String, String> env = environment();
        env.put("URIS_PER_RECORD", "0");
        assertThatThrownBy(() -> WorkerConfig.from(env)).hasMessageContaining("urisPerRecord");

        env.remove("URIS_PER_RECORD");
        assertThat(WorkerConfig.from(env).caps().urisPerRecord()).isEqualTo(dev.tlsrpt.tlsrpt.SendCaps.DEFAULTS.urisPerRecord());
    }

    @Test
    void from_shouldNameAMissingSetting() {
        Map<String, String> env = environment();
        env.remove("DKIM_KEY_PARAMETER");

        assertThatThrownBy(() -> WorkerConfig.from(env)).hasMessageContaining("DKIM_KEY_PARAMETER");
    }
}
