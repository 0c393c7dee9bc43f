package dev.tlsrpt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.cli.LocalApi;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Postfix's path end to end: libtlsrpt's datagrams written to the forwarder's socket, the real ingest
 * handler behind the local HTTP API, DynamoDB in the emulator. The API is away for a while and the
 * forwarder restarts in between; every datagram must be counted exactly once.
 */
@Timeout(180)
class LibtlsrptForwardingIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2026-11-29");

    @TempDir
    Path dir;

    private DynamoDbResultStore results;
    private IngestApi handler;
    private LocalApi api;
    private int port;
    private ApiToken token;
    private Forwarder forwarder;
    private AFUNIXDatagramSocket client;
    private PrintStream stdout;

    @BeforeEach
    void start() throws Exception {
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the handler's request log
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", CLOCK);
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, CLOCK);
        handler = new IngestApi(tokens, results, CLOCK);
        api = new LocalApi(handler, 0);
        port = api.port();
        token = tokens.create("mx1.sender.example");
        client = AFUNIXDatagramSocket.newInstance();
    }

    @AfterEach
    void stop() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
        if (api != null) {
            api.close();
        }
        if (client != null) {
            client.close();
        }
        System.setOut(stdout);
    }

    private static List<String> conformanceDatagrams() throws IOException {
        return dev.tlsrpt.testing.Fixtures.libtlsrptDatagrams();
    }

    private Forwarder startForwarder() throws IOException {
        forwarder = Forwarder.start(new ForwarderConfig(dir.resolve("tlsrpt.sock"), "rw-rw----", 1 << 20,
                URI.create("http://127.0.0.1:" + port), token.value(), dir.resolve("spool"), 64L << 20, 1 << 20,
                1000, 5000, 2_000_000, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofHours(1), 65_535));
        return forwarder;
    }

    private void send(String datagram, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            client.getChannel().send(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.UTF_8)),
                    AFUNIXSocketAddress.of(dir.resolve("tlsrpt.sock")));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(25);
        }
    }

    /** The recipient-domain counters of the day, as "recipient policy-type policy-domain: ok/failed/details". */
    private Map<String, String> recipientCounters() {
        Map<String, String> counters = new TreeMap<>();
        for (DestinationKey destination : results.destinations(DAY)) {
            if (destination.kind() != DestinationKind.RECIPIENT_DOMAIN) {
                continue;
            }
            for (TlsResult result : results.results(destination)) {
                counters.put(result.recipientDomain() + " " + result.policy().type().wireName() + " "
                                + result.policy().domain(),
                        result.successCount() + "/" + result.failureCount() + "/"
                                + result.details().stream().mapToLong(d -> d.failedSessionCount()).sum());
            }
        }
        return counters;
    }

    @Test
    void datagrams_shouldReachDynamoDbOnceThroughAnApiOutageAndAForwarderRestart() throws Exception {
        List<String> datagrams = conformanceDatagrams();

        // GIVEN the forwarder delivering to the API
        startForwarder();
        send(datagrams.get(0), 1);
        send(datagrams.get(1), 2);
        await(() -> forwarder.stats().delivered.get() == 3);

        // WHEN the API goes away, datagrams keep coming and are spooled
        api.close();
        api = null;
        send(datagrams.get(2), 3);
        send(datagrams.get(3), 2);
        await(() -> forwarder.stats().spooled.get() == 8);

        // AND the forwarder restarts while the API is away, and more datagrams come
        forwarder.stop();
        startForwarder();
        send(datagrams.get(3), 2);
        await(() -> forwarder.stats().spooled.get() == 2);

        // AND the API comes back
        api = new LocalApi(handler, port);
        await(() -> forwarder.unsent() == 0 && forwarder.stats().delivered.get() == 7);

        // THEN DynamoDB holds every session exactly once
        assertThat(recipientCounters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "example.net tlsa example.net", "1/0/0",
                "example.com sts example.com", "0/2/2",
                "example.org no-policy-found example.org", "0/3/3",
                "company-y.example sts company-y.example", "0/4/4",
                "company-y.example no-policy-found company-y.example", "4/0/0"));
        assertThat(forwarder.stats().malformed.get()).isZero();
    }
}
