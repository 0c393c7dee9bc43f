package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The runnable jar as a process, killed with SIGKILL at the worst moments: nothing that reached the spool
 * may be lost, nothing may be counted twice.
 */
@Timeout(120)
class ForwarderProcessIT {
    private static final Path JAR = Path.of("target/tlsrpt-forward.jar");

    @TempDir
    Path dir;

    private StubIngestApi api;
    private AFUNIXDatagramSocket client;
    private Process forwarder;

    @BeforeEach
    void setUp() throws IOException {
        api = new StubIngestApi();
        client = AFUNIXDatagramSocket.newInstance();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (forwarder != null) {
            forwarder.destroyForcibly().waitFor();
        }
        client.close();
        api.close();
    }

    private Path socket() {
        return dir.resolve("run/tlsrpt.sock");
    }

    private Path log() {
        return dir.resolve("forwarder.log");
    }

    private void startForwarder() throws Exception {
        Files.deleteIfExists(socket()); // so that waiting for it below waits for this process
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(),
                "--api-url", api.url().toString(), "--socket", socket().toString(),
                "--spool-dir", dir.resolve("spool").toString(), "--flush-interval", "100ms",
                "--batch-datagrams", "50", "--http-timeout", "3s", "--stats-interval", "100ms");
        builder.environment().put("TLSRPT_TOKEN", StubIngestApi.TOKEN);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        forwarder = builder.start();
        await(() -> Files.exists(socket()));
    }

    private void kill() throws InterruptedException {
        forwarder.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush
        forwarder = null;
    }

    private void sendAll(List<String> datagrams) throws IOException {
        for (String datagram : datagrams) {
            client.getChannel().send(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.UTF_8)), AFUNIXSocketAddress.of(socket()));
        }
    }

    private long lastCounter(String name) {
        try {
            List<String> lines = Files.readAllLines(log());
            for (int i = lines.size() - 1; i >= 0; i--) {
                int at = lines.get(i).indexOf(" " + name + "=");
                if (at >= 0) {
                    String rest = lines.get(i).substring(at + name.length() + 2);
                    return Long.parseLong(rest.split(" ")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not yet written
        }
        return -1;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void killedWhileApiDown_shouldDeliverEverythingSpooledAfterRestart() throws Exception {
        // GIVEN datagrams spooled while the API is down
        api.stop();
        startForwarder();
        sendAll(ForwarderIT.datagrams(0, 300));
        await(() -> lastCounter("spooled") == 300);

        // WHEN the forwarder is killed, started again, and the API returns
        kill();
        startForwarder();
        api.start();

        // THEN
        await(() -> api.datagrams().size() >= 300 && lastCounter("unsent") == 0);
        assertThat(api.datagrams()).containsExactlyElementsOf(ForwarderIT.datagrams(0, 300));
    }

    @Test
    void killedWhileWaitingForTheApisAnswer_shouldSendTheSameBatchAgainAndBeCountedOnce() throws Exception {
        // GIVEN an API that stores a batch but answers too late
        api.hangAfterStoring(10_000);
        startForwarder();
        sendAll(ForwarderIT.datagrams(0, 200));
        await(() -> !api.datagrams().isEmpty());

        // WHEN the forwarder dies before the answer, and comes back
        kill();
        api.hangAfterStoring(0);
        startForwarder();

        // THEN the batch in flight is sent again with its key (a duplicate for the API), nothing twice
        await(() -> api.datagrams().size() >= 200 && lastCounter("unsent") == 0);
        assertThat(api.datagrams()).containsExactlyElementsOf(ForwarderIT.datagrams(0, 200));
        assertThat(api.duplicates()).isPositive();
    }

    @Test
    void sigterm_shouldFlushTheOpenBatchAndExitCleanly() throws Exception {
        startForwarder();
        sendAll(ForwarderIT.datagrams(0, 20));
        await(() -> lastCounter("spooled") == 20);

        forwarder.destroy(); // SIGTERM

        assertThat(forwarder.waitFor()).isEqualTo(143); // the JVM's status after SIGTERM (unit: SuccessExitStatus)
        forwarder = null;
        assertThat(api.datagrams()).containsExactlyElementsOf(ForwarderIT.datagrams(0, 20));
        assertThat(Files.exists(socket())).isFalse();
    }
}
