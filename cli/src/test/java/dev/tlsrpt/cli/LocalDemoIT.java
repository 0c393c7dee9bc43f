package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, end to end against the emulator: the sample day is ingested, planned and
 * delivered by the real adapters (SES in the emulator, HTTPS to the local receiver), and what SES accepted,
 * read back from the emulator, verifies with dkimpy and parses with parsedmarc.
 */
class LocalDemoIT {

    @Test
    void demo_shouldSendExactlyTheExpectedReportsForTheSampleDay(@TempDir Path out) throws Exception {
        MotoServer.get().reset();

        Run run = Cli.run("local", "--demo", "--exit", "--port", "0",
                "--events", Fixtures.events().toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Recipient-domain reports where a record asks for them; the DANE MX host's own report; none for
        // all-success domains, a domain without a record, or one with two; none to the suppressed address.
        assertThat(mail(out)).containsExactlyInAnyOrder(
                "tlsrpt@example.com", "postmaster@example.net", "tlsrpt@xn--bcher-kva.example",
                "tls-reports@dane.example", "dane@dane-hosting.example");
        assertThat(run.out()).contains("skipped mailto:bounced@example.com (suppressed address)")
                .contains("sent https://reports.example.com:8443/v1/tlsrpt")
                .contains("skipped (several TLSRPT records)")
                .contains("skipped (no TLSRPT record");
        JsonNode posted = Json.MAPPER.readTree(out.resolve("https/01.json").toFile());
        assertThat(posted.get("report-id").textValue()).isEqualTo("20261128.rcpt.example.com@sender.example");

        // The raw messages as SES accepted them pass tools we did not write.
        Path root = Path.of(System.getProperty("tlsrpt.root", "."));
        Path python = Path.of(System.getProperty("tlsrpt.venv", root.resolve(".venv").toString()), "bin", "python");
        Process check = new ProcessBuilder(python.toString(), root.resolve("scripts/check_messages.py").toString(),
                out.resolve("mail").toString(), out.resolve("dkim.zone").toString()).redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(report).isZero();
        assertThat(report).contains("checked 5 messages, 0 failed");
    }

    /** The recipients of the messages SES accepted, from the files' names. */
    private static java.util.List<String> mail(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve("mail"))) {
            return files.map(f -> f.getFileName().toString().replaceFirst("^\\d+-", "").replaceFirst("\\.eml$", "")).toList();
        }
    }
}
