package dev.tlsrpt.function.operator;

import static dev.tlsrpt.testing.WorkerFixtures.mxHost;
import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.send.events.DaySummaryPublisher;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.EmulatedDelivery;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The day summary on the emulator: a day ingested into DynamoDB, its ledger as the worker leaves it, the
 * summary event read back from an SQS queue behind a rule on the bus, and the e-mail from SES's outbox.
 */
class DaySummaryHandlerIT {
    private static final String BUS = "tlsrpt-reports";
    private static final Instant RUN = Instant.parse("2026-11-29T01:15:00Z");

    private DynamoDbResultStore results;
    private DynamoDbLedger ledger;
    private EventBridgeClient events;
    private SesV2Client ses;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void dayReportedAndABusWithARule() {
        MotoServer.get().reset();
        var dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, Clock.fixed(RUN, ZoneOffset.UTC));
        ledger = new DynamoDbLedger(dynamo, "tlsrpt-ledger");
        results.apply("batch-1", "hash-1", BatchAggregator.aggregate(WorkerFixtures.mixedDay()));

        events = EmulatedDelivery.eventBridge();
        sqs = EmulatedDelivery.sqs();
        ses = EmulatedDelivery.sesV2();
        events.createEventBus(r -> r.name(BUS));
        queueUrl = sqs.createQueue(r -> r.queueName("operator-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name("day-summary").eventBusName(BUS)
                .eventPattern("{\"source\":[\"tlsrpt\"],\"detail-type\":[\"tlsrpt day summary\"]}"));
        events.putTargets(r -> r.rule("day-summary").eventBusName(BUS).targets(t -> t.id("queue").arn(queueArn)));
        EmulatorOutbox.verifyDomain(ses, TlsrptFixtures.SETTINGS.submitterDomain());

        // The ledger as the worker leaves it: sent, two kinds of skipped, failed, one still retrying
        finish(recipientDomain("rcpt.example"), Status.SENT, "sent 3, failed 0, skipped 0");
        finish(recipientDomain("norecord.example"), Status.SKIPPED, "no TLSRPT record: NXDOMAIN");
        finish(recipientDomain("twice.example"), Status.SKIPPED, "several TLSRPT records");
        finish(recipientDomain("quiet.example"), Status.SKIPPED, "nothing to report: no failure, or no result that may trigger a report");
        finish(recipientDomain("other.example"), Status.FAILED, "sent 0, failed 1, skipped 0");
        ledger.begin(recipientDomain("flaky.example"), RUN);
        ledger.begin(recipientDomain("flaky.example"), RUN.plusSeconds(60));
        ledger.begin(recipientDomain("flaky.example"), RUN.plusSeconds(180));
        finish(mxHost("mx.hosting.example"), Status.SENT, "sent 2, failed 0, skipped 0");
        // mx.rcpt.example: no attempt yet
    }

    private void finish(dev.tlsrpt.tlsrpt.DestinationKey job, Status outcome, String reason) {
        ledger.begin(job, RUN);
        ledger.finish(job, outcome, reason, Set.of(), RUN.plusSeconds(1));
    }

    private DaySummaryHandler handler(String summaryEmail) {
        return new DaySummaryHandler(results, ledger,
                new DaySummaryPublisher(events, BUS, ses, "tlsrpt-noreply@" + TlsrptFixtures.SETTINGS.submitterDomain(), summaryEmail));
    }

    private List<JsonNode> received() throws Exception {
        List<JsonNode> received = new ArrayList<>();
        for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
            received.add(Json.MAPPER.readTree(m.body()));
        }
        return received;
    }

    @Test
    void scheduledRun_shouldPublishOneDaySummaryEvent_withTheLedgersCounts() throws Exception {
        // WHEN the schedule fires at 06:15 on the day after the data's day
        Map<String, Object> output = handler(null).handleRequest(Map.of("scheduledTime", "2026-11-29T06:15:00Z"), null);

        // THEN one event on the bus, and its detail has the day's counts from the ledger
        List<JsonNode> received = received();
        assertThat(received).hasSize(1);
        JsonNode event = received.get(0);
        assertThat(event.path("source").asText()).isEqualTo("tlsrpt");
        assertThat(event.path("detail-type").asText()).isEqualTo("tlsrpt day summary");
        JsonNode detail = event.path("detail");
        assertThat(detail.path("day").asText()).isEqualTo("2026-11-28");
        int destinations = WorkerFixtures.jobs(WorkerFixtures.mixedDay()).size();
        assertThat(detail.path("destinations").asInt()).isEqualTo(destinations);
        assertThat(detail.path("sent").asInt()).isEqualTo(2);
        assertThat(detail.path("failed").asInt()).isEqualTo(1);
        assertThat(detail.path("retrying").asInt()).isEqualTo(1);
        assertThat(detail.path("notAttempted").asInt()).isEqualTo(destinations - 7);
        assertThat(detail.path("skipped").toString())
                .isEqualTo("{\"no TLSRPT record\":1,\"nothing to report\":1,\"several TLSRPT records\":1}");
        // AND the failing destinations, most attempts first
        assertThat(detail.path("topFailing")).extracting(f -> f.path("domain").asText() + " " + f.path("state").asText()
                + " " + f.path("attempts").asInt()).containsExactly("flaky.example retrying 3", "other.example failed 1");
        assertThat(output).containsEntry("sent", 2);
    }

    @Test
    void summaryEmail_shouldGoToTheOperatorWhenAnAddressIsSet() throws Exception {
        handler("noc@operator.example").handleRequest(Map.of("day", "2026-11-28"), null);

        // THEN SES accepted one e-mail to that address whose subject and body carry the counts
        String state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(System.getProperty("aws.endpointUrl", System.getenv("AWS_ENDPOINT_URL"))).resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode sesState = Json.MAPPER.readTree(state).path("ses");
        List<JsonNode> messages = new ArrayList<>();
        sesState.path("Message").forEach(messages::add);
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.toString()).contains("noc@operator.example");
            assertThat(m.path("subject").asText()).isEqualTo("tlsrpt 2026-11-28: 2 sent, 1 failed, 1 retrying - needs a look");
            assertThat(m.path("body").asText()).contains("flaky.example", "tlsrpt status --day 2026-11-28");
        });
        assertThat(received()).hasSize(1);
    }

    @Test
    void noSummaryEmail_whenNoAddressIsSet() throws Exception {
        handler("").handleRequest(Map.of("day", "2026-11-28"), null);

        String state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(System.getProperty("aws.endpointUrl", System.getenv("AWS_ENDPOINT_URL"))).resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(Json.MAPPER.readTree(state).path("ses").path("Message").size()).isZero();
        assertThat(received()).hasSize(1);
    }
}
