package dev.tlsrpt.mail;

import static dev.tlsrpt.testing.TlsrptFixtures.CLOCK;
import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static dev.tlsrpt.testing.TlsrptFixtures.SETTINGS;
import static dev.tlsrpt.testing.TlsrptFixtures.typicalDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportRules;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportMessageBuilderTest {
    private final ReportBuilder reports = new ReportBuilder(SETTINGS);
    private final ReportMessageBuilder builder = new ReportMessageBuilder(SETTINGS, TlsrptFixtures.signer(), CLOCK);
    private Destination destination;
    private Report report;

    @BeforeEach
    void buildReport() {
        destination = new ReportRules(SETTINGS).destinations(DAY, typicalDay()).get(0); // example.com
        report = reports.build(destination);
    }

    private List<ReportMessage> build(List<String> recipients) {
        return builder.build(report, report.toGzip(), destination.domain(), reports.filename(destination), recipients);
    }

    private static MimeMessage parse(ReportMessage message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message.raw()));
    }

    @Test
    void build_shouldMakeOneMessagePerRecipient() throws Exception {
        // WHEN built for two recipients
        List<ReportMessage> messages = build(List.of("tlsrpt@example.com", "ops@b.example"));

        // THEN two messages, each addressed to its recipient only, with distinct Message-IDs
        assertThat(messages).hasSize(2);
        assertThat(parse(messages.get(0)).getHeader("To", ",")).isEqualTo("tlsrpt@example.com");
        assertThat(parse(messages.get(1)).getHeader("To", ",")).isEqualTo("ops@b.example");
        assertThat(new String(messages.get(0).raw(), StandardCharsets.US_ASCII)).doesNotContain("ops@b.example");
        assertThat(messages.get(0).messageId()).isNotEqualTo(messages.get(1).messageId());
    }

    @Test
    void build_shouldCarryTheRfc8460Headers() throws Exception {
        // WHEN built
        MimeMessage message = parse(build(List.of("tlsrpt@example.com")).get(0));

        // THEN the headers of RFC 8460 section 5.3 / docs/design.md 2.5
        assertThat(message.getHeader("From", ",")).isEqualTo("tlsrpt-noreply@sender.example");
        assertThat(message.getSubject()).isEqualTo(
                "Report Domain: example.com Submitter: sender.example Report-ID: <20261128.rcpt.example.com@sender.example>");
        assertThat(message.getHeader("TLS-Report-Domain", ",")).isEqualTo("example.com");
        assertThat(message.getHeader("TLS-Report-Submitter", ",")).isEqualTo("sender.example");
        assertThat(message.getHeader("TLS-Required", ",")).isEqualTo("No");
        assertThat(message.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(message.getHeader("Date", ",")).isEqualTo("Sun, 29 Nov 2026 01:15:00 +0000");
        assertThat(message.getHeader("Message-ID", ",")).startsWith("<20261128.rcpt.example.com.").endsWith("@sender.example>");
        assertThat(message.getContentType()).startsWith("multipart/report; report-type=\"tlsrpt\"; boundary=");
    }

    @Test
    void build_shouldAttachTheGzipReportWithTheRfcFilename() throws Exception {
        // WHEN built
        MimeMessage message = parse(build(List.of("tlsrpt@example.com")).get(0));
        MimeMultipart multipart = (MimeMultipart) message.getContent();

        // THEN a text part for people, then the report as application/tlsrpt+gzip
        assertThat(multipart.getCount()).isEqualTo(2);
        assertThat(multipart.getBodyPart(0).getContentType()).startsWith("text/plain");
        MimeBodyPart attachment = (MimeBodyPart) multipart.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/tlsrpt+gzip");
        assertThat(attachment.getEncoding()).isEqualTo("base64");
        assertThat(attachment.getFileName()).isEqualTo("sender.example!example.com!1795824000!1795910399!rcpt.json.gz");
        byte[] json = new GZIPInputStream(attachment.getInputStream()).readAllBytes();
        assertThat(json).isEqualTo(report.toJson());
    }

    @Test
    void build_shouldSignWithRelaxedRsaSha256CoveringReportHeaders() {
        // WHEN built
        String raw = new String(build(List.of("tlsrpt@example.com")).get(0).raw(), StandardCharsets.US_ASCII);
        String signature = raw.substring(0, raw.indexOf("\r\nDate:")).replaceAll("\\s+", "");

        // THEN the DKIM-Signature comes first, rsa-sha256, relaxed/relaxed, d= the submitter, the report headers signed, no l=
        assertThat(raw).startsWith("DKIM-Signature: v=1; a=rsa-sha256;");
        assertThat(signature).contains("c=relaxed/relaxed;").contains("d=sender.example;").contains("s=tlsrpt-test;")
                .doesNotContain(";l=");
        String h = signature.replaceAll(".*;h=([^;]*);.*", "$1").toLowerCase();
        assertThat(h.split(":")).contains("from", "to", "subject", "date", "message-id",
                "tls-report-domain", "tls-report-submitter");
    }

    @Test
    void build_shouldBeReproducibleWithFixedClockAndKey() {
        assertThat(build(List.of("tlsrpt@example.com")).get(0).raw()).isEqualTo(build(List.of("tlsrpt@example.com")).get(0).raw());
    }

    @Test
    void build_shouldUseALabelsInHeadersForIdnDomains() throws Exception {
        // GIVEN an IDN recipient domain and an IDN recipient address
        Destination idn = new ReportRules(SETTINGS).destinations(DAY, typicalDay()).get(2);
        Report idnReport = reports.build(idn);

        // WHEN built with the U-label form
        ReportMessage message = builder.build(idnReport, idnReport.toGzip(), "bücher.example", reports.filename(idn),
                List.of("tlsrpt@bücher.example")).get(0);
        MimeMessage parsed = parse(message);

        // THEN A-labels in To, Subject, TLS-Report-Domain and the filename
        assertThat(parsed.getHeader("To", ",")).isEqualTo("tlsrpt@xn--bcher-kva.example");
        assertThat(parsed.getHeader("TLS-Report-Domain", ",")).isEqualTo("xn--bcher-kva.example");
        assertThat(parsed.getSubject()).contains("Report Domain: xn--bcher-kva.example ");
        assertThat(((MimeMultipart) parsed.getContent()).getBodyPart(1).getFileName())
                .startsWith("sender.example!xn--bcher-kva.example!");
        assertThat(new String(message.raw(), StandardCharsets.UTF_8)).doesNotContain("bücher");
    }

    @Test
    void build_shouldRefuseHeaderInjection() {
        // GIVEN values that come from DNS or requests with CR/LF in them
        assertThatThrownBy(() -> build(List.of("a@b.example\r\nBcc: victim@c.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.build(report, report.toGzip(), "example.com\r\nBcc: victim@c.example",
                "x.json.gz", List.of("a@b.example"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.build(report, report.toGzip(), "example.com", "x\n.json.gz", List.of("a@b.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> build(List.of("Display Name <a@b.example>"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_shouldKeepTheMessage7BitWithNonAsciiOrganisationName() throws Exception {
        // GIVEN an organisation name that is not ASCII
        var settings = dev.tlsrpt.tlsrpt.ReportSettings.of("Société Exemple", "sender.example", "tlsrpt@sender.example",
                "tlsrpt-noreply@sender.example");
        ReportMessage message = new ReportMessageBuilder(settings, TlsrptFixtures.signer(), CLOCK)
                .build(report, report.toGzip(), "example.com", reports.filename(destination), List.of("a@b.example")).get(0);

        // THEN the raw message is 7-bit (nothing for a relay to re-encode under the signature) and the text reads right
        for (byte b : message.raw()) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        Object text = ((MimeMultipart) parse(message).getContent()).getBodyPart(0).getContent();
        assertThat((String) text).contains("Société Exemple");
    }

    @Test
    void constructor_shouldRequireDkimDomainToBeTheSubmitter() {
        DkimSigner other = DkimSigner.fromPem("other.example", "s1", TlsrptFixtures.resource("/dkim/test-dkim-private.pem"));
        assertThatThrownBy(() -> new ReportMessageBuilder(SETTINGS, other, CLOCK)).hasMessageContaining("submitter domain");
    }
}
