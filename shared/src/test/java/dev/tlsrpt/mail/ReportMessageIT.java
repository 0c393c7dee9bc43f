package dev.tlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportGoldenFiles;
import dev.tlsrpt.tlsrpt.TlsrptDiscovery;
import dev.tlsrpt.tlsrpt.TlsrptLookup;
import dev.tlsrpt.tlsrpt.ReportUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Independent checks of the messages we generate, by other people's code: dkimpy verifies each DKIM
 * signature with tlsrpt='strict' against the test key published in the test zone, and parsedmarc
 * parses each message as an SMTP TLS report (scripts/check_messages.py, run with the project venv).
 */
class ReportMessageIT {
    private static final Path MODULE = TlsrptFixtures.moduleDir();
    private static final Path SCRIPT = MODULE.resolveSibling("scripts/check_messages.py").normalize();
    private static final Path ZONE = MODULE.resolve("src/test/resources/dns/test.zone");
    private static final Path OUT = MODULE.resolve("target/tlsrpt-messages");

    private static Path python;

    @BeforeAll
    static void findPython() {
        String venv = System.getProperty("tlsrpt.venv", MODULE.resolveSibling(".venv").toString());
        python = Path.of(venv, "bin", "python");
        assertThat(python).as("Python venv with dkimpy and parsedmarc (run: source scripts/venv.sh)").isExecutable();
        assertThat(SCRIPT).exists();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run check(Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python.toString(), SCRIPT.toString(), dir.toString(), ZONE.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("checker finished").isTrue();
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    private static Path cleanDir(String name) throws IOException {
        Path dir = OUT.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        return dir;
    }

    /** The golden day's messages plus a report to a record with two URIs, to two recipients. */
    private static Map<String, byte[]> messages() {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        ReportGoldenFiles.generate().forEach((name, bytes) -> {
            if (name.endsWith(".eml")) {
                files.put(name, bytes);
            }
        });
        var lookup = new TlsrptDiscovery(TlsrptFixtures.zone()).lookup("spaced.example");
        assertThat(lookup).isInstanceOf(TlsrptLookup.Found.class);
        List<String> recipients = new ArrayList<>(((TlsrptLookup.Found) lookup).record().rua().stream()
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
        // GIVEN every message the tests generate, written as .eml files
        Path dir = cleanDir("ok");
        Map<String, byte[]> messages = messages();
        for (var e : messages.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }

        // WHEN the independent checker runs over them
        Run run = check(dir);

        // THEN every one passes
        assertThat(messages).hasSize(5);
        assertThat(run.output()).contains("checked " + messages.size() + " messages, 0 failed");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void tamperedMessages_shouldFailVerification() throws Exception {
        // GIVEN a message with a changed signed header, one with a changed body, one with its signature stripped
        Path dir = cleanDir("tampered");
        String original = new String(messages().get("20261128.rcpt.example.com@sender.example.1.eml"), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("header.eml"),
                original.replace("TLS-Report-Domain: example.com", "TLS-Report-Domain: example.org"), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("body.eml"),
                original.replace("This is an aggregate TLS report", "This is an aggregate TLS rep0rt"), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("unsigned.eml"),
                original.substring(original.indexOf("\r\nDate:") + 2), StandardCharsets.US_ASCII);

        // WHEN checked
        Run run = check(dir);

        // THEN all three fail, and the checker says so
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("FAIL body.eml").contains("FAIL header.eml").contains("FAIL unsigned.eml")
                .contains("checked 3 messages, 3 failed");
    }
}
