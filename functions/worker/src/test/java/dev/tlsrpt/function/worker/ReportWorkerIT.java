package dev.tlsrpt.function.worker;

import dev.tlsrpt.testing.TestLambdaContext;
import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.send.JobResult;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportMailer.MailResult;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.send.ReportPoster.PostResult;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.RetryWindow;
import dev.tlsrpt.send.sqs.SqsReportQueue;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.testing.CapturedOutput;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.MessageChecker;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The whole worker on the emulator: results ingested into DynamoDB, the DynamoDB ledger and suppression
 * list, the DKIM key from SSM, retries through SQS; DNS from a zone, and fake SES and HTTPS receivers.
 */
class ReportWorkerIT {
    private static final String DKIM_PARAMETER = "/tlsrpt/dkim-key";
    private static final String HTTPS_RCPT = "https://reports.rcpt.example/tlsrpt";
    private static final String HTTPS_HOSTING = "https://tlsrpt.hosting.example/v1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
    private final FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
    private final FakeDelivery.Poster poster = new FakeDelivery.Poster();
    private final FakeDelivery.Outcomes outcomes = new FakeDelivery.Outcomes();
    private final WorkerFixtures.SwitchableResolver dns = new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE);
    private final List<String> delayed = new ArrayList<>();
    private final TestLambdaContext context = new TestLambdaContext("ReportWorkerFunction");
    private DynamoDbResultStore results;
    private DynamoDbLedger ledger;
    private DynamoDbSuppressionList suppressions;
    private ReportSender sender;

    @BeforeEach
    void dayIngested() {
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        SuppressionTableDefinition.create(dynamo, "tlsrpt-suppression");
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, clock);
        ledger = new DynamoDbLedger(dynamo, "tlsrpt-ledger");
        suppressions = new DynamoDbSuppressionList(dynamo, "tlsrpt-suppression");
        results.apply("batch-1", "hash-1", BatchAggregator.aggregate(WorkerFixtures.mixedDay()));

        try (SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            ssm.putParameter(r -> r.name(DKIM_PARAMETER).type(ParameterType.SECURE_STRING)
                    .value(TlsrptFixtures.resource("/dkim/test-dkim-private.pem")));
            MessageSigning.State signing = new SsmDkimKey(ssm, SsmDkimKey.MAX_AGE, DKIM_PARAMETER, TlsrptFixtures.SELECTOR,
                    TlsrptFixtures.SETTINGS, clock).current();
            assertThat(signing).isInstanceOf(MessageSigning.Ready.class);
            ReportSender.Ports ports = new ReportSender.Ports(results, ledger, new TlsrptRecordLookup(dns), suppressions,
                    mailer, poster, outcomes);
            sender = new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1), clock);
        }
    }

    private ReportSender senderWith(Ledger ledger) {
        MessageSigning signing = SsmDkimKey.fromPem(TlsrptFixtures.resource("/dkim/test-dkim-private.pem"), DKIM_PARAMETER,
                TlsrptFixtures.SELECTOR, TlsrptFixtures.SETTINGS, clock);
        ReportSender.Ports ports = new ReportSender.Ports(results, ledger, new TlsrptRecordLookup(dns), suppressions,
                mailer, poster, outcomes);
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1), clock);
    }

    private ReportWorkerHandler handler() {
        return new ReportWorkerHandler(sender, (arn, receipt, delay) -> delayed.add(receipt + " " + delay));
    }

    /** The day's jobs as the planner enqueues them: recipient domains first, then MX hosts. */
    private SQSEvent theDaysJobs() {
        List<DestinationKey> jobs = new ArrayList<>(results.destinations(TlsrptFixtures.DAY));
        jobs.sort(Comparator.comparing(DestinationKey::kind).thenComparing(DestinationKey::domain));
        return ReportWorkerHandlerTest.event(jobs.stream()
                .map(job -> ReportWorkerHandlerTest.job(job.kind() + " " + job.domain(), job))
                .toArray(SQSEvent.SQSMessage[]::new));
    }

    /** The backoff after a job's first attempt: a minute less the job's jitter (docs/design.md 2.11). */
    static Duration firstBackoff(DestinationKey job, Instant firstAttempt) {
        Duration backoff = new RetryWindow(firstAttempt).nextDelay(job, 1, firstAttempt);
        assertThat(backoff).isBetween(Duration.ofSeconds(48), Duration.ofMinutes(1));
        return backoff;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void mixedDay_shouldProduceExactlyTheExpectedReportsAndNothingMoreOnASecondRun() throws Exception {
        // GIVEN one of rcpt.example's two reporting addresses is suppressed
        suppressions.add(new Suppression("noc@rcpt.example", null, "complaint", SuppressionSource.SES_COMPLAINT, null,
                clock.instant()), clock.instant());

        // WHEN the day's jobs are handled
        SQSBatchResponse response = handler().handleRequest(theDaysJobs(), context);

        // THEN exactly the expected reports went out
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "tls@other.example", "dane@hosting.example");
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT), URI.create(HTTPS_HOSTING));
        // the recipient-domain report carries its MX hosts' TLSA policies
        assertThat(policies(poster.bodies().get(0), "policy-type", "policy-domain"))
                .containsExactlyInAnyOrder("sts rcpt.example", "tlsa mx.hosting.example", "tlsa mx.rcpt.example");
        // the MX-host report has one entry per recipient domain; mx.rcpt.example's went to the same URIs as rcpt.example's
        assertThat(policies(poster.bodies().get(1), "policy-domain", "mx-host"))
                .containsExactlyInAnyOrder("rcpt.example mx.hosting.example", "other.example mx.hosting.example");
        assertThat(ledger.find(new DestinationKey(TlsrptFixtures.DAY, DestinationKind.MX_HOST, "mx.rcpt.example")))
                .get().extracting(Ledger.JobEntry::outcome).isEqualTo(Status.SKIPPED);
        // all-success, no record, two records: no report; SERVFAIL: retried later
        for (String skipped : List.of("quiet.example", "norecord.example", "twice.example")) {
            assertThat(ledger.find(recipientDomain(skipped))).get().extracting(Ledger.JobEntry::outcome).isEqualTo(Status.SKIPPED);
        }
        assertThat(failed(response)).containsExactly("RECIPIENT_DOMAIN flaky.example");
        assertThat(outcomes.withStatus(Status.SKIPPED)).anySatisfy(o -> assertThat(o.target()).isEqualTo("mailto:noc@rcpt.example"));

        // AND WHEN the planner enqueues the day again
        int mails = mailer.calls();
        handler().handleRequest(theDaysJobs(), context);

        // THEN nothing is sent again
        assertThat(mailer.calls()).isEqualTo(mails);
        assertThat(poster.requested()).hasSize(2);
    }

    @Test
    void sameMessageTwice_shouldSendOncePerTarget() {
        SQSEvent.SQSMessage message = ReportWorkerHandlerTest.job("m1", recipientDomain("rcpt.example"));

        handler().handleRequest(ReportWorkerHandlerTest.event(message), context);
        handler().handleRequest(ReportWorkerHandlerTest.event(message), context);

        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
        assertThat(poster.requested()).containsExactly(URI.create(HTTPS_RCPT));
    }

    @Test
    void workerStoppedAfterKOfN_shouldSendTheOthersAndNoneOfTheKAgain() {
        // GIVEN a worker that stops after 1 of the 3 deliveries of rcpt.example's report
        mailer.crashAfter(1);
        SQSEvent event = ReportWorkerHandlerTest.event(ReportWorkerHandlerTest.job("m1", recipientDomain("rcpt.example")));
        assertThat(failed(handler().handleRequest(event, context))).containsExactly("m1");
        List<String> firstRun = mailer.sent();

        // WHEN SQS delivers the job again
        mailer.recover();
        assertThat(failed(handler().handleRequest(event, context))).isEmpty();

        // THEN the other 2 are delivered, and the first not again
        assertThat(firstRun).hasSize(1);
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT));
    }

    @Test
    void workerKilledBetweenSendAndRecord_shouldNotSendThatTargetAgain() {
        // GIVEN an attempt that claimed a target and was killed before recording the send
        DestinationKey job = recipientDomain("other.example");
        ledger.begin(job, clock.instant());
        ledger.claim(job, "mailto:tls@other.example", clock.instant());

        // WHEN the job comes back after the claim's lease (the longest a worker runs)
        clock.advance(Duration.ofMinutes(15));
        JobResult result = sender.send(job);

        // THEN at most once: not sent again, recorded as failed with an unknown outcome
        assertThat(result).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(mailer.calls()).isZero();
        assertThat(ledger.deliveries(job)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(Ledger.DeliveryState.FAILED);
            assertThat(d.reason()).startsWith("outcome unknown");
        });
    }

    @Test
    void storageLostBetweenSendAndRecord_shouldLeaveTheTargetSentOnceAndReportedUnknown() {
        // GIVEN a ledger whose write after the send fails (the worker loses storage right after SES accepted)
        // (the completion of the claim, alone or in one transaction with the job's outcome)
        DynamoDbLedger failingAfterSend = new DynamoDbLedger(Emulated.dynamoDbFailingFrom(1,
                request -> request instanceof UpdateItemRequest update && "st = :sending".equals(update.conditionExpression())
                        || request instanceof TransactWriteItemsRequest transaction && transaction.transactItems().stream()
                        .anyMatch(item -> item.update() != null && "st = :sending".equals(item.update().conditionExpression()))),
                "tlsrpt-ledger");
        ReportSender broken = senderWith(failingAfterSend);
        DestinationKey job = recipientDomain("other.example");
        assertThatThrownBy(() -> broken.send(job)).hasMessageContaining("injected");
        assertThat(mailer.sent()).containsExactly("tls@other.example");

        // WHEN the job comes back later with storage working again
        clock.advance(Duration.ofMinutes(20));
        JobResult result = sender.send(job);

        // THEN the recipient is not mailed a second time, and operators hear of the unknown outcome
        assertThat(result).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(mailer.calls()).isEqualTo(1);
        assertThat(outcomes.withStatus(Status.FAILED)).singleElement()
                .satisfies(o -> assertThat(o.reason()).startsWith("outcome unknown"));
    }

    @Test
    void concurrentDeliveriesOfOneJob_shouldSendEachTargetOnce() throws Exception {
        // GIVEN the ledger on the one-request-at-a-time emulator (the caps' transaction is cancelled when a
        // target was admitted before, and stock moto's rollback would then lose the other workers' claims)
        DynamoDbClient serialised = Emulated.serialisedDynamoDb();
        LocalTables.create(serialised, "tlsrpt-ledger", true);
        ReportSender sender = senderWith(new DynamoDbLedger(serialised, "tlsrpt-ledger"));
        // AND the same job delivered to four workers at once
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Callable<JobResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(() -> sender.send(recipientDomain("rcpt.example")));
        }

        // WHEN they run, and SQS brings back whichever had to wait
        List<Future<JobResult>> results = workers.invokeAll(attempts);
        workers.shutdown();
        for (Future<JobResult> result : results) {
            result.get();
        }
        clock.advance(Duration.ofMinutes(1));
        while (sender.send(recipientDomain("rcpt.example")) instanceof JobResult.RetryLater) {
            clock.advance(Duration.ofMinutes(1));
        }

        // THEN each target got the report exactly once
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
        assertThat(poster.requested()).containsExactly(URI.create(HTTPS_RCPT));
        assertThat(outcomes.withStatus(Status.SENT)).hasSize(3);
    }

    @Test
    void servfailThenAnswer_shouldSendOnALaterDeliveryOfTheQueueMessage() {
        // GIVEN the job on a real queue, and DNS that SERVFAILs for flaky.example
        try (SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            String url = sqs.createQueue(r -> r.queueName("tlsrpt-reports")).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(ReportJobs.toJson(recipientDomain("flaky.example"))));
            Message received = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(5)).messages().get(0);
            SQSEvent.SQSMessage message = ReportWorkerHandlerTest.message(received.messageId(), received.body());
            message.setReceiptHandle(received.receiptHandle());
            message.setEventSourceArn(arn);
            ReportWorkerHandler handler = new ReportWorkerHandler(sender, new SqsRetryScheduler(sqs));

            // WHEN the worker handles it
            SQSBatchResponse first = handler.handleRequest(ReportWorkerHandlerTest.event(message), context);

            // THEN it is kept for a retry, invisible for the backoff (a minute), and nothing is sent
            assertThat(failed(first)).containsExactly(received.messageId());
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(0)).messages()).isEmpty();
            assertThat(mailer.calls()).isZero();

            // AND WHEN DNS answers by the next delivery
            dns.use(WorkerFixtures.ZONE_RECOVERED);
            clock.advance(Duration.ofMinutes(1));
            SQSBatchResponse second = handler.handleRequest(ReportWorkerHandlerTest.event(message), context);

            // THEN the report goes out
            assertThat(failed(second)).isEmpty();
            assertThat(mailer.sent()).containsExactly("tls@flaky.example");
        }
    }

    @Test
    void spreadDay_shouldHoldEachJobOnTheQueueUntilItsSlot_andSendTheDayInOrder() {
        try (SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            // GIVEN the day planned onto a real queue with a four-hour spread (the MX-host delay left out, the
            // spread alone orders the waves here)
            String url = sqs.createQueue(r -> r.queueName("tlsrpt-reports")).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            SqsReportQueue queue = new SqsReportQueue(sqs, url);
            ReportPlan plan = new ReportPlanner(results, results::closeDay,
                    (jobs, delay, spread) -> queue.enqueue(jobs, Duration.ZERO, spread), clock, Duration.ofHours(4)).plan(TlsrptFixtures.DAY);
            ReportSpread spread = plan.spread();
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            List<Message> page;
            do {
                page = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(30)).messages();
                for (Message received : page) {
                    SQSEvent.SQSMessage message = ReportWorkerHandlerTest.message(received.messageId(), received.body());
                    message.setReceiptHandle(received.receiptHandle());
                    message.setEventSourceArn(arn);
                    messages.add(message);
                }
            } while (!page.isEmpty());
            assertThat(messages).hasSize(plan.jobs());
            Map<String, Duration> retryIn = new LinkedHashMap<>();
            SqsRetryScheduler sqsRetries = new SqsRetryScheduler(sqs);
            ReportWorkerHandler handler = new ReportWorkerHandler(sender, (queueArn, receipt, delay) -> {
                retryIn.put(receipt, delay);
                sqsRetries.retryAfter(queueArn, receipt, delay);
            });

            // WHEN the workers take them as soon as they are enqueued
            SQSBatchResponse first = handler.handleRequest(ReportWorkerHandlerTest.event(messages.toArray(SQSEvent.SQSMessage[]::new)), context);

            // THEN every job goes back on the queue, invisible until its own slot; none is in the ledger, nothing is sent
            assertThat(failed(first)).hasSize(messages.size());
            for (SQSEvent.SQSMessage message : messages) {
                DestinationKey job = ReportJobs.fromJson(message.getBody());
                assertThat(ReportJobs.spreadOf(message.getBody())).isEqualTo(spread);
                assertThat(retryIn.get(message.getReceiptHandle())).as(job.toString())
                        .isEqualTo(Duration.between(clock.instant(), spread.slot(job))).isPositive();
                assertThat(ledger.find(job)).as(job.toString()).isEmpty();
            }
            assertThat(mailer.calls() + poster.requested().size()).isZero();
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()).isEmpty();

            // AND WHEN each message comes back when SQS would make it visible again, until the day is done
            Map<SQSEvent.SQSMessage, Instant> due = new LinkedHashMap<>();
            messages.forEach(m -> due.put(m, clock.instant().plus(retryIn.get(m.getReceiptHandle()))));
            Map<DestinationKey, Instant> finished = new LinkedHashMap<>();
            while (!due.isEmpty()) {
                SQSEvent.SQSMessage next = due.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
                clock.set(due.remove(next));
                if (failed(handler.handleRequest(ReportWorkerHandlerTest.event(next), context)).isEmpty()) {
                    finished.put(ReportJobs.fromJson(next.getBody()), clock.instant());
                } else {
                    due.put(next, clock.instant().plus(retryIn.get(next.getReceiptHandle())));
                }
            }

            // THEN the day's reports are those of a day without spread, each first attempted at its slot, inside the window
            assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example", "tls@other.example",
                    "dane@hosting.example");
            assertThat(poster.delivered()).containsExactlyInAnyOrder(URI.create(HTTPS_RCPT), URI.create(HTTPS_HOSTING));
            for (DestinationKey job : finished.keySet()) {
                Ledger.JobEntry entry = ledger.find(job).orElseThrow();
                assertThat(entry.firstAttempt()).as(job.toString()).isEqualTo(spread.slot(job)).isBefore(spread.end());
            }
            // the MX hosts' reports left after those of their recipient domains, and mx.rcpt.example's was deduped
            DestinationKey hosting = new DestinationKey(TlsrptFixtures.DAY, DestinationKind.MX_HOST, "mx.hosting.example");
            assertThat(finished.get(hosting)).isAfter(finished.get(recipientDomain("rcpt.example")))
                    .isAfter(finished.get(recipientDomain("other.example")));
            assertThat(ledger.find(new DestinationKey(TlsrptFixtures.DAY, DestinationKind.MX_HOST, "mx.rcpt.example")))
                    .get().extracting(Ledger.JobEntry::outcome).isEqualTo(Status.SKIPPED);
            assertThat(policies(poster.bodies().get(poster.bodies().size() - 1), "policy-domain", "mx-host"))
                    .containsExactlyInAnyOrder("rcpt.example mx.hosting.example", "other.example mx.hosting.example");
            // the SERVFAILing domain was retried with jitter for 24 hours after its slot, then given up
            assertThat(ledger.find(recipientDomain("flaky.example")).orElseThrow().outcome()).isEqualTo(Status.FAILED);
            assertThat(finished.get(recipientDomain("flaky.example")))
                    .isEqualTo(spread.slot(recipientDomain("flaky.example")).plus(RetryWindow.LENGTH));
        }
    }

    @Test
    void https503Then200_shouldDeliverOnce() {
        poster.answer(HTTPS_RCPT, new PostResult.TransientFailure("HTTP 503"), new PostResult.Delivered(200));
        SQSEvent event = ReportWorkerHandlerTest.event(ReportWorkerHandlerTest.job("m1", recipientDomain("rcpt.example")));

        assertThat(failed(handler().handleRequest(event, context))).containsExactly("m1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(failed(handler().handleRequest(event, context))).isEmpty();

        assertThat(poster.requested()).hasSize(2);
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT));
        assertThat(mailer.sent()).hasSize(2);
        assertThat(delayed).containsExactly("receipt-m1 " + firstBackoff(recipientDomain("rcpt.example"), clock.instant().minus(Duration.ofMinutes(1))));
    }

    @Test
    void throttledFor24Hours_shouldBeRecordedAsFailed() {
        mailer.answer("tls@other.example", new MailResult.TransientFailure("Throttling: Maximum sending rate exceeded"));
        DestinationKey job = recipientDomain("other.example");

        assertThat(sender.send(job)).isInstanceOf(JobResult.RetryLater.class);
        clock.advance(Duration.ofHours(24));
        JobResult last = sender.send(job);

        assertThat(last).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(ledger.deliveries(job)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(Ledger.DeliveryState.FAILED);
            assertThat(d.reason()).startsWith("gave up after 24 h").contains("Throttling");
        });
        assertThat(outcomes.withStatus(Status.FAILED)).hasSize(1);
    }

    @Test
    void missingDkimKey_shouldBeNamedWithoutStoppingTheWorker() {
        try (SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            MessageSigning.State signing = new SsmDkimKey(ssm, SsmDkimKey.MAX_AGE, "/tlsrpt/no-such-key", TlsrptFixtures.SELECTOR,
                    TlsrptFixtures.SETTINGS, clock).current();

            assertThat(signing).isInstanceOfSatisfying(MessageSigning.Unavailable.class,
                    u -> assertThat(u.reason()).contains("/tlsrpt/no-such-key").contains("ParameterNotFound"));
        }
    }

    @Test
    void dkimKeyCreatedAfterTheWorkerStarted_shouldHoldTheEmailsThenSendThemSigned() throws Exception {
        try (SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            // GIVEN a worker started before the operator created its DKIM key parameter
            String parameter = "/tlsrpt/created-later";
            ByteArrayOutputStream metrics = new ByteArrayOutputStream();
            ReportWorkerHandler handler = new ReportWorkerHandler(senderSigningWith(new SsmDkimKey(ssm, SsmDkimKey.MAX_AGE,
                    parameter, TlsrptFixtures.SELECTOR, TlsrptFixtures.SETTINGS, clock)),
                    (arn, receipt, delay) -> delayed.add(receipt + " " + delay),
                    new DkimKeyMetric(new PrintStream(metrics, true, StandardCharsets.UTF_8), clock));
            DestinationKey job = recipientDomain("rcpt.example");
            SQSEvent event = ReportWorkerHandlerTest.event(ReportWorkerHandlerTest.job("m1", job));

            // WHEN the job runs
            SQSBatchResponse first = handler.handleRequest(event, context);

            // THEN it goes back for a retry with the normal backoff; only the HTTPS report went out, nothing is failed
            assertThat(failed(first)).containsExactly("m1");
            assertThat(delayed).containsExactly("receipt-m1 " + firstBackoff(job, clock.instant()));
            assertThat(mailer.calls()).isZero();
            assertThat(ReportSender.byState(ledger.deliveries(job))).containsOnlyKeys(Ledger.DeliveryState.SENT);
            assertThat(ledger.find(job)).get().satisfies(entry -> assertThat(entry.isDone()).isFalse());
            assertThat(outcomes.withStatus(Status.FAILED)).isEmpty();
            assertThat(outcomes.withStatus(Status.RETRYING)).hasSize(2)
                    .allSatisfy(o -> assertThat(o.reason()).contains(parameter).contains("ParameterNotFound"));
            // and the metric the alarm watches, once for the job
            JsonNode metric = new ObjectMapper().readTree(metrics.toString(StandardCharsets.UTF_8).strip());
            assertThat(metric.get("DkimKeyUnavailable").asInt()).isEqualTo(1);
            JsonNode directive = metric.get("_aws").get("CloudWatchMetrics").get(0);
            assertThat(directive.get("Namespace").asText()).isEqualTo("tlsrpt");
            assertThat(directive.get("Dimensions").toString()).isEqualTo("[[]]");
            assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("DkimKeyUnavailable");
            assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");

            // AND WHEN the operator creates the key and SQS delivers the job again
            ssm.putParameter(r -> r.name(parameter).type(ParameterType.SECURE_STRING)
                    .value(TlsrptFixtures.resource("/dkim/test-dkim-private.pem")));
            clock.advance(Duration.ofMinutes(1));
            SQSBatchResponse second = handler.handleRequest(event, context);

            // THEN the emails go out, signed so that dkimpy verifies them, and the HTTPS report is not posted again
            assertThat(failed(second)).isEmpty();
            assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
            assertThat(poster.requested()).hasSize(1);
            assertThat(ledger.find(job)).get().extracting(Ledger.JobEntry::outcome).isEqualTo(Status.SENT);
            Map<String, byte[]> messages = new LinkedHashMap<>();
            for (int i = 0; i < mailer.rawMessages().size(); i++) {
                messages.put("late-key." + (i + 1) + ".eml", mailer.rawMessages().get(i));
            }
            MessageChecker.Run check = MessageChecker.check("worker-late-key", messages);
            assertThat(check.output()).contains("checked 2 messages, 0 failed");
            assertThat(check.exitCode()).isZero();
        }
    }

    @Test
    void dkimKeyThatDoesNotParse_shouldHoldTheEmailsUntilItIsFixed() {
        try (SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            // GIVEN a parameter that holds no usable key (no cache lifetime, so that the fix is seen at once)
            String parameter = "/tlsrpt/broken";
            ssm.putParameter(r -> r.name(parameter).type(ParameterType.SECURE_STRING).value("-----BEGIN PRIVATE KEY-----\nTOPSECRET\n-----END PRIVATE KEY-----"));
            ReportSender late = senderSigningWith(new SsmDkimKey(ssm, Duration.ZERO, parameter, TlsrptFixtures.SELECTOR,
                    TlsrptFixtures.SETTINGS, clock));
            DestinationKey job = recipientDomain("other.example");

            // WHEN the job runs, THEN it waits, saying why without quoting the parameter's value
            assertThat(late.send(job)).isInstanceOfSatisfying(JobResult.RetryLater.class,
                    r -> assertThat(r.waitingForDkimKey()).isTrue());
            assertThat(outcomes.withStatus(Status.RETRYING)).singleElement().satisfies(o -> assertThat(o.reason())
                    .contains("not a usable DKIM key").doesNotContain("TOPSECRET"));
            assertThat(ledger.deliveries(job)).isEmpty();

            // AND WHEN the parameter is fixed, THEN the next attempt sends
            ssm.putParameter(r -> r.name(parameter).type(ParameterType.SECURE_STRING).overwrite(true)
                    .value(TlsrptFixtures.resource("/dkim/test-dkim-private.pem")));
            clock.advance(Duration.ofMinutes(1));
            assertThat(late.send(job)).isEqualTo(new JobResult.Done(Status.SENT));
            assertThat(mailer.sent()).containsExactly("tls@other.example");
        }
    }

    private ReportSender senderSigningWith(MessageSigning signing) {
        ReportSender.Ports ports = new ReportSender.Ports(results, ledger, new TlsrptRecordLookup(dns), suppressions,
                mailer, poster, outcomes);
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1), clock);
    }

    private static List<String> policies(byte[] gzip, String first, String second) {
        JsonNode report = WorkerFixtures.report(gzip);
        return StreamSupport.stream(report.get("policies").spliterator(), false)
                .map(p -> p.get("policy"))
                .map(p -> text(p.get(first)) + " " + text(p.get(second)))
                .toList();
    }

    private static String text(JsonNode node) {
        return node.isArray() ? node.get(0).asText() : node.asText();
    }

    @Test
    void dkimKey_shouldNeverAppearInWhatTheWorkerWrites_whetherItSignsWithItOrCannotUseIt() throws Exception {
        try (SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            // GIVEN the key in SSM, and a second parameter holding a truncated copy of it (unusable, parsed and refused)
            String pem = TlsrptFixtures.resource("/dkim/test-dkim-private.pem");
            List<String> keyMaterial = pem.lines().filter(line -> !line.startsWith("-----") && !line.isBlank()).toList();
            String truncated = pem.lines().limit(6).collect(java.util.stream.Collectors.joining("\n"));
            ssm.putParameter(r -> r.name("/tlsrpt/truncated-key").type(ParameterType.SECURE_STRING).value(truncated));
            ReportWorkerHandler signing = new ReportWorkerHandler(senderSigningWith(new SsmDkimKey(ssm, SsmDkimKey.MAX_AGE,
                    DKIM_PARAMETER, TlsrptFixtures.SELECTOR, TlsrptFixtures.SETTINGS, clock)),
                    (arn, receipt, delay) -> delayed.add(receipt + " " + delay));
            ReportWorkerHandler refusing = new ReportWorkerHandler(senderSigningWith(new SsmDkimKey(ssm, SsmDkimKey.MAX_AGE,
                    "/tlsrpt/truncated-key", TlsrptFixtures.SELECTOR, TlsrptFixtures.SETTINGS, clock)),
                    (arn, receipt, delay) -> delayed.add(receipt + " " + delay));

            // WHEN a job runs with the unusable key, then the day's jobs with the key
            CapturedOutput output = CapturedOutput.during(() -> {
                refusing.handleRequest(ReportWorkerHandlerTest.event(
                        ReportWorkerHandlerTest.job("m1", recipientDomain("other.example"))), context);
                signing.handleRequest(theDaysJobs(), context);
            });

            // THEN the log says what happened: the e-mail waiting for a usable key, then reports sent
            assertThat(mailer.sent()).isNotEmpty();
            assertThat(output.logLines()).anySatisfy(line -> {
                assertThat(line.path("domain").asText()).isEqualTo("other.example");
                assertThat(line.path("reason").asText()).contains("no DKIM key");
            }).anySatisfy(line -> assertThat(line.path("message").asText()).isEqualTo("job done: SENT"));
            // and no line of the key is anywhere in what the worker wrote
            assertThat(keyMaterial).hasSizeGreaterThan(10).allSatisfy(line -> assertThat(output.text()).doesNotContain(line));
            assertThat(output.text()).doesNotContain("PRIVATE KEY");
        }
    }
}
