package dev.tlsrpt.function.suppression;

import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.suppression.DefaultSuppressionDays;
import java.time.Duration;

/**
 * SuppressionFunction's settings, read once from the environment template.yaml sets.
 *
 * @param table           the suppression table
 * @param defaultDuration how long a permanent bounce or a complaint suppresses an address
 * @param fromAddress     From address of report emails; notifications about other messages are ignored
 *                        (null: every notification on the topic is about a report)
 */
record SuppressionConfig(String table, Duration defaultDuration, String fromAddress) {

    static SuppressionConfig fromEnvironment() {
        String table = System.getenv(SuppressionTableDefinition.TABLE_ENV);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("environment variable " + SuppressionTableDefinition.TABLE_ENV + " is not set");
        }
        String days = System.getenv().getOrDefault("SUPPRESSION_DEFAULT_DAYS", "90");
        String from = System.getenv("FROM_ADDRESS");
        return new SuppressionConfig(table, DefaultSuppressionDays.parse(days),
                from == null || from.isBlank() ? null : from.strip());
    }
}
