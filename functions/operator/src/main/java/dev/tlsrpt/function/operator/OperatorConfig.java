package dev.tlsrpt.function.operator;

/** The operator functions' settings, read once from the environment template.yaml sets. */
final class OperatorConfig {
    private OperatorConfig() {
    }

    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    static String optional(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }
}
