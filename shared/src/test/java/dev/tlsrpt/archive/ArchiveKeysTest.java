package dev.tlsrpt.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import org.junit.jupiter.api.Test;

class ArchiveKeysTest {
    private static final DestinationKey RCPT = new DestinationKey(TlsrptFixtures.DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com");
    private static final DestinationKey MX = new DestinationKey(TlsrptFixtures.DAY, DestinationKind.MX_HOST, "mx1.example.com");

    @Test
    void destinationOf_shouldReadBackEveryReportIdTheBuilderMakes() {
        ReportBuilder builder = new ReportBuilder(TlsrptFixtures.SETTINGS);
        for (DestinationKey job : new DestinationKey[] {RCPT, MX}) {
            assertThat(ArchiveKeys.destinationOf(builder.reportId(job.day(), job.kind(), job.domain()))).contains(job);
        }
        assertThat(ArchiveKeys.destinationOf("20261128.other.example.com@sender.example")).isEmpty();
        assertThat(ArchiveKeys.destinationOf("not-an-id")).isEmpty();
    }

    @Test
    void message_shouldNameOneObjectPerDayDestinationAndTarget() {
        assertThat(ArchiveKeys.message(RCPT, "mailto:tls@example.com"))
                .isEqualTo("reports/2026-11-28/rcpt/example.com/mailto%3Atls%40example.com.eml");
        assertThat(ArchiveKeys.message(MX, "https://reports.example.com/v1?x=1"))
                .isEqualTo("reports/2026-11-28/mx/mx1.example.com/https%3A%2F%2Freports.example.com%2Fv1%3Fx%3D1.json.gz");
        assertThat(ArchiveKeys.message(RCPT, "mailto:tls@example.com")).isNotEqualTo(ArchiveKeys.message(MX, "mailto:tls@example.com"));
    }

    @Test
    void message_shouldBeTheSameForTheLedgersTargetAndTheMailersRecipient() {
        // The ledger keeps "mailto:" + the record's address lower case; the mailer gets the A-label envelope address.
        assertThat(ArchiveKeys.message(RCPT, "mailto:TLS@bücher.example"))
                .isEqualTo(ArchiveKeys.message(RCPT, "mailto:tls@xn--bcher-kva.example"));
    }

    @Test
    void parse_shouldReadBackWhatAKeyNames() {
        assertThat(ArchiveKeys.parse(ArchiveKeys.message(MX, "https://reports.example.com/v1")))
                .contains(new ArchiveKeys.Entry(MX, "https://reports.example.com/v1"));
        // The report JSON an earlier release kept beside the deliveries is still listed as the destination's report.
        assertThat(ArchiveKeys.parse("reports/2026-11-28/rcpt/example.com/report.json")).contains(new ArchiveKeys.Entry(RCPT, null));
        assertThat(ArchiveKeys.parse("reports/2026-11-28/rcpt/example.com/report-2.json")).contains(new ArchiveKeys.Entry(RCPT, null));
        assertThat(ArchiveKeys.parse("reports/2026-11-28/rcpt/example.com/other.txt")).isEmpty();
        assertThat(ArchiveKeys.parse("elsewhere/x")).isEmpty();
    }
}
