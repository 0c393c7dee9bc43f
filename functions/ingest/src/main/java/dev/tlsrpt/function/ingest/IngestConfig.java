package dev.tlsrpt.function.ingest;

import java.time.Duration;

/** IngestFunction's settings, read once from the environment template.yaml sets. */
record IngestConfig(String resultsTable, String tokensTable, int resultShards) {
    /**
     * The longest one storage call may take, retries included. A request makes a few calls one after the
     * other; once the store stalls, the first call to time out ends the request as 503, so a request stays
     * well below the API's 30 s timeout.
     */
    static final Duration STORAGE_CALL_DEADLINE = Duration.ofSeconds(5);

    static IngestConfig fromEnvironment() {
        return new IngestConfig(
                required("RESULTS_TABLE"),
                required("TOKENS_TABLE"),
                Integer.parseInt(System.getenv().getOrDefault("RESULT_SHARDS", "16")));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
