package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** `tlsrpt backfill` against the emulator: the day's jobs land in the report queue, and the day is closed. */
class BackfillCommandIT {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void sampleDay() throws Exception {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T01:00:00Z"), ZoneOffset.UTC);
        byte[] body = Json.MAPPER.readTree(Fixtures.event("ingest-results.json").toFile()).get("body").textValue()
                .getBytes(StandardCharsets.UTF_8);
        new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, clock).apply("sample", "sample",
                BatchAggregator.aggregate(ResultsRequestParser.parse(body, clock.instant()).results()));
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        queueUrl = sqs.createQueue(r -> r.queueName("tlsrpt-reports")).queueUrl();
        TestStack.write("tlsrpt", 16, queueUrl);
    }

    @Test
    void backfill_shouldEnqueueEveryDestinationOfTheDayAndCloseIt() {
        Run run = Cli.run("backfill", "--day", DAY.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("enqueued 9 recipient-domain and 1 MX-host jobs");
        List<DestinationKey> now = receiveAll();
        assertThat(now).hasSize(9).allSatisfy(job -> assertThat(job.kind()).isEqualTo(DestinationKind.RECIPIENT_DOMAIN));
        assertThat(now).extracting(DestinationKey::domain).contains("example.com", "xn--bcher-kva.example");
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo("1");
        assertThat(new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, Clock.systemUTC()).isDayClosed(DAY)).isTrue();
    }

    @Test
    void backfill_withASpread_shouldPutTheWindowOnEveryJob() {
        Instant before = Instant.now();

        Run run = Cli.run("backfill", "--day", DAY.toString(), "--spread-minutes", "120");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("enqueued 9 recipient-domain and 1 MX-host jobs").contains("spread until ");
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            batch.forEach(m -> bodies.add(m.body()));
        } while (!batch.isEmpty());
        assertThat(bodies).hasSize(9).allSatisfy(body -> {
            ReportSpread spread = ReportJobs.spreadOf(body);
            assertThat(spread.length()).isEqualTo(Duration.ofHours(2));
            assertThat(spread.from()).isBetween(before.minusSeconds(1), Instant.now());
        });
    }

    @Test
    void backfill_shouldRefuseASpreadBeyondADay_beforeTouchingTheDay() {
        Run run = Cli.run("backfill", "--day", DAY.toString(), "--spread-minutes", "2000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--spread-minutes must be 0 to 1440 minutes, not 2000");
        assertThat(new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, Clock.systemUTC()).isDayClosed(DAY)).isFalse();
        assertThat(receiveAll()).isEmpty();
    }

    @Test
    void backfill_shouldRefuseADayThatIsNotOver() {
        Run run = Cli.run("backfill", "--day", LocalDate.now(ZoneOffset.UTC).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not over yet").doesNotContain("Exception");
        assertThat(receiveAll()).isEmpty();
    }

    private List<DestinationKey> receiveAll() {
        List<DestinationKey> jobs = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            batch.forEach(m -> jobs.add(ReportJobs.fromJson(m.body())));
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        } while (!batch.isEmpty());
        return jobs;
    }
}
