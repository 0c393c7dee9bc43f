package dev.tlsrpt.function.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.deploy.SamTemplate;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.tlsrpt.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml calls the planner the way PlannerHandler reads its input and environment. */
class PlannerTemplateTest {
    private final SamTemplate template = SamTemplate.load();

    @Test
    void schedule_passesTheScheduledTime_underTheKeyThePlannerReads() throws Exception {
        // GIVEN the planner's one schedule
        JsonNode events = template.properties("PlannerFunction").path("Events");
        assertThat(events.size()).isEqualTo(1);
        JsonNode schedule = events.elements().next();
        assertThat(schedule.path("Type").asText()).isEqualTo("ScheduleV2");
        JsonNode properties = schedule.path("Properties");

        // THEN it runs on ReportSchedule in UTC and passes <aws.scheduler.scheduled-time> as scheduledTime
        assertThat(properties.path("ScheduleExpression").asText()).isEqualTo("ReportSchedule");
        assertThat(properties.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        Map<String, Object> input = Json.MAPPER.readValue(properties.path("Input").asText(), Map.class);
        assertThat(input).containsExactly(Map.entry(PlannerInput.SCHEDULED_TIME, "<aws.scheduler.scheduled-time>"));
        assertThat(properties.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
        assertThat(properties.path("DeadLetterConfig").path("Arn").asText()).isEqualTo("PlannerDeadLetterQueue.Arn");
    }

    @Test
    void latestRun_isWithinWhatTheSpreadCheckAssumes() {
        // The schedule's retries and then Lambda's retries of the run: how late after its day a run may start,
        // which ReportSpread.check counts against the results' retention (docs/design.md 2.11).
        JsonNode planner = template.properties("PlannerFunction");
        long scheduler = planner.path("Events").elements().next().path("Properties").path("RetryPolicy")
                .path("MaximumEventAgeInSeconds").asLong();
        long lambda = planner.path("EventInvokeConfig").path("MaximumEventAgeInSeconds").asLong();

        assertThat(scheduler).isPositive();
        assertThat(lambda).isPositive();
        assertThat(Duration.ofSeconds(scheduler + lambda)).isLessThanOrEqualTo(ReportSpread.LATEST_PLANNING);
    }

    @Test
    void planner_getsTheEnvironmentItReads_andMayRunFifteenMinutes() {
        JsonNode planner = template.properties("PlannerFunction");
        assertThat(planner.path("Environment").path("Variables").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("RESULTS_TABLE", "RESULT_SHARDS", "REPORT_QUEUE_URL", "REPORT_SPREAD_MINUTES",
                        "LEDGER_TABLE", "REPORT_ALL_SUCCESS", "EVENT_BUS_NAME");
        assertThat(planner.path("Environment").path("Variables").path("REPORT_QUEUE_URL").asText()).isEqualTo("ReportQueue");
        // Which destinations need no report: the planner and the worker decide it from the same parameter.
        assertThat(planner.path("Environment").path("Variables").path("REPORT_ALL_SUCCESS").asText()).isEqualTo("ReportAllSuccess")
                .isEqualTo(template.properties("ReportWorkerFunction").path("Environment").path("Variables")
                        .path("REPORT_ALL_SUCCESS").asText());
        assertThat(planner.path("Environment").path("Variables").path("EVENT_BUS_NAME").asText())
                .isEqualTo(template.properties("ReportWorkerFunction").path("Environment").path("Variables")
                        .path("EVENT_BUS_NAME").asText());
        assertThat(planner.path("Environment").path("Variables").path("REPORT_SPREAD_MINUTES").asText()).isEqualTo("ReportSpreadMinutes");
        assertThat(planner.path("Handler").asText()).isEqualTo(PlannerHandler.class.getName() + "::handleRequest");
        assertThat(planner.path("Timeout").asInt()).isEqualTo(900);
        assertThat(planner.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure").path("Destination").asText())
                .isEqualTo("PlannerDeadLetterQueue.Arn");
    }
}
