package dev.tlsrpt.function.ingest;

import java.time.Duration;

/** IngestFunction's settings, read once from the environment template.yaml sets. */
record IngestConfig(String resultsTable, String tokensTable, int resultShards) {
    /**
     * The longest one storage call may take, retries included. Once the store stalls, the first call to time
     * out ends the request as 503.
     */
    static final Duration STORAGE_CALL_DEADLINE = Duration.ofSeconds(5);
    /**
     * The longest all of one request's storage calls may take together: a call starts only while it can end
     * within this, so a store that is slow but answers still ends the request as 503 within 20 s, well below
     * the API's 30 s timeout (docs/design.md 3).
     */
    static final Duration REQUEST_STORAGE_BUDGET = Duration.ofSeconds(20);

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
