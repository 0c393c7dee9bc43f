package dev.tlsrpt.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchivedReportTest {
    private static final DestinationKey JOB = WorkerFixtures.recipientDomain("rcpt.example");

    private final ReportBuilder builder = new ReportBuilder(TlsrptFixtures.SETTINGS);
    private final Destination destination = JOB.with(WorkerFixtures.mixedDay().subList(0, 1));
    private final Report report = builder.build(destination);

    @Test
    void aSignedMessage_shouldGiveTheReportOfItsGzipPart() {
        byte[] raw = new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), TlsrptFixtures.CLOCK)
                .build(report, report.toGzip(), destination.domain(), builder.filename(destination), List.of("tls@rcpt.example"))
                .get(0).raw();

        assertThat(ArchivedReport.json(ArchiveKeys.message(JOB, "mailto:tls@rcpt.example"), raw)).isEqualTo(report.toJson());
    }

    @Test
    void aPostBody_shouldGiveTheReportItCompresses() {
        String key = ArchiveKeys.message(JOB, "https://reports.rcpt.example/v1");

        assertThat(ArchivedReport.json(key, report.toGzip())).isEqualTo(report.toJson());
    }

    @Test
    void anEarlierReleasesReportObject_shouldBeReadAsItIs() {
        byte[] json = report.toJson();

        assertThat(ArchivedReport.json("reports/2026-11-28/rcpt/rcpt.example/report.json", json)).isSameAs(json);
    }

    @Test
    void anObjectWithoutAReport_shouldBeRefusedSayingWhy() {
        byte[] plain = "From: a@example\r\nSubject: hi\r\n\r\nno report here\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ArchivedReport.json(ArchiveKeys.message(JOB, "mailto:tls@rcpt.example"), plain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application/tlsrpt+gzip");
        assertThatThrownBy(() -> ArchivedReport.json(ArchiveKeys.message(JOB, "https://r.example/"), report.toJson()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unreadable");
        assertThatThrownBy(() -> ArchivedReport.json("elsewhere/x.eml", plain))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an archive key");
    }
}
