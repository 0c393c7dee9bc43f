package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report of the shared conformance corpus (top level and tlsrpt-reporter-generated/) parses
 * into the model and is written back without losing a field. Normalisations allowed: a string
 * mx-host becomes an array, failure-details is always written (as [] when absent), TLSA strings are
 * sorted.
 */
class ConformanceCorpusTest {

    static Path corpus() {
        String dir = System.getProperty("tlsrpt.conformance", "../../shared/conformance");
        return Path.of(dir);
    }

    static Stream<Path> reports() throws IOException {
        Path root = corpus();
        assertThat(root).as("conformance corpus at %s", root.toAbsolutePath()).isDirectory();
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(root, root.resolve("tlsrpt-reporter-generated"))) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(14);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void parse_shouldKeepEveryFieldOfConformanceReport(Path file) throws Exception {
        // GIVEN a real report
        JsonNode original = Json.MAPPER.readTree(Files.readAllBytes(file));

        // WHEN parsed into the model and written again
        Report report = Report.fromJson(Files.readAllBytes(file));
        JsonNode written = Json.MAPPER.readTree(report.toJson());

        // THEN nothing was lost or changed beyond the allowed normalisations
        assertThat(report.policies()).isNotEmpty();
        assertThat(written).isEqualTo(normalise(original.deepCopy()));
    }

    private static JsonNode normalise(JsonNode report) {
        for (JsonNode entry : report.get("policies")) {
            ObjectNode policy = (ObjectNode) entry.get("policy");
            JsonNode mx = policy.get("mx-host");
            if (mx != null && mx.isTextual()) {
                policy.putArray("mx-host").add(mx.asText());
            }
            for (String listField : List.of("mx-host", "policy-string")) {
                if (policy.has(listField) && policy.get(listField).isEmpty()) {
                    policy.remove(listField);
                }
            }
            if ("tlsa".equals(policy.path("policy-type").asText()) && policy.has("policy-string")) {
                List<String> sorted = new ArrayList<>();
                policy.get("policy-string").forEach(s -> sorted.add(s.asText()));
                sorted.sort(null);
                ArrayNode array = policy.putArray("policy-string");
                sorted.forEach(array::add);
            }
            if (!entry.has("failure-details")) {
                ((ObjectNode) entry).putArray("failure-details");
            }
        }
        return report;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void parse_shouldReadCountsAsTheyAre(Path file) throws Exception {
        // GIVEN a real report WHEN parsed THEN the summary counts equal the file's
        JsonNode original = Json.MAPPER.readTree(Files.readAllBytes(file));
        Report report = Report.fromJson(Files.readAllBytes(file));
        Iterator<JsonNode> entries = original.get("policies").iterator();
        for (PolicyResult result : report.policies()) {
            JsonNode summary = entries.next().get("summary");
            assertThat(Map.of("ok", result.summary().successCount(), "failed", result.summary().failureCount()))
                    .isEqualTo(Map.of("ok", summary.get("total-successful-session-count").asLong(),
                            "failed", summary.get("total-failure-session-count").asLong()));
        }
    }
}
