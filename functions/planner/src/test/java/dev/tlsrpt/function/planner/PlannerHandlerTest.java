package dev.tlsrpt.function.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.send.DayNotOverException;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.testing.CapturedOutput;
import dev.tlsrpt.testing.TestLambdaContext;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerHandlerTest {
    /** A retried schedule can run hours late; the day must still come from the input. */
    private static final Clock LATE_IN_THE_DAY = Clock.fixed(Instant.parse("2026-11-29T23:50:00Z"), ZoneOffset.UTC);

    private final List<LocalDate> closed = new ArrayList<>();
    private final List<DestinationKey> enqueued = new ArrayList<>();

    private PlannerHandler handler() {
        StoredResults index = new StoredResults() {
            @Override
            public List<DestinationKey> destinations(LocalDate day) {
                return List.of(new DestinationKey(day, DestinationKind.RECIPIENT_DOMAIN, "example.com"),
                        new DestinationKey(day, DestinationKind.MX_HOST, "mx.example.net"));
            }

            @Override
            public List<TlsResult> results(DestinationKey destination) {
                return List.of();
            }
        };
        ReportPlanner planner = new ReportPlanner(index, closed::add, (jobs, delay, spread) -> enqueued.addAll(jobs), LATE_IN_THE_DAY);
        return new PlannerHandler(planner);
    }

    private static Map<String, Object> event(String file) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        return Json.MAPPER.readValue(dir.resolve("events").resolve(file).toFile(), new TypeReference<>() { });
    }

    private static JsonNode onlyLogLine(CapturedOutput output) {
        assertThat(output.logLines()).hasSize(1);
        return output.logLines().get(0);
    }

    @Test
    void handleRequest_shouldPlanTheDayBeforeTheScheduledTime_notTheClocksDay() throws IOException {
        // GIVEN the schedule's input (events/planner-schedule.json, what `sam local invoke` sends too)
        Map<String, Object> input = event("planner-schedule.json");

        // WHEN the run starts late
        Map<String, Object> output = handler().handleRequest(input, null);

        // THEN it plans the day that ended at the scheduled time, and reports the counts
        assertThat(closed).containsExactly(LocalDate.parse("2026-11-28"));
        assertThat(enqueued).extracting(DestinationKey::day).containsOnly(LocalDate.parse("2026-11-28"));
        assertThat(output).containsEntry("day", "2026-11-28").containsEntry("trigger", "schedule")
                .containsEntry("recipientDomains", 1).containsEntry("mxHosts", 1)
                .containsEntry("mxHostDelaySeconds", ReportPlanner.MX_HOST_DELAY.toSeconds());
    }

    @Test
    void handleRequest_shouldPlanTheGivenDay_asABackfill() throws IOException {
        // GIVEN an operator's input naming a day
        Map<String, Object> input = event("planner-backfill.json");

        // WHEN it runs
        Map<String, Object> output = handler().handleRequest(input, null);

        // THEN that day is planned
        assertThat(closed).containsExactly(LocalDate.parse("2026-11-20"));
        assertThat(output).containsEntry("day", "2026-11-20").containsEntry("trigger", "backfill");
    }

    @Test
    void handleRequest_shouldWriteOneJsonLogLine_withTheCounts() throws Exception {
        // WHEN a scheduled run succeeds
        CapturedOutput output = CapturedOutput.during(() ->
                handler().handleRequest(Map.of("scheduledTime", "2026-11-29T00:15:00Z"), new TestLambdaContext("PlannerFunction")));

        // THEN one JSON line says what it did, with the invocation's request id
        JsonNode line = onlyLogLine(output);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("planned 2026-11-28");
        assertThat(line.path("function_request_id").asText()).isEqualTo("test-request");
        assertThat(line.path("day").asText()).isEqualTo("2026-11-28");
        assertThat(line.path("recipientDomains").asInt()).isEqualTo(1);
        assertThat(line.path("mxHosts").asInt()).isEqualTo(1);
        assertThat(line.has("ms")).isTrue();
    }

    @Test
    void handleRequest_shouldFail_andLogTheError_forTheOpenDay() throws Exception {
        // GIVEN a backfill of today (2026-11-29 by the clock)
        PlannerHandler handler = handler();

        // WHEN it runs THEN it fails without closing the open day, and the log line says why
        CapturedOutput output = CapturedOutput.during(() ->
                assertThatThrownBy(() -> handler.handleRequest(Map.of("day", "2026-11-29"), null))
                        .isInstanceOf(DayNotOverException.class));
        assertThat(closed).isEmpty();
        assertThat(enqueued).isEmpty();
        JsonNode line = onlyLogLine(output);
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("message").asText()).isEqualTo("plan failed");
        assertThat(line.path("error").path("name").asText()).isEqualTo(DayNotOverException.class.getName());
        assertThat(line.path("error").path("message").asText()).contains("2026-11-29 is not over");
        assertThat(line.path("day").asText()).isEqualTo("2026-11-29");
    }

    @Test
    void handleRequest_shouldRefuseInputThatNamesNoDayOrBoth() {
        PlannerHandler handler = handler();

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> handler.handleRequest(null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handler.handleRequest(Map.of("day", "2026-11-20", "scheduledTime", "2026-11-29T00:15:00Z"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("day", "28.11.2026"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("28.11.2026");
        assertThat(closed).isEmpty();
    }

    @Test
    void plannerInput_shouldTakeTheUtcDay_evenRightAfterMidnight() {
        assertThat(PlannerInput.of(Map.of("scheduledTime", "2026-12-01T00:00:00Z")).day()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(PlannerInput.of(Map.of("scheduledTime", "2027-01-01T00:15:00Z")).day()).isEqualTo(LocalDate.parse("2026-12-31"));
    }
}
