package dev.tlsrpt.function.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.send.DayNotOverException;
import dev.tlsrpt.send.QuietDestinations;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.sqs.SqsReportQueue;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.SyntheticBatches;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The planner against the emulator: results ingested into DynamoDB, jobs read back from SQS. */
class PlannerHandlerIT {
    private static final String TABLE = "tlsrpt-results";
    private static final int SHARDS = 16;
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Instant INGESTED_AT = Instant.parse("2026-11-29T00:05:00Z");
    private static final Clock AFTER_MIDNIGHT = Clock.fixed(Instant.parse("2026-11-29T00:15:00Z"), ZoneOffset.UTC);
    private static final Map<String, Object> SCHEDULED = Map.of("scheduledTime", "2026-11-29T00:15:00Z");


    private DynamoDbResultStore store;
    private SqsClient sqs;
    private String queueUrl;
    private PlannerHandler handler;

    @BeforeEach
    void emptyEmulator() {
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, TABLE);
        store = new DynamoDbResultStore(dynamo, TABLE, SHARDS, AFTER_MIDNIGHT);
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        queueUrl = sqs.createQueue(r -> r.queueName("tlsrpt-reports")).queueUrl();
        ReportPlanner planner = new ReportPlanner(store, store::closeDay, new SqsReportQueue(sqs, queueUrl), AFTER_MIDNIGHT);
        handler = new PlannerHandler(planner);
    }

    /** A realistic day: 40 recipient domains, a quarter of them behind 3 DANE MX hosts. */
    private void ingestMixedDay() throws Exception {
        for (int batch = 0; batch < 3; batch++) {
            byte[] body = SyntheticBatches.realistic(500, 40, DAY, batch);
            List<CounterDelta> deltas = BatchAggregator.aggregate(ResultsRequestParser.parse(body, INGESTED_AT).results());
            store.apply("batch-" + batch, "hash-" + batch, deltas);
        }
    }

    /** Every visible message, received until the queue answers empty, then deleted. */
    private List<DestinationKey> receiveAll() {
        List<DestinationKey> jobs = new ArrayList<>();
        List<Message> page;
        do {
            page = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(600)).messages();
            List<DeleteMessageBatchRequestEntry> received = new ArrayList<>();
            for (Message message : page) {
                jobs.add(ReportJobs.fromJson(message.body()));
                received.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(received.size())).receiptHandle(message.receiptHandle()).build());
            }
            if (!received.isEmpty()) {
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(received));
            }
        } while (!page.isEmpty());
        return jobs;
    }

    private int delayedMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private int visibleMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static Set<String> domains(List<DestinationKey> jobs, DestinationKind kind) {
        return jobs.stream().filter(job -> job.kind() == kind).map(DestinationKey::domain).collect(Collectors.toSet());
    }

    @Test
    void scheduledRun_shouldEnqueueEveryRecipientDomainOnce_andDelayTheMxHosts() throws Exception {
        // GIVEN a mixed day in the results table
        ingestMixedDay();

        // WHEN the schedule fires after midnight
        Map<String, Object> output = handler.handleRequest(SCHEDULED, null);

        // THEN each recipient domain is a visible job exactly once, and the 3 MX hosts wait
        List<DestinationKey> visible = receiveAll();
        assertThat(visible).doesNotHaveDuplicates().extracting(DestinationKey::day).containsOnly(DAY);
        assertThat(visible).extracting(DestinationKey::kind).containsOnly(DestinationKind.RECIPIENT_DOMAIN);
        assertThat(domains(visible, DestinationKind.RECIPIENT_DOMAIN))
                .isEqualTo(IntStream.range(0, 40).mapToObj(d -> "domain" + d + ".example").collect(Collectors.toSet()));
        assertThat(delayedMessages()).isEqualTo(3);
        assertThat(output).containsEntry("recipientDomains", 40).containsEntry("mxHosts", 3);
    }

    @Test
    void scheduledRun_shouldRecordTheRecipientDomainsWithoutFailures_andQueueTheRest() throws Exception {
        // GIVEN a mixed day, and the planner as deployed: quiet destinations go to the ledger (ReportAllSuccess off)
        ingestMixedDay();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        DynamoDbLedger ledger = new DynamoDbLedger(dynamo, "tlsrpt-ledger");
        List<ReportOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        PlannerHandler deployed = new PlannerHandler(new ReportPlanner(store, store::closeDay, new SqsReportQueue(sqs, queueUrl),
                AFTER_MIDNIGHT, Duration.ZERO, new QuietDestinations(ledger, false, () -> outcomes::add, AFTER_MIDNIGHT)));

        // WHEN the schedule fires
        Map<String, Object> output = deployed.handleRequest(SCHEDULED, null);

        // THEN exactly the recipient domains with a failure are queued, and every other one is done in the ledger
        List<DestinationKey> queued = receiveAll();
        Set<String> failing = new java.util.TreeSet<>();
        Set<String> quiet = new java.util.TreeSet<>();
        for (DestinationKey destination : store.destinations(DAY)) {
            if (destination.kind() == DestinationKind.RECIPIENT_DOMAIN) {
                boolean failed = store.results(destination).stream().anyMatch(TlsResult::hasFailure);
                (failed ? failing : quiet).add(destination.domain());
            }
        }
        assertThat(failing).as("the day has failing domains").isNotEmpty();
        assertThat(quiet).as("the day has quiet domains").isNotEmpty();
        assertThat(domains(queued, DestinationKind.RECIPIENT_DOMAIN)).isEqualTo(failing);
        assertThat(delayedMessages()).isEqualTo(3);
        assertThat(output).containsEntry("recipientDomains", failing.size()).containsEntry("noReport", quiet.size())
                .containsEntry("mxHosts", 3);
        for (String domain : quiet) {
            DestinationKey job = new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, domain);
            assertThat(ledger.find(job)).hasValueSatisfying(entry -> {
                assertThat(entry.isDone()).isTrue();
                assertThat(entry.outcome()).isEqualTo(ReportOutcome.Status.SKIPPED);
            });
        }
        assertThat(outcomes).extracting(ReportOutcome::domain).containsExactlyInAnyOrderElementsOf(quiet);

        // AND a second run queues the same jobs and records nothing twice
        outcomes.clear();
        Map<String, Object> again = deployed.handleRequest(SCHEDULED, null);
        assertThat(domains(receiveAll(), DestinationKind.RECIPIENT_DOMAIN)).isEqualTo(failing);
        assertThat(again).containsEntry("noReport", quiet.size());
        assertThat(outcomes).isEmpty();
    }

    @Test
    void scheduledRun_shouldEnqueueTheMxHostsOnce_withTheirDelay() throws Exception {
        // GIVEN a mixed day, planned through a queue that delays nothing, so the MX-host jobs can be read at once
        ingestMixedDay();
        ReportPlanner planner = new ReportPlanner(store, store::closeDay, (jobs, delay, spread) -> {
            assertThat(delay).isEqualTo(jobs.isEmpty() || jobs.getFirst().kind() == DestinationKind.RECIPIENT_DOMAIN
                    ? Duration.ZERO : ReportPlanner.MX_HOST_DELAY);
            new SqsReportQueue(sqs, queueUrl).enqueue(jobs, Duration.ZERO, spread);
        }, AFTER_MIDNIGHT);

        // WHEN the day is planned
        planner.plan(DAY);

        // THEN every destination of the day's index is on the queue exactly once
        List<DestinationKey> jobs = receiveAll();
        assertThat(jobs).doesNotHaveDuplicates().hasSize(43);
        assertThat(domains(jobs, DestinationKind.MX_HOST))
                .containsExactlyInAnyOrder("mx.hosting0.example", "mx.hosting1.example", "mx.hosting2.example");
    }

    @Test
    void scheduledRun_withASpread_shouldPutTheWindowOnEveryJob_withSlotsAcrossIt() throws Exception {
        // GIVEN a mixed day, and a planner configured as the template's default: four hours
        ingestMixedDay();
        PlannerHandler spreading = new PlannerHandler(new ReportPlanner(store, store::closeDay, new SqsReportQueue(sqs, queueUrl),
                AFTER_MIDNIGHT, Duration.ofMinutes(240)));

        // WHEN the schedule fires
        Map<String, Object> output = spreading.handleRequest(SCHEDULED, null);

        // THEN each recipient-domain job on the queue carries the window from the run's start, and their slots
        // cover it rather than bunch at its start
        List<Message> received = new ArrayList<>();
        List<Message> page;
        do {
            page = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(600)).messages();
            received.addAll(page);
        } while (!page.isEmpty());
        ReportSpread expected = new ReportSpread(AFTER_MIDNIGHT.instant(), Duration.ofHours(4));
        assertThat(received).hasSize(40).allSatisfy(m -> assertThat(ReportJobs.spreadOf(m.body())).isEqualTo(expected));
        List<Instant> slots = received.stream().map(m -> expected.slot(ReportJobs.fromJson(m.body()))).sorted().toList();
        assertThat(slots).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).isBetween(expected.from(), expected.end()));
        assertThat(slots.getFirst()).isBefore(expected.from().plus(Duration.ofHours(1)));
        assertThat(slots.getLast()).isAfter(expected.end().minus(Duration.ofHours(1)));
        assertThat(output).containsEntry("spreadSeconds", 14_400L);
    }

    @Test
    void scheduledRun_shouldCloseTheDay_soLaterResultsAreLate() throws Exception {
        // GIVEN a mixed day
        ingestMixedDay();
        assertThat(store.isDayClosed(DAY)).isFalse();

        // WHEN it is planned
        handler.handleRequest(SCHEDULED, null);

        // THEN ingest sees the day as closed (a fresh store: no cached state)
        DynamoDbResultStore ingestSide = new DynamoDbResultStore(Emulated.dynamoDb(), TABLE, SHARDS, AFTER_MIDNIGHT);
        assertThat(ingestSide.isDayClosed(DAY)).isTrue();
    }

    @Test
    void secondRun_shouldEnqueueEachDestinationOnceMore_forTheLedgerToRecognise() throws Exception {
        // GIVEN a day planned once, its jobs taken by workers
        ingestMixedDay();
        handler.handleRequest(SCHEDULED, null);
        List<DestinationKey> first = receiveAll();

        // WHEN the schedule's retry plans it again
        handler.handleRequest(SCHEDULED, null);

        // THEN the same jobs come again, each once per run (the worker's ledger prevents a second send)
        assertThat(receiveAll()).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void today_shouldBeRefused_andStayOpen() {
        // WHEN an operator backfills the day that is still open
        assertThatThrownBy(() -> handler.handleRequest(Map.of("day", "2026-11-29"), null))
                .isInstanceOf(DayNotOverException.class);

        // THEN ingest still accepts results for it, and nothing was enqueued
        assertThat(store.isDayClosed(LocalDate.parse("2026-11-29"))).isFalse();
        assertThat(visibleMessages()).isZero();
    }

    @Test
    void queue_shouldRefuseADelayBeyondWhatSqsAllows() {
        SqsReportQueue queue = new SqsReportQueue(sqs, queueUrl);
        List<DestinationKey> one = List.of(new DestinationKey(DAY, DestinationKind.MX_HOST, "mx.example.net"));

        assertThatThrownBy(() -> queue.enqueue(one, Duration.ofMinutes(16), ReportSpread.none(AFTER_MIDNIGHT.instant()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.enqueue(one, Duration.ofSeconds(-1), ReportSpread.none(AFTER_MIDNIGHT.instant()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(visibleMessages()).isZero();
    }
}
