package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.cli.LocalApi;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Momentum's path: the smtp_tls_reporting hook's events (the shared sample, stamped with today's time) written
 * one per connection to tlsrpt-forward --format momentum, posted to /v1/momentum, counted in DynamoDB.
 */
@Timeout(120)
class MomentumForwardingIT {
    @TempDir
    Path dir;

    private LocalApi api;
    private Forwarder forwarder;
    private PrintStream stdout;

    @AfterEach
    void stop() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
        if (api != null) {
            api.close();
        }
        if (stdout != null) {
            System.setOut(stdout);
        }
    }

    @Test
    void hookEvents_shouldBeCountedOnceEach() throws Exception {
        // GIVEN the API on the emulator and the forwarder in Momentum mode
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        Clock clock = Clock.systemUTC();
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", clock);
        DynamoDbResultStore results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, clock);
        api = new LocalApi(new IngestApi(tokens, results, clock), 0);
        ApiToken token = tokens.create("momentum.sender.example");
        Path socket = dir.resolve("momentum.sock");
        forwarder = Forwarder.start(new ForwarderConfig(socket, "rw-rw----", 1 << 20, URI.create(api.url()),
                token.value(), dir.resolve("spool"), 64L << 20, 1 << 20, 1000, 5000, 2_000_000,
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofHours(1), 65_535, InputFormat.MOMENTUM));

        // WHEN the hook writes each sample event, stamped now, as one line on its own connection
        JsonNode sample = Json.MAPPER.readTree(Fixtures.read(Fixtures.conformance()
                .resolve("ingest-datagrams/momentum-5.1-smtp_tls_reporting-hook-events.json")));
        for (JsonNode event : sample) {
            ((ObjectNode) event).put("epoch", Instant.now().getEpochSecond());
            assertThat(write(socket, event + "\n")).isEqualTo("ok\n");
        }
        assertThat(write(socket, "{\"epoch\": 1, \"type\": 7}\n")).isEqualTo("refused\n");

        // THEN both are stored, once
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (forwarder.stats().delivered.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, String> counters = new TreeMap<>();
        for (DestinationKey destination : results.destinations(LocalDate.now(ZoneOffset.UTC))) {
            for (TlsResult result : results.results(destination)) {
                counters.put(result.recipientDomain() + " " + result.policy().type().wireName(),
                        result.successCount() + "/" + result.failureCount());
            }
        }
        assertThat(counters).containsExactlyInAnyOrderEntriesOf(Map.of(
                "test.bird.com sts", "1/0", "mismatch.cert.com sts", "0/1"));
        assertThat(forwarder.stats().malformed.get()).isEqualTo(1);
    }

    private static String write(Path socket, String line) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            while (channel.read(answer) > 0 && answer.get(answer.position() - 1) != '\n') {
                // until the answer's newline
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
        }
    }
}
