package dev.tlsrpt.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.ResultStore;
import java.io.PrintStream;

/**
 * One structured JSON log line per request: who, what came of it, counts and time. Never the body, never
 * a token.
 */
public final class RequestLog {
    private final ObjectNode line = Json.MAPPER.createObjectNode();
    private final long startNanos = System.nanoTime();

    public RequestLog(String requestId, String route) {
        line.put("level", "INFO");
        line.put("event", "ingest");
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        line.put("route", route);
    }

    void caller(String tokenName) {
        line.put("caller", tokenName);
    }

    void rejected(int errors) {
        line.put("validationErrors", errors);
    }

    void stored(int results, int late, ResultStore.ApplyOutcome outcome) {
        line.put("results", results);
        line.put("late", late);
        line.put("duplicate", outcome.duplicate());
        line.put("countersWritten", outcome.itemsWritten());
        line.put("detailsFolded", outcome.detailsFolded());
    }

    void storageFailed(Exception e) {
        line.put("level", "WARN");
        line.put("storageError", e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getClass().getSimpleName()));
    }

    void failed(Exception e) {
        line.put("level", "ERROR");
        line.put("error", e.getClass().getName());
    }

    /** Writes the line with the response status. */
    public void finish(int status, PrintStream out) {
        line.put("status", status);
        line.put("ms", (System.nanoTime() - startNanos) / 1_000_000);
        try {
            out.println(Json.MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"ingest\",\"error\":\"log line not writable\"}");
        }
    }
}
