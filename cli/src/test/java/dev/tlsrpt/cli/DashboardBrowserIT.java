package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.cli.dashboard.DashboardServer;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsrpt dashboard} in a real browser: the local stack on the emulator runs the demo day (ingest,
 * the daily run, reports archived and sent), the dashboard serves it, and headless Chromium driven by
 * Playwright (src/test/browser, installed by scripts/test) checks the page against the counters this test
 * reads itself, opens a destination's archived report and keeps a screenshot in target/dashboard.png.
 */
class DashboardBrowserIT {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final Path BROWSER_TEST = Path.of("src/test/browser");

    @Test
    void dashboard_shouldShowTheStoredCountersAndOpenTheArchivedReport(@TempDir Path out) throws Exception {
        // GIVEN the demo day ingested and reported on the emulator
        assertThat(BROWSER_TEST.resolve("node_modules/playwright-core")).as("run scripts/test (npm ci in " + BROWSER_TEST + ")").isDirectory();
        assertThat(Path.of("/usr/bin/chromium")).as("Chromium (scripts/test installs it)").isExecutable();
        MotoServer.get().reset();
        Run demo = Cli.run("local", "--demo", "--exit", "--port", "0", "--events", Fixtures.events().toString(), "--out", out.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();

        // AND the day's counters, read from the emulator through the store and from the sample itself
        List<TlsResult> stored = new DynamoDbResultStore(Emulated.dynamoDb(), "tlsrpt-results", 16, Clock.systemUTC())
                .destinations(DAY).stream().filter(d -> d.kind() == DestinationKind.RECIPIENT_DOMAIN)
                .flatMap(d -> new DynamoDbResultStore(Emulated.dynamoDb(), "tlsrpt-results", 16, Clock.systemUTC()).results(d).stream())
                .toList();
        long successful = stored.stream().mapToLong(TlsResult::successCount).sum();
        long failed = stored.stream().mapToLong(TlsResult::failureCount).sum();
        JsonNode sample = Json.MAPPER.readTree(Json.MAPPER.readTree(Fixtures.event("ingest-results.json").toFile()).get("body").textValue());
        assertThat(successful).isEqualTo(sum(sample, "successful-sessions")).isPositive();
        assertThat(failed).isEqualTo(sum(sample, "failed-sessions")).isPositive();

        // AND `tlsrpt archive` lists the day's archive (one object a delivery) and reads a report out of a sent message
        Run list = Cli.run("archive", "list", "--day", DAY.toString(), "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode listed = Json.MAPPER.readTree(list.out());
        String messageKey = "reports/2026-11-28/rcpt/example.com/mailto%3Atlsrpt%40example.com.eml";
        assertThat(listed.findValuesAsText("key")).contains(messageKey).noneMatch(k -> k.endsWith(".json"));
        Run get = Cli.run("archive", "get", messageKey, "--report", "-o", out.resolve("report.json").toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(Json.MAPPER.readTree(out.resolve("report.json").toFile()).get("report-id").asText())
                .isEqualTo("20261128.rcpt.example.com@sender.example");
        Run raw = Cli.run("archive", "get", messageKey, "-o", out.resolve("sent.eml").toString());
        assertThat(raw.exitCode()).as(raw.err()).isZero();
        assertThat(Files.readString(out.resolve("sent.eml"))).startsWith("DKIM-Signature:");
        assertThat(Cli.run("archive", "get", "not/a/key").exitCode()).isEqualTo(2);

        // WHEN the dashboard serves it and the browser test opens it
        AwsOptions aws = new AwsOptions();
        aws.stack = "tlsrpt";
        Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        try (DashboardServer server = DashboardCommand.start(aws, new ArchiveCommand.BucketOption(), 0, 5000, DAY)) {
            String expected = Json.MAPPER.createObjectNode().put("day", DAY.toString()).put("successful", successful)
                    .put("failed", failed).put("destination", "rcpt example.com")
                    .put("reportId", "20261128.rcpt.example.com@sender.example").toString();
            ProcessBuilder node = new ProcessBuilder("node", "dashboard.test.mjs").directory(BROWSER_TEST.toFile()).redirectErrorStream(true);
            node.environment().put("DASHBOARD_URL", server.url());
            node.environment().put("EXPECTED", expected);
            node.environment().put("SCREENSHOT", screenshot.toString());
            Process process = node.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean finished = process.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            System.out.println(output);

            // THEN every check in the browser passed, and the screenshot is kept
            assertThat(finished).as("browser test finished").isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("dashboard checked: " + successful + " successful, " + failed + " failed");
            assertThat(screenshot).isNotEmptyFile();
        }
    }

    private static long sum(JsonNode batch, String field) {
        return StreamSupport.stream(batch.get("results").spliterator(), false).mapToLong(r -> r.path(field).asLong()).sum();
    }
}
