package dev.tlsrpt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything a piece of code writes to standard output and standard error while it runs: what a function
 * logs (its JSON lines and EMF metrics go to standard output, docs/design.md 6).
 */
public final class CapturedOutput {
    private final String text;

    private CapturedOutput(String text) {
        this.text = text;
    }

    /** Runs {@code action} with both streams captured; what it threw is thrown after they are restored. */
    public static CapturedOutput during(Action action) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new CapturedOutput(captured.toString(StandardCharsets.UTF_8));
    }

    public String text() {
        return text;
    }

    /** The lines that are JSON objects, parsed. */
    public List<JsonNode> jsonLines() {
        return text.lines().filter(line -> line.startsWith("{")).map(CapturedOutput::parse).toList();
    }

    /** The JSON log lines (those with a level), without the EMF metric lines. */
    public List<JsonNode> logLines() {
        return jsonLines().stream().filter(line -> line.has("level") && !line.has("_aws")).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
