package dev.tlsrpt.function.planner;

import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.tlsrpt.ReportSettings;
import java.time.Duration;
import java.util.Map;

/**
 * PlannerFunction's settings, read once from the environment template.yaml sets.
 *
 * @param spread           the window the day's reports go out over (docs/design.md 2.11), checked against the
 *                         results' retention at start: a window that would let retries outlast the results
 *                         refuses to start
 * @param reportAllSuccess the worker's setting (the same template parameter): which destinations need no report
 */
record PlannerConfig(String resultsTable, int resultShards, String reportQueueUrl, Duration spread, String ledgerTable,
                     String eventBusName, boolean reportAllSuccess) {

    static PlannerConfig fromEnvironment() {
        return from(System.getenv());
    }

    static PlannerConfig from(Map<String, String> env) {
        return new PlannerConfig(
                required(env, "RESULTS_TABLE"),
                Integer.parseInt(env.getOrDefault("RESULT_SHARDS", "16")),
                required(env, "REPORT_QUEUE_URL"),
                ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", env.getOrDefault("REPORT_SPREAD_MINUTES", "0"),
                        DynamoDbResultStore.RETENTION_DAYS),
                required(env, "LEDGER_TABLE"),
                env.getOrDefault("EVENT_BUS_NAME", "default").strip(),
                ReportSettings.parseReportAllSuccess(env.get(ReportSettings.REPORT_ALL_SUCCESS_ENV)));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
