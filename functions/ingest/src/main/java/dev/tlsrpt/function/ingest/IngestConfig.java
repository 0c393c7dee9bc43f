package dev.tlsrpt.function.ingest;

/** IngestFunction's settings, read once from the environment template.yaml sets. */
record IngestConfig(String resultsTable, String tokensTable, int resultShards) {

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
