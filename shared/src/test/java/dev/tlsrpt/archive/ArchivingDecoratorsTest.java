package dev.tlsrpt.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.mail.ReportMessage;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.UnreachableArchive;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchivingDecoratorsTest {
    private static final DestinationKey JOB = WorkerFixtures.recipientDomain("rcpt.example");

    private final Map<String, byte[]> archived = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final ReportBuilder builder = new ReportBuilder(TlsrptFixtures.SETTINGS);
    private final Destination destination = JOB.with(WorkerFixtures.mixedDay().subList(0, 1));
    private final Report report = builder.build(destination);

    private final ReportArchive archive = new ReportArchive() {
        @Override
        public void put(String key, byte[] body, String contentType) {
            archived.put(key, body);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(archived.get(key));
        }

        @Override
        public List<ArchivedObject> list(String prefix) {
            return List.of();
        }
    };
    private final ReportArchive broken = new UnreachableArchive();

    private ReportMessage message() {
        return new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), TlsrptFixtures.CLOCK)
                .build(report, report.toGzip(), destination.domain(), builder.filename(destination), List.of("TLS@rcpt.example")).get(0);
    }

    @Test
    void mailer_shouldArchiveTheSignedMessageBeforeSending() {
        ReportMessage message = message();
        String key = ArchiveKeys.message(JOB, "mailto:tls@rcpt.example");
        List<Boolean> archivedAtSend = new ArrayList<>();
        ReportMailer mailer = new ArchivingReportMailer((recipient, raw, content) -> {
            archivedAtSend.add(archived.containsKey(key));
            return new ReportMailer.MailResult.Sent("m-1");
        }, archive, (k, reason) -> failures.add(reason));

        ReportMailer.MailResult result = mailer.send(message.recipient(), message.raw(), WorkerFixtures.contentOf(report));

        assertThat(result).isEqualTo(new ReportMailer.MailResult.Sent("m-1"));
        assertThat(archivedAtSend).containsExactly(true);
        assertThat(archived).containsOnlyKeys(key);
        assertThat(archived.get(key)).isEqualTo(message.raw());
        assertThat(ArchivedReport.json(key, archived.get(key))).isEqualTo(report.toJson());
        assertThat(failures).isEmpty();
    }

    @Test
    void poster_shouldArchiveTheBodyBeforePosting() {
        URI uri = URI.create("https://reports.rcpt.example/tlsrpt");
        List<Boolean> archivedAtPost = new ArrayList<>();
        ReportPoster poster = new ArchivingReportPoster((u, body, content) -> {
            archivedAtPost.add(archived.containsKey(ArchiveKeys.message(JOB, uri.toString())));
            return new ReportPoster.PostResult.Delivered(200);
        }, archive, (k, reason) -> failures.add(reason));

        byte[] gzip = report.toGzip();
        poster.post(uri, gzip, WorkerFixtures.contentOf(report));

        assertThat(archivedAtPost).containsExactly(true);
        String key = ArchiveKeys.message(JOB, uri.toString());
        assertThat(archived).containsOnlyKeys(key);
        assertThat(archived.get(key)).isEqualTo(gzip);
        assertThat(ArchivedReport.json(key, gzip)).isEqualTo(report.toJson());
        assertThat(failures).isEmpty();
    }

    @Test
    void aFailedArchive_shouldBeSignalledAndTheSendStillMade() {
        ReportMessage message = message();
        List<String> sent = new ArrayList<>();
        ReportMailer mailer = new ArchivingReportMailer((recipient, raw, content) -> {
            sent.add(recipient);
            return new ReportMailer.MailResult.Sent("m-1");
        }, broken, (k, reason) -> failures.add(k + ": " + reason));

        mailer.send(message.recipient(), message.raw(), WorkerFixtures.contentOf(report));

        assertThat(sent).containsExactly(message.recipient());
        assertThat(failures).singleElement().asString()
                .startsWith(ArchiveKeys.message(JOB, "mailto:tls@rcpt.example")).contains("S3 unreachable");
    }

    @Test
    void signal_shouldWriteTheArchiveFailedMetricAsEmbeddedMetricFormat() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArchiveFailedSignal(new PrintStream(out, true, StandardCharsets.UTF_8), null, "default",
                java.time.Clock.fixed(Instant.parse("2026-11-29T01:00:00Z"), java.time.ZoneOffset.UTC))
                .archiveFailed("reports/2026-11-28/rcpt/x/mailto%3Atls%40x.eml", "S3 unreachable");

        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain("\n").contains("\"ArchiveFailed\":1").contains("\"Namespace\":\"tlsrpt\"")
                .contains("\"Name\":\"ArchiveFailed\"").contains("\"key\":\"reports/2026-11-28/rcpt/x/mailto%3Atls%40x.eml\"");
    }
}
