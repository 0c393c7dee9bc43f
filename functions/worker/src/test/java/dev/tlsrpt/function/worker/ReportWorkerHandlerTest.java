package dev.tlsrpt.function.worker;

import dev.tlsrpt.testing.TestLambdaContext;
import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportMailer.MailResult;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.testing.CapturedOutput;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportWorkerHandlerTest {
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:tlsrpt-reports";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
    private final FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
    private final WorkerFixtures.SwitchableResolver dns = new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE);
    private final List<String> delayed = new ArrayList<>();
    private final FakeDelivery.Outcomes outcomes = new FakeDelivery.Outcomes();
    private final ReportWorkerHandler handler = new ReportWorkerHandler(sender(),
            (arn, receipt, delay) -> delayed.add(arn + " " + receipt + " " + delay));
    private final TestLambdaContext context = new TestLambdaContext("ReportWorkerFunction");

    private ReportSender sender() {
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(WorkerFixtures.mixedDay()), new InMemoryLedger(),
                new TlsrptRecordLookup(dns), new InMemorySuppressionList(), mailer, new FakeDelivery.Poster(), outcomes);
        MessageSigning signing = new MessageSigning.Ready(
                new dev.tlsrpt.mail.ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock));
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1), clock);
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setReceiptHandle("receipt-" + id);
        message.setEventSourceArn(QUEUE_ARN);
        message.setBody(body);
        return message;
    }

    static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    static SQSEvent.SQSMessage job(String id, DestinationKey job) {
        return message(id, ReportJobs.toJson(job));
    }

    @Test
    void handleRequest_shouldDeleteDoneJobsAndRedeliverOnlyTheOnesToRetry() throws Exception {
        // GIVEN a batch with a job that can be sent and one whose DNS SERVFAILs
        SQSEvent event = event(job("m1", recipientDomain("other.example")), job("m2", recipientDomain("flaky.example")));

        // WHEN the worker handles it
        SQSBatchResponse[] handled = new SQSBatchResponse[1];
        CapturedOutput output = CapturedOutput.during(() -> handled[0] = handler.handleRequest(event, context));
        SQSBatchResponse response = handled[0];

        // THEN only the second is reported as failed, after being made invisible for its backoff
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m2");
        assertThat(delayed).containsExactly(QUEUE_ARN + " receipt-m2 "
                + ReportWorkerIT.firstBackoff(recipientDomain("flaky.example"), clock.instant()));
        assertThat(mailer.sent()).containsExactly("tls@other.example");
        // A failure's wait is a warning
        assertThat(output.logLines()).filteredOn(line -> line.path("message").asText().startsWith("job again in"))
                .singleElement().satisfies(line -> assertThat(line.path("level").asText()).isEqualTo("WARN"));
    }

    @Test
    void handleRequest_shouldHoldAJobBackUntilItsSlot_andDropOneWhoseWindowCannotBeRead() throws Exception {
        // GIVEN a job whose run spread the day over four hours from now, and a message with a broken window
        ReportSpread spread = new ReportSpread(clock.instant(), Duration.ofHours(4));
        DestinationKey job = recipientDomain("other.example");
        SQSEvent event = event(message("m1", ReportJobs.toJson(job, spread)), message("m2",
                "{\"day\":\"2026-11-28\",\"kind\":\"RECIPIENT_DOMAIN\",\"domain\":\"rcpt.example\",\"spread\":{\"seconds\":60}}"));

        // WHEN the worker handles them
        SQSBatchResponse[] response = new SQSBatchResponse[1];
        CapturedOutput output = CapturedOutput.during(() -> response[0] = handler.handleRequest(event, context));

        // THEN the first waits on the queue for its slot, unsent; the second is dropped as not a job
        assertThat(response[0].getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1");
        assertThat(delayed).containsExactly(QUEUE_ARN + " receipt-m1 " + Duration.between(clock.instant(), spread.slot(job)));
        assertThat(mailer.calls()).isZero();
        assertThat(output.logLines()).anySatisfy(line -> {
            assertThat(line.path("message").asText()).isEqualTo("message dropped: not a report job");
            assertThat(line.path("messageId").asText()).isEqualTo("m2");
        });
        // Waiting for its slot is the schedule, not a failure: INFO, with the reason
        assertThat(output.logLines()).filteredOn(line -> line.path("message").asText().startsWith("job again in"))
                .singleElement().satisfies(line -> {
                    assertThat(line.path("level").asText()).isEqualTo("INFO");
                    assertThat(line.path("reason").asText()).startsWith("spread: due at ");
                });

        // AND WHEN it comes back at its slot THEN it is sent
        clock.set(spread.slot(job));
        assertThat(handler.handleRequest(event(message("m1", ReportJobs.toJson(job, spread))), context).getBatchItemFailures()).isEmpty();
        assertThat(mailer.sent()).containsExactly("tls@other.example");
    }

    @Test
    void handleRequest_shouldHandleTheSampleEvent() throws Exception {
        // GIVEN events/report-jobs.json (what `sam local invoke` sends): a recipient domain, an MX host
        // whose recipient-domain job has not run yet, and a message that is not a job
        SQSEvent event = EventLoader.loadSQSEvent(Fixtures.event("report-jobs.json").toString());

        SQSBatchResponse[] response = new SQSBatchResponse[1];
        CapturedOutput output = CapturedOutput.during(() -> response[0] = handler.handleRequest(event, context));

        // THEN the first is sent, the second waits for rcpt.example's report (the dedupe), the third is dropped
        assertThat(response[0].getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("4d1b6c0e-8b0a-4c36-9a55-0f6c2b5e9a02");
        assertThat(delayed).containsExactly(QUEUE_ARN + " AQEBexample-receipt-handle-2 "
                + ReportWorkerIT.firstBackoff(WorkerFixtures.mxHost("mx.hosting.example"), clock.instant()));
        assertThat(mailer.sent()).containsExactly("tls@other.example");
        assertThat(output.logLines()).extracting(line -> line.path("message").asText())
                .contains("message dropped: not a report job");
    }

    @Test
    void handleRequest_shouldDropAMessageThatIsNotAJob() throws Exception {
        SQSBatchResponse[] response = new SQSBatchResponse[1];
        CapturedOutput output = CapturedOutput.during(() ->
                response[0] = handler.handleRequest(event(message("m1", "{\"day\":\"yesterday\"}")), context));

        assertThat(response[0].getBatchItemFailures()).isEmpty();
        assertThat(output.logLines()).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("messageId").asText()).isEqualTo("m1");
            assertThat(line.path("function_request_id").asText()).isEqualTo("test-request");
        });
    }

    @Test
    void handleRequest_shouldFailOnlyTheMessageWhoseAttemptBrokeAndKeepGoing() throws Exception {
        // GIVEN a mailer that stops working after the first send
        mailer.crashAfter(1);
        mailer.answer("tls@rcpt.example", new MailResult.Sent("ses-1"));

        SQSBatchResponse[] response = new SQSBatchResponse[1];
        CapturedOutput output = CapturedOutput.during(() -> response[0] = handler.handleRequest(
                event(job("m1", recipientDomain("rcpt.example")), job("m2", recipientDomain("twice.example"))), context));

        assertThat(response[0].getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1");
        assertThat(delayed).isEmpty();
        assertThat(output.logLines()).anySatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("domain").asText()).isEqualTo("rcpt.example");
            assertThat(line.path("error").path("name").asText()).isNotBlank();
        }).anySatisfy(line -> {
            assertThat(line.path("domain").asText()).isEqualTo("twice.example");
            assertThat(line.path("message").asText()).isEqualTo("job done: SKIPPED");
        });
    }

    @Test
    void handleRequest_shouldFlushTheBatchsOutcomesBeforeItReturns() {
        handler.handleRequest(event(job("m1", recipientDomain("other.example")), job("m2", recipientDomain("flaky.example"))),
                context);

        assertThat(outcomes.published()).isNotEmpty();
        assertThat(outcomes.flushes()).isEqualTo(1);
    }
}
