package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.EmulatedDelivery;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The commands learn the stack's shards and names from its settings item, and refuse without one. */
class StackSettingsIT {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T01:00:00Z"), ZoneOffset.UTC);
    private static final int SHARDS = 64;
    private static final int DESTINATIONS = 10;

    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void aStackWith64ShardsAndTenDestinations() throws Exception {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "big-results");
        LocalTables.create(dynamo, "big-ledger", true);
        String results = IntStream.range(0, DESTINATIONS)
                .mapToObj(i -> "{\"time\":\"2026-11-28T10:00:00Z\",\"recipient-domain\":\"d" + i + ".example\","
                        + "\"policy\":{\"policy-type\":\"no-policy-found\"},\"successful-sessions\":1,\"failed-sessions\":1,"
                        + "\"failure-details\":[{\"result-type\":\"starttls-not-supported\",\"failed-session-count\":1}]}")
                .collect(Collectors.joining(",", "{\"results\":[", "]}"));
        new DynamoDbResultStore(dynamo, "big-results", SHARDS, CLOCK).apply("b", "b", BatchAggregator.aggregate(
                ResultsRequestParser.parse(results.getBytes(StandardCharsets.UTF_8), CLOCK.instant()).results()));
        sqs = EmulatedDelivery.sqs();
        queueUrl = sqs.createQueue(r -> r.queueName("big-reports")).queueUrl();
    }

    @Test
    void status_shouldListEveryDestination_withTheStacksShards() throws Exception {
        TestStack.write("big", SHARDS, queueUrl);
        // GIVEN the guess the command used to make would miss some of them
        assertThat(new DynamoDbResultStore(dynamo, "big-results", 16, CLOCK).destinations(DAY)).hasSizeLessThan(DESTINATIONS);

        Run run = Cli.run("status", "--stack", "big", "--day", DAY.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode listed = Json.MAPPER.readTree(run.out());
        assertThat(listed).hasSize(DESTINATIONS);
    }

    @Test
    void backfill_shouldQueueEveryDestination_onTheStacksQueue() {
        TestStack.write("big", SHARDS, queueUrl);

        Run run = Cli.run("backfill", "--stack", "big", "--day", DAY.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("enqueued " + DESTINATIONS + " recipient-domain and 0 MX-host jobs");
        String queued = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        assertThat(queued).isEqualTo(String.valueOf(DESTINATIONS));
    }

    @Test
    void everyCommand_refusesWithoutTheSettingsItem_namingIt() {
        for (String[] command : new String[][] {{"status", "--day", DAY.toString()}, {"backfill", "--day", DAY.toString()},
                {"token", "list"}, {"suppress", "list"}, {"doctor"}, {"dkim-record"},
                {"preview", "--day", DAY.toString(), "--domain", "d1.example"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--stack";
            args[command.length + 1] = "big";

            Run run = Cli.run(args);

            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(Tlsrpt.NO_STACK_SETTINGS);
            assertThat(run.err()).as(String.join(" ", command))
                    .contains("no settings for stack \"big\"", "SSM parameter /big/settings does not exist")
                    .doesNotContain("Exception");
        }
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void anIncompleteItem_isRefusedNamingWhatItLacks() {
        try (var ssm = TestStack.ssm()) {
            ssm.putParameter(r -> r.name("/big/settings").type("String").value("{\"version\":1,\"resultsTable\":\"big-results\"}"));
        }

        Run run = Cli.run("status", "--stack", "big", "--day", DAY.toString());

        assertThat(run.exitCode()).isEqualTo(Tlsrpt.NO_STACK_SETTINGS);
        assertThat(run.err()).contains("/big/settings lacks", "resultShards", "ledgerTable");
    }
}
