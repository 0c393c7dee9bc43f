package dev.tlsrpt.ingest;

import dev.tlsrpt.store.ResultStore;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one request's log line says: who, what came of it, counts and time. Never the body, never a token.
 * The entry point writes the finished {@link Line}: the function as a JSON line (docs/design.md 6), the
 * local API as a line of text.
 */
public final class RequestLog {
    private final String route;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private Level level = Level.INFO;

    public RequestLog(String route) {
        this.route = route;
        fields.put("route", route);
    }

    void caller(String tokenName) {
        fields.put("caller", tokenName);
    }

    void rejected(int errors) {
        fields.put("validationErrors", errors);
    }

    void stored(int results, int late, ResultStore.ApplyOutcome outcome) {
        fields.put("results", results);
        fields.put("late", late);
        fields.put("duplicate", outcome.duplicate());
        fields.put("countersWritten", outcome.itemsWritten());
        fields.put("detailsFolded", outcome.detailsFolded());
    }

    void storageFailed(Exception e) {
        level = Level.WARNING;
        fields.put("storageError", e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getClass().getSimpleName()));
    }

    void failed(Exception e) {
        level = Level.ERROR;
        fields.put("failure", e.getClass().getName());
    }

    /** The line, with the response status and the time taken. */
    public Line finish(int status) {
        fields.put("status", status);
        fields.put("ms", (System.nanoTime() - startNanos) / 1_000_000);
        return new Line(level, "ingest " + route + " " + status, Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
    }

    /** One request's line: its level, a message that reads alone, and the fields in order. */
    public record Line(Level level, String message, Map<String, Object> fields) {
        /** As text, for a terminal: the level, the message, then the other fields as key=value. */
        public String text() {
            return level + " " + message + " " + fields.entrySet().stream()
                    .filter(field -> !field.getKey().equals("route") && !field.getKey().equals("status"))
                    .map(field -> field.getKey() + "=" + field.getValue())
                    .collect(Collectors.joining(" "));
        }
    }
}
