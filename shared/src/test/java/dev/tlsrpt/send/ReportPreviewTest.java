package dev.tlsrpt.send;

import static dev.tlsrpt.testing.WorkerFixtures.mxHost;
import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportPreview.Preview;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportDecision;
import dev.tlsrpt.tlsrpt.ReportUri;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportPreviewTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
    private final StoredResults stored = WorkerFixtures.stored(WorkerFixtures.mixedDay());
    private final TlsrptRecordLookup discovery = new TlsrptRecordLookup(new WorkerFixtures.SwitchableResolver(
            WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example", "rua=mailto:tls@other.example,mailto:TLS@other.example")));
    private final ReportPreview preview = new ReportPreview(stored, discovery, new ReportBuilder(TlsrptFixtures.SETTINGS));
    private final FakeDelivery.Outcomes outcomes = new FakeDelivery.Outcomes();
    private final ReportSender sender = new ReportSender(new ReportSender.Ports(stored, new InMemoryLedger(), discovery,
            new InMemorySuppressionList(), new FakeDelivery.Mailer(), new FakeDelivery.Poster(), outcomes),
            new ReportBuilder(TlsrptFixtures.SETTINGS),
            new MessageSigning.Ready(new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock)),
            SendPacer.of(1000, 1), clock);

    @Test
    void preview_shouldShowTheReportAndItsTargetsWithDuplicatesMerged() {
        Preview result = preview.preview(recipientDomain("other.example"));

        assertThat(result).isInstanceOfSatisfying(Preview.WouldSend.class, send -> {
            assertThat(send.plan().deliver()).extracting(t -> t.uri().uri()).containsExactly("mailto:tls@other.example");
            assertThat(send.report().policies()).isNotEmpty();
        });
    }

    @Test
    void preview_shouldLeaveOutOfAnMxHostReportWhatTheRecipientDomainsOwnReportSends() {
        assertThat(preview.preview(mxHost("mx.rcpt.example"))).isEqualTo(new Preview.NoReport(ReportDecision.DEDUPED));
        assertThat(preview.preview(mxHost("mx.hosting.example"))).isInstanceOf(Preview.WouldSend.class);
    }

    /** Each way a destination gets no report: the preview says what the worker records and publishes. */
    @ParameterizedTest
    @ValueSource(strings = {"quiet.example", "norecord.example", "twice.example", "flaky.example", "nodata.example",
            "mx.rcpt.example"})
    void preview_shouldGiveTheReasonTheWorkerGives(String domain) {
        DestinationKey key = domain.startsWith("mx.") ? mxHost(domain) : recipientDomain(domain);
        if (key.equals(mxHost("mx.rcpt.example"))) {
            sender.send(recipientDomain("rcpt.example")); // the worker dedupes against what went out
        }

        Preview previewed = preview.preview(key);
        sender.send(key);

        String workerReason = outcomes.published().stream().filter(o -> o.channel() == Channel.NONE)
                .map(ReportOutcome::reason).reduce((first, second) -> second).orElseThrow();
        assertThat(previewed).isEqualTo(new Preview.NoReport(workerReason));
    }
}
