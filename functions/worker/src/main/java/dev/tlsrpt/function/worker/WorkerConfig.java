package dev.tlsrpt.function.worker;

import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.util.Map;

/**
 * ReportWorkerFunction's settings, read once from the environment that template.yaml sets.
 *
 * @param dkimKeyParameter  SSM SecureString holding the PKCS#8 PEM key; a Secrets Manager secret works
 *                          through SSM's {@code /aws/reference/secretsmanager/<secret>} name
 * @param configurationSet  SES configuration set whose TLS policy is optional (docs/design.md 2.5)
 * @param sesSendRate       the account's SES maximum send rate, messages per second
 * @param workerConcurrency the function's reserved concurrency: the workers that share the send rate
 * @param archiveBucket     the S3 bucket every report is archived in before it is sent
 * @param rulesTable        the operator's destination rules (docs/design.md 2.12)
 * @param maxReportBytes    the largest gzip of one report; a larger one goes in parts (docs/design.md 2.13)
 * @param caps              the safety valves against hostile records (docs/design.md 2.10); a value out of bounds
 *                          fails the start
 */
record WorkerConfig(String resultsTable, int resultShards, String ledgerTable, String suppressionTable,
                    ReportSettings settings, String dkimSelector, String dkimKeyParameter, String configurationSet,
                    String eventBusName, double sesSendRate, int workerConcurrency, String archiveBucket,
                    String rulesTable, long maxReportBytes, SendCaps caps) {

    static WorkerConfig fromEnvironment() {
        return from(System.getenv());
    }

    static WorkerConfig from(Map<String, String> env) {
        ReportSettings settings = new ReportSettings(required(env, "ORGANIZATION_NAME"), required(env, "SUBMITTER_DOMAIN"),
                required(env, "CONTACT_ADDRESS"), required(env, "FROM_ADDRESS"),
                ReportSettings.parseReportAllSuccess(env.get(ReportSettings.REPORT_ALL_SUCCESS_ENV)));
        return new WorkerConfig(required(env, "RESULTS_TABLE"),
                Integer.parseInt(env.getOrDefault("RESULT_SHARDS", "16").strip()),
                required(env, "LEDGER_TABLE"), required(env, "SUPPRESSION_TABLE"), settings,
                required(env, "DKIM_SELECTOR"), required(env, "DKIM_KEY_PARAMETER"), required(env, "CONFIGURATION_SET"),
                env.getOrDefault("EVENT_BUS_NAME", "default").strip(),
                Double.parseDouble(env.getOrDefault("SES_SEND_RATE", "1").strip()),
                Integer.parseInt(env.getOrDefault("WORKER_CONCURRENCY", "1").strip()),
                required(env, "ARCHIVE_BUCKET"), required(env, "RULES_TABLE"),
                number(env, "MAX_REPORT_BYTES", (int) ReportBuilder.DEFAULT_MAX_REPORT_BYTES),
                new SendCaps(number(env, "URIS_PER_RECORD", SendCaps.DEFAULTS.urisPerRecord()),
                        number(env, "REPORTS_PER_ADDRESS_PER_DAY", SendCaps.DEFAULTS.reportsPerAddressPerDay()),
                        number(env, "REPORTS_PER_DOMAIN_PER_DAY", SendCaps.DEFAULTS.reportsPerDomainPerDay())));
    }

    private static int number(Map<String, String> env, String name, int otherwise) {
        String value = env.get(name);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.strip();
    }
}
