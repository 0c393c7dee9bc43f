package dev.tlsrpt.send.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmfMetricsPublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T01:15:00Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EmfMetricsPublisher publisher =
            new EmfMetricsPublisher(new PrintStream(out, true, StandardCharsets.UTF_8), CLOCK);

    private static ReportOutcome outcome(Channel channel, Status status, String reason) {
        return new ReportOutcome(LocalDate.of(2026, 11, 28), DestinationKind.RECIPIENT_DOMAIN, "example.com", channel,
                channel == Channel.NONE ? null : "mailto:tlsrpt@example.com", status, reason);
    }

    private String[] lines() {
        return out.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void publish_shouldWriteOneEmbeddedMetricFormatLine() throws Exception {
        // GIVEN a sent e-mail report WHEN published
        publisher.publish(outcome(Channel.EMAIL, Status.SENT, null));

        // THEN one JSON line: an EMF directive for tlsrpt/ReportsSent by Channel, and the values it names
        assertThat(lines()).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(lines()[0]);
        JsonNode directive = line.path("_aws");
        assertThat(directive.path("Timestamp").asLong()).isEqualTo(CLOCK.millis());
        JsonNode metrics = directive.path("CloudWatchMetrics").get(0);
        assertThat(metrics.path("Namespace").asText()).isEqualTo("tlsrpt");
        assertThat(metrics.path("Dimensions").toString()).isEqualTo("[[\"Channel\"]]");
        assertThat(metrics.path("Metrics").toString()).isEqualTo("[{\"Name\":\"ReportsSent\",\"Unit\":\"Count\"}]");
        assertThat(line.path("Channel").asText()).isEqualTo("EMAIL");
        assertThat(line.path("ReportsSent").asInt()).isEqualTo(1);
        // AND the outcome's fields, for Logs Insights, without null members
        assertThat(line.path("domain").asText()).isEqualTo("example.com");
        assertThat(line.path("day").asText()).isEqualTo("2026-11-28");
        assertThat(line.has("reason")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"SENT, ReportsSent", "SKIPPED, ReportsSkipped", "FAILED, ReportsFailed", "RETRYING, ReportsRetrying"})
    void eachStatus_shouldCountItsOwnMetric(Status status, String metric) throws Exception {
        publisher.publish(outcome(Channel.HTTPS, status, status == Status.SENT ? null : "why"));

        JsonNode line = Json.MAPPER.readTree(lines()[0]);
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText())
                .isEqualTo(metric);
        assertThat(line.path(metric).asInt()).isEqualTo(1);
        assertThat(line.path("Channel").asText()).isEqualTo("HTTPS");
    }

    @Test
    void aCapHit_shouldAlsoCountSendCapsHitByCap_besideTheSkippedReport() throws Exception {
        publisher.publish(new ReportOutcome(LocalDate.of(2026, 11, 28), DestinationKind.RECIPIENT_DOMAIN, "example.com",
                Channel.EMAIL, "tlsrpt@example.com", Status.SKIPPED, SendCaps.DEFAULTS.reason(SendCaps.Cap.REPORTS_PER_ADDRESS),
                SendCaps.Cap.REPORTS_PER_ADDRESS));

        JsonNode line = Json.MAPPER.readTree(lines()[0]);
        JsonNode directives = line.path("_aws").path("CloudWatchMetrics");
        assertThat(directives).hasSize(2);
        assertThat(directives.get(0).path("Metrics").get(0).path("Name").asText()).isEqualTo("ReportsSkipped");
        assertThat(directives.get(1).path("Dimensions").toString()).isEqualTo("[[\"Cap\"]]");
        assertThat(directives.get(1).path("Metrics").get(0).path("Name").asText()).isEqualTo("SendCapsHit");
        assertThat(line.path("Cap").asText()).isEqualTo("reports-per-address");
        assertThat(line.path("SendCapsHit").asInt()).isEqualTo(1);
        assertThat(line.path("ReportsSkipped").asInt()).isEqualTo(1);
    }

    @Test
    void anOutcomeWithoutACap_shouldWriteNoSendCapsHit() throws Exception {
        publisher.publish(outcome(Channel.EMAIL, Status.SKIPPED, "suppressed address"));

        JsonNode line = Json.MAPPER.readTree(lines()[0]);
        assertThat(line.path("_aws").path("CloudWatchMetrics")).hasSize(1);
        assertThat(line.has("SendCapsHit")).isFalse();
    }
}
