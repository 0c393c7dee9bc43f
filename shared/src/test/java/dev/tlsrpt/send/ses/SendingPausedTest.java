package dev.tlsrpt.send.ses;

import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.JobResult;
import dev.tlsrpt.send.Ledger.JobEntry;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.RecordingSes;
import dev.tlsrpt.testing.RecordingSes.Answer;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While the reports' configuration set is paused (the reputation guard, or the operator), SES answers
 * SendEmail with SendingPausedException: the report waits and is retried, and goes out once sending is
 * resumed. The SES answers are its wire format through the real SDK client.
 */
class SendingPausedTest {
    @Test
    void pausedSending_shouldRetryTheReport_andSendItAfterResume() {
        // GIVEN SES answering "sending paused" until the operator resumes
        AtomicBoolean paused = new AtomicBoolean(true);
        RecordingSes ses = new RecordingSes(r -> paused.get()
                ? new Answer(400, "{\"message\":\"Sending is paused for this configuration set.\"}", "SendingPausedException")
                : new Answer(200, "{\"MessageId\":\"0100-resumed\"}"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
        InMemoryLedger ledger = new InMemoryLedger();
        FakeDelivery.Outcomes outcomes = new FakeDelivery.Outcomes();
        ReportSender sender = new ReportSender(new ReportSender.Ports(WorkerFixtures.stored(WorkerFixtures.mixedDay()), ledger,
                new TlsrptRecordLookup(new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE)), new InMemorySuppressionList(),
                new SesReportMailer(ses.client(), "tlsrpt-reports"), new FakeDelivery.Poster(), outcomes),
                new ReportBuilder(TlsrptFixtures.SETTINGS),
                new MessageSigning.Ready(new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock)),
                SendPacer.of(1000, 1), clock);

        // WHEN the job runs while paused
        JobResult first = sender.send(recipientDomain("other.example"));

        // THEN it is retried later, nothing is recorded failed
        assertThat(first).isInstanceOf(JobResult.RetryLater.class);
        JobEntry entry = ledger.find(recipientDomain("other.example")).orElseThrow();
        assertThat(entry.isDone()).isFalse();
        assertThat(outcomes.withStatus(Status.FAILED)).isEmpty();
        assertThat(outcomes.withStatus(Status.RETRYING)).singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("SendingPausedException"));

        // WHEN the operator resumes and the retry comes
        paused.set(false);
        clock.advance(((JobResult.RetryLater) first).delay());
        JobResult second = sender.send(recipientDomain("other.example"));

        // THEN the report goes out
        assertThat(second).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(ses.requests()).hasSize(2);
    }
}
