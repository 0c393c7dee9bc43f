package dev.tlsrpt.bench;

import dev.tlsrpt.deploy.SamTemplate;

/**
 * Prints the JVM flags the short-lived functions run with on Lambda: {@code JAVA_TOOL_OPTIONS} of
 * template.yaml's Globals (C1 only). {@code scripts/bench --deployed} hands them to JMH's forks, so the
 * template is the one place they are written (docs/benchmarks.md "Ingest").
 */
public final class DeployedJvmFlags {
    private DeployedJvmFlags() {
    }

    public static void main(String[] args) {
        String flags = SamTemplate.load().root().at("/Globals/Function/Environment/Variables/JAVA_TOOL_OPTIONS").asText();
        if (flags.isBlank()) {
            throw new IllegalStateException("template.yaml sets no JAVA_TOOL_OPTIONS in Globals");
        }
        System.out.println(flags);
    }
}
