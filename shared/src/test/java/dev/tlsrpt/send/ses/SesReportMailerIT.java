package dev.tlsrpt.send.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.mail.ReportMessage;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.ReportMailer.MailResult;
import dev.tlsrpt.testing.EmulatedDelivery;
import dev.tlsrpt.testing.MessageChecker;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportGoldenFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Raw report mail through the emulator's SESv2, read back byte for byte, and checked independently. */
class SesReportMailerIT {
    private static final String CONFIGURATION_SET = "tlsrpt-reports";

    private SesV2Client ses;
    private EmulatorOutbox outbox;

    @BeforeEach
    void emptyAccount() {
        MotoServer.get().reset();
        ses = EmulatedDelivery.sesV2();
        outbox = EmulatorOutbox.fromSdkSettings();
    }

    /** The golden example.com report as signed messages, one per recipient (docs/design.md 2.5). */
    private static List<ReportMessage> signedMessages(String... recipients) {
        Report report = Report.fromJson(ReportGoldenFiles.generate().get("20261128.rcpt.example.com@sender.example.json"));
        return new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), TlsrptFixtures.CLOCK)
                .build(report, report.toGzip(), "example.com",
                        "sender.example!example.com!1795824000!1795910399!rcpt.json.gz", List.of(recipients));
    }

    @Test
    void send_shouldDeliverTheSignedBytesUnchanged() throws Exception {
        // GIVEN a verified submitter domain, a configuration set like production's, and two signed messages
        EmulatorOutbox.verifyDomain(ses, TlsrptFixtures.SETTINGS.submitterDomain());
        EmulatorOutbox.createConfigurationSet(ses, CONFIGURATION_SET);
        var mailer = new SesReportMailer(ses, CONFIGURATION_SET);
        List<ReportMessage> messages = signedMessages("tlsrpt@example.com", "second@example.com");

        // WHEN each is sent to its recipient
        List<MailResult> results = messages.stream().map(m -> mailer.send(m.recipient(), m.raw(), WorkerFixtures.UNREAD_CONTENT)).toList();

        // THEN SES accepted both, and the emulator holds exactly the bytes we signed, for those recipients
        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(MailResult.Sent.class));
        List<EmulatorOutbox.SentEmail> sent = outbox.messages();
        assertThat(sent).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(sent.get(i).messageId()).isEqualTo(((MailResult.Sent) results.get(i)).messageId());
            assertThat(sent.get(i).destinations()).contains(messages.get(i).recipient());
            assertThat(sent.get(i).raw()).isEqualTo(messages.get(i).raw());
        }

        // AND what SES got still verifies with dkimpy (tlsrpt='strict') and parses with parsedmarc
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            files.put("ses." + (i + 1) + ".eml", sent.get(i).raw());
        }
        MessageChecker.Run run = MessageChecker.check("ses", files);
        assertThat(run.output()).contains("checked 2 messages, 0 failed");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void send_fromAnUnverifiedDomain_shouldBeRejected() {
        // GIVEN no verified identity for the submitter domain
        var mailer = new SesReportMailer(ses, null);
        ReportMessage message = signedMessages("tlsrpt@example.com").get(0);

        // WHEN sent
        MailResult result = mailer.send(message.recipient(), message.raw(), WorkerFixtures.UNREAD_CONTENT);

        // THEN SES's MessageRejected is a rejection (not retried), and nothing was accepted
        assertThat(result).isInstanceOf(MailResult.Rejected.class);
        assertThat(((MailResult.Rejected) result).reason()).contains("MessageRejected");
        assertThat(outbox.messages()).isEmpty();
    }
}
