package dev.tlsrpt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reporting pipeline's wiring in template.yaml: queue, dead-letter queues, workers, concurrency. */
class TemplateReportingTest {
    private static final List<String> WORKER_ENVIRONMENT = List.of("RESULTS_TABLE", "RESULT_SHARDS", "LEDGER_TABLE",
            "SUPPRESSION_TABLE", "ORGANIZATION_NAME", "SUBMITTER_DOMAIN", "CONTACT_ADDRESS", "FROM_ADDRESS",
            "DKIM_SELECTOR", "DKIM_KEY_PARAMETER", "REPORT_ALL_SUCCESS", "CONFIGURATION_SET", "EVENT_BUS_NAME",
            "SES_SEND_RATE", "WORKER_CONCURRENCY", "REPORT_QUEUE_URL");

    private final SamTemplate template = SamTemplate.load();

    private JsonNode workerQueueEvent() {
        JsonNode events = template.properties("ReportWorkerFunction").path("Events");
        assertThat(events.size()).isEqualTo(1);
        JsonNode event = events.elements().next();
        assertThat(event.path("Type").asText()).isEqualTo("SQS");
        return event.path("Properties");
    }

    @Test
    void worker_getsEveryEnvironmentVariableItReads() {
        assertThat(template.properties("ReportWorkerFunction").path("Environment").path("Variables").fieldNames())
                .toIterable().containsAll(WORKER_ENVIRONMENT);
        assertThat(template.properties("ReportWorkerFunction").path("Handler").asText())
                .isEqualTo("dev.tlsrpt.function.worker.ReportWorkerHandler::handleRequest");
    }

    @Test
    void worker_readsTheReportQueue_withPartialBatchResponses() {
        JsonNode event = workerQueueEvent();
        assertThat(event.path("Queue").asText()).isEqualTo("ReportQueue.Arn");
        assertThat(event.path("FunctionResponseTypes")).extracting(JsonNode::asText).containsExactly("ReportBatchItemFailures");
        assertThat(event.path("BatchSize").asInt()).isBetween(1, 10);
    }

    @Test
    void workerConcurrency_isDerivedFromTheSendRate_andTheEventSourceNeverExceedsIt() {
        // GIVEN the rule: one worker per 5 emails a second, at least 2
        JsonNode mapping = template.root().path("Mappings").path("WorkerConcurrencyBySendRate");
        JsonNode allowedRates = template.root().path("Parameters").path("SesSendRate").path("AllowedValues");

        // THEN every allowed rate has its worker count, by that rule
        assertThat(allowedRates.size()).isPositive();
        allowedRates.forEach(rate -> assertThat(mapping.path(rate.asText()).path("Workers").asInt())
                .as("workers at %s emails/s", rate.asText())
                .isEqualTo(Math.max(2, (rate.asInt() + 4) / 5)));
        assertThat(mapping.size()).isEqualTo(allowedRates.size());

        // AND reserved concurrency, the event source's maximum and the worker's pacing all use that count
        List<String> lookup = List.of("WorkerConcurrencyBySendRate", "SesSendRate", "Workers");
        JsonNode worker = template.properties("ReportWorkerFunction");
        assertThat(worker.path("ReservedConcurrentExecutions")).extracting(JsonNode::asText).containsExactlyElementsOf(lookup);
        assertThat(workerQueueEvent().path("ScalingConfig").path("MaximumConcurrency")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(lookup);
        assertThat(worker.path("Environment").path("Variables").path("WORKER_CONCURRENCY")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(lookup);
        assertThat(worker.path("Environment").path("Variables").path("SES_SEND_RATE").asText()).isEqualTo("SesSendRate");
    }

    @Test
    void reportQueue_outlastsTheWorker_andDeadLettersAfterADayOfRetries() {
        JsonNode queue = template.properties("ReportQueue");
        int workerTimeout = template.properties("ReportWorkerFunction").path("Timeout").asInt();
        assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * workerTimeout);
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").asText()).isEqualTo("ReportDeadLetterQueue.Arn");
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(queue.path("MessageRetentionPeriod").asInt()).isEqualTo(4 * 24 * 3600);
        assertThat(template.properties("ReportDeadLetterQueue").path("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600);
    }

    @Test
    void everyDeadLetterQueue_hasAnAlarm() {
        List<String> watched = template.root().path("Resources").properties().stream()
                .filter(resource -> resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm"))
                .map(alarm -> alarm.getValue().path("Properties").path("Dimensions").path(0).path("Value").asText())
                .toList();
        assertThat(watched).contains("ReportDeadLetterQueue.QueueName", "PlannerDeadLetterQueue.QueueName");
    }

    @Test
    void worker_sendsOnlyThroughTheReportsConfigurationSet_andPutsEventsOnTheReportBus() {
        String policies = template.properties("ReportWorkerFunction").path("Policies").toString();
        assertThat(policies).contains("configuration-set/${ReportConfigurationSet}", "identity/${SubmitterDomain}",
                "parameter${DkimKeyParameterName}", "\"EventBusName\":\"ReportEventBus\"");
        assertThat(policies).doesNotContain("\"*\"");
        // The one table read whole is the rules table, a handful of items.
        assertThat(DynamoDbPermissions.grants("ReportWorkerFunction")).filteredOn(g -> g.action().equals("Scan"))
                .extracting(DynamoDbPermissions.Grant::table).containsExactly("RulesTable");
        assertThat(template.properties("ReportWorkerFunction").path("Environment").path("Variables")
                .path("CONFIGURATION_SET").asText()).isEqualTo("ReportConfigurationSet");
    }

    @Test
    void worker_runsWithBothCompilers_theShortFunctionsWithC1Only() {
        // Measured: the signing worker spends less CPU per job with C2 (docs/benchmarks.md); C1 starts faster.
        assertThat(template.properties("ReportWorkerFunction").at("/Environment/Variables/JAVA_TOOL_OPTIONS").asText())
                .isEqualTo("-XX:+TieredCompilation");
        assertThat(template.root().at("/Globals/Function/Environment/Variables/JAVA_TOOL_OPTIONS").asText())
                .contains("-XX:TieredStopAtLevel=1");
    }
}
