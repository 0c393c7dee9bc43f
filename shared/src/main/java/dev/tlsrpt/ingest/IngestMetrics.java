package dev.tlsrpt.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

/**
 * Counts what ingest did with each request as CloudWatch metrics, in CloudWatch embedded metric format
 * (one JSON line on the function's output, no API call), namespace {@value #NAMESPACE}:
 * <ul>
 *   <li>{@code ResultsAccepted}, {@code ResultsLate} (results of an accepted batch) and
 *       {@code BatchesAccepted}, by {@code Route};</li>
 *   <li>{@code DuplicateBatches}, by {@code Route};</li>
 *   <li>{@code BatchesRefused}, by {@code Route} and {@code Status}, and by {@code Status} alone (what the
 *       503 alarm watches).</li>
 * </ul>
 * A path that is not an ingest route counts as route {@code other}: the dimension's values stay few
 * whatever clients send.
 */
public final class IngestMetrics {
    public static final String NAMESPACE = "tlsrpt";
    static final Set<String> ROUTES = Set.of("/v1/results", "/v1/libtlsrpt");

    private final PrintStream out;
    private final Clock clock;

    public IngestMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Metrics on the function's standard output, where Lambda hands them to CloudWatch Logs. */
    public static IngestMetrics toStandardOutput() {
        return new IngestMetrics(System.out, Clock.systemUTC());
    }

    /** Metrics nobody reads: local runs, where standard output is the operator's terminal. */
    public static IngestMetrics discarding() {
        return new IngestMetrics(new PrintStream(java.io.OutputStream.nullOutputStream()), Clock.systemUTC());
    }

    /** One line for the request's answer; the counts of a 202 come from its body, which ingest wrote. */
    public void record(String path, ApiResponse response) {
        String route = ROUTES.contains(path) ? path : "other";
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        ArrayNode metrics = directive.putArray("Metrics");
        line.put("Route", route);
        switch (response.status()) {
            case 202 -> {
                JsonNode body = body(response);
                dimensions.addArray().add("Route");
                count(line, metrics, "BatchesAccepted", 1);
                count(line, metrics, "ResultsAccepted", body.path("accepted").asLong());
                count(line, metrics, "ResultsLate", body.path("late").asLong());
            }
            case 200 -> {
                dimensions.addArray().add("Route");
                count(line, metrics, "DuplicateBatches", 1);
            }
            default -> {
                dimensions.addArray().add("Route").add("Status");
                dimensions.addArray().add("Status");
                line.put("Status", Integer.toString(response.status()));
                count(line, metrics, "BatchesRefused", 1);
            }
        }
        out.println(line);
    }

    private static void count(ObjectNode line, ArrayNode metrics, String name, long value) {
        metrics.addObject().put("Name", name).put("Unit", "Count");
        line.put(name, value);
    }

    private static JsonNode body(ApiResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            // Ingest writes every 202 body; an unreadable one counts as zero results, never fails a request.
            return Json.MAPPER.createObjectNode();
        }
    }
}
