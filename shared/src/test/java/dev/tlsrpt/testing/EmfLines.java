package dev.tlsrpt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Captures CloudWatch embedded-metric-format lines and reads them the way CloudWatch does: each metric of
 * each directive, once per dimension set, with the dimensions' values taken from the line.
 */
public final class EmfLines {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** A metric as CloudWatch would create it from a line. */
    public record Emitted(String namespace, String name, Map<String, String> dimensions, double value) {
    }

    public PrintStream out() {
        return out;
    }

    public List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    public List<Emitted> metrics() {
        List<Emitted> metrics = new ArrayList<>();
        for (JsonNode line : lines()) {
            for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
                String namespace = directive.path("Namespace").asText();
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    JsonNode sets = directive.path("Dimensions");
                    List<JsonNode> dimensionSets = new ArrayList<>();
                    sets.forEach(dimensionSets::add);
                    if (dimensionSets.isEmpty()) {
                        dimensionSets.add(Json.MAPPER.createArrayNode());
                    }
                    for (JsonNode set : dimensionSets) {
                        Map<String, String> dimensions = new TreeMap<>();
                        set.forEach(d -> dimensions.put(d.asText(), line.path(d.asText()).asText()));
                        metrics.add(new Emitted(namespace, name, dimensions, line.path(name).asDouble()));
                    }
                }
            }
        }
        return metrics;
    }
}
