package dev.tlsrpt.ingest;

/**
 * One problem with a submitted batch, named by its JSON path (e.g. {@code results[3].policy.policy-type}).
 */
public record FieldError(String path, String message) {
}
