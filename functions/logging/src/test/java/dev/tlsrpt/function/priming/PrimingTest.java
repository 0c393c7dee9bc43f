package dev.tlsrpt.function.priming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.testing.CapturedOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hooks SnapStart runs before its snapshot (docs/design.md 8), run here as the cold-start benchmark runs them. */
class PrimingTest {

    @Test
    void beforeSnapshot_shouldRunEveryPrimeInOrder_evenAfterFailures_andSayWhatFailed() throws Exception {
        // GIVEN a prime that fails, one that reaches a class its jar lacks, and others that record that they ran
        List<String> ran = new ArrayList<>();
        Priming.beforeSnapshot(() -> {
            ran.add("failing");
            throw new IllegalStateException("the store is not there yet");
        });
        Priming.beforeSnapshot(() -> ran.add("second"));
        Priming.beforeSnapshot(() -> {
            ran.add("missing class");
            throw new NoClassDefFoundError("software/amazon/awssdk/services/s3/S3Client");
        });
        Priming.beforeSnapshot(() -> ran.add("last"));

        // WHEN Lambda would take the snapshot
        CapturedOutput output = CapturedOutput.during(Priming::beforeSnapshot);

        // THEN both ran, in order; the failure stayed inside but is named in a WARN line, and one INFO line counts
        // the primes (the log layout's and the two) and the failure
        assertThat(ran).containsExactly("failing", "second", "missing class", "last");
        List<JsonNode> lines = output.logLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("level").asText()).isEqualTo("WARN");
        assertThat(lines.get(0).path("failure").asText()).contains("the store is not there yet");
        assertThat(lines.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(lines.get(1).path("failure").asText()).contains("NoClassDefFoundError");
        JsonNode summary = lines.get(2);
        assertThat(summary.path("level").asText()).isEqualTo("INFO");
        assertThat(summary.path("message").asText()).isEqualTo("primed before the snapshot");
        assertThat(summary.path("primes").asInt()).isEqualTo(5);
        assertThat(summary.path("failed").asInt()).isEqualTo(2);
        assertThat(summary.has("duration_ms")).isTrue();
    }
}
