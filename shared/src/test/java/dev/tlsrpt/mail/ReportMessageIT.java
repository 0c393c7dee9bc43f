package dev.tlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.MessageChecker;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportGoldenFiles;
import dev.tlsrpt.tlsrpt.ReportUri;
import dev.tlsrpt.tlsrpt.TlsrptLookupResult;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Independent checks of the messages we generate, by other people's code: dkimpy verifies each DKIM
 * signature with tlsrpt='strict' against the test key published in the test zone, and parsedmarc
 * parses each message as an SMTP TLS report (scripts/check_messages.py, run with the project venv).
 */
class ReportMessageIT {

    /** The golden day's messages plus a report to a record with two URIs, to two recipients. */
    private static Map<String, byte[]> messages() {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        ReportGoldenFiles.generate().forEach((name, bytes) -> {
            if (name.endsWith(".eml")) {
                files.put(name, bytes);
            }
        });
        var lookup = new TlsrptRecordLookup(TlsrptFixtures.zone()).lookup("spaced.example");
        assertThat(lookup).isInstanceOf(TlsrptLookupResult.Found.class);
        List<String> recipients = new ArrayList<>(((TlsrptLookupResult.Found) lookup).record().rua().stream()
                .filter(uri -> uri.scheme() == ReportUri.Scheme.MAILTO)
                .map(ReportUri::target).toList());
        recipients.add("second@spaced.example");
        Report report = Report.fromJson(ReportGoldenFiles.generate().get("20261128.rcpt.example.com@sender.example.json"));
        List<ReportMessage> built = new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(),
                TlsrptFixtures.CLOCK).build(report, report.toGzip(), "spaced.example",
                "sender.example!spaced.example!1795824000!1795910399!rcpt.json.gz", recipients);
        for (int i = 0; i < built.size(); i++) {
            files.put("spaced." + (i + 1) + ".eml", built.get(i).raw());
        }
        return files;
    }

    @Test
    void generatedMessages_shouldPassDkimpyStrictAndParsedmarc() throws Exception {
        // GIVEN every message the tests generate
        Map<String, byte[]> messages = messages();

        // WHEN the independent checker runs over them
        MessageChecker.Run run = MessageChecker.check("ok", messages);

        // THEN every one passes
        assertThat(messages).hasSize(5);
        assertThat(run.output()).contains("checked " + messages.size() + " messages, 0 failed");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void tamperedMessages_shouldFailVerification() throws Exception {
        // GIVEN a message with a changed signed header, one with a changed body, one with its signature stripped
        String original = new String(messages().get("20261128.rcpt.example.com@sender.example.1.eml"), StandardCharsets.US_ASCII);
        Map<String, byte[]> tampered = Map.of(
                "header.eml", original.replace("TLS-Report-Domain: example.com", "TLS-Report-Domain: example.org")
                        .getBytes(StandardCharsets.US_ASCII),
                "body.eml", original.replace("This is an aggregate TLS report", "This is an aggregate TLS rep0rt")
                        .getBytes(StandardCharsets.US_ASCII),
                "unsigned.eml", original.substring(original.indexOf("\r\nDate:") + 2).getBytes(StandardCharsets.US_ASCII));

        // WHEN checked
        MessageChecker.Run run = MessageChecker.check("tampered", tampered);

        // THEN all three fail, and the checker says so
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("FAIL body.eml").contains("FAIL header.eml").contains("FAIL unsigned.eml")
                .contains("checked 3 messages, 3 failed");
    }
}
