package dev.tlsrpt.function.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.testing.CapturedOutput;
import dev.tlsrpt.testing.TestLambdaContext;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The log line every function writes (docs/design.md 6), through the same log4j2.properties and Powertools as the
 * deployment jars, in a JVM of its own: this class is the only one here that invokes, so its first invocation is the
 * environment's first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogLineTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogLineTest.class);

    @Test
    @Order(1)
    void write_shouldGiveOneJsonLinePerEvent_withTheInvocationsFieldsAndColdStartOnlyFirst() throws Exception {
        // GIVEN two invocations of one environment, each writing a line with fields
        TestLambdaContext context = new TestLambdaContext("IngestFunction");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", "/v1/results");
        fields.put("status", 202);
        fields.put("level", "reserved: dropped");

        // WHEN they run
        CapturedOutput output = CapturedOutput.during(() -> {
            PowertoolsLogging.withLogging(context, () -> {
                LogLine.write(LOG, Level.INFO, "ingest /v1/results 202", fields);
                return null;
            });
            PowertoolsLogging.withLogging(context, () -> {
                LogLine.write(LOG, Level.WARNING, "second", Map.of("n", 2));
                return null;
            });
        });

        // THEN each line is one JSON object with the level, the message, the invocation and the fields
        List<JsonNode> lines = output.jsonLines();
        assertThat(output.text().lines().filter(line -> line.contains("\"message\":\"ingest")).count()).isOne();
        JsonNode first = lines.stream().filter(line -> line.path("message").asText().startsWith("ingest")).findFirst().orElseThrow();
        JsonNode second = lines.stream().filter(line -> line.path("message").asText().equals("second")).findFirst().orElseThrow();
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("function_request_id").asText()).isEqualTo("test-request");
        assertThat(first.path("function_name").asText()).isEqualTo("IngestFunction");
        assertThat(first.path("service").asText()).isEqualTo("tlsrpt");
        assertThat(first.path("route").asText()).isEqualTo("/v1/results");
        assertThat(first.path("status").asInt()).isEqualTo(202);
        assertThat(first.path("timestamp").asText()).isNotBlank();
        assertThat(second.path("level").asText()).isEqualTo("WARN");
        assertThat(second.path("n").asInt()).isEqualTo(2);
        // only the environment's first invocation is a cold start
        assertThat(first.path("cold_start").asBoolean()).isTrue();
        assertThat(second.path("cold_start").isBoolean()).isTrue();
        assertThat(second.path("cold_start").asBoolean()).isFalse();
    }

    @Test
    @Order(2)
    void write_shouldPutAFailureIntoTheErrorObject_andLogNothingAtOff() throws Exception {
        CapturedOutput output = CapturedOutput.during(() -> PowertoolsLogging.withLogging(new TestLambdaContext("PlannerFunction"), () -> {
            LogLine.write(LOG, Level.ERROR, "plan failed", Map.of("day", "2026-11-29"), new IllegalStateException("day not over"));
            LogLine.write(LOG, Level.OFF, "never", Map.of());
            return null;
        }));

        assertThat(output.text()).doesNotContain("never");
        JsonNode line = output.jsonLines().stream().filter(l -> l.path("message").asText().equals("plan failed")).findFirst().orElseThrow();
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("day").asText()).isEqualTo("2026-11-29");
        assertThat(line.path("error").path("name").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(line.path("error").path("message").asText()).isEqualTo("day not over");
        assertThat(line.path("error").path("stack").asText()).contains("LogLineTest");
    }
}
