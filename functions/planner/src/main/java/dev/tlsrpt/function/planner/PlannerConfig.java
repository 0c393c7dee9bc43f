package dev.tlsrpt.function.planner;

/** PlannerFunction's settings, read once from the environment template.yaml sets. */
record PlannerConfig(String resultsTable, int resultShards, String reportQueueUrl) {

    static PlannerConfig fromEnvironment() {
        return new PlannerConfig(
                required("RESULTS_TABLE"),
                Integer.parseInt(System.getenv().getOrDefault("RESULT_SHARDS", "16")),
                required("REPORT_QUEUE_URL"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
