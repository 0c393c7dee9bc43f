package dev.tlsrpt.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.ApiRequest;
import dev.tlsrpt.ingest.ApiResponse;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.RequestLog;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.testing.SyntheticBatches;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A store that refuses connections or accepts them and never answers: the ingest API answers 503 with
 * Retry-After, on the token lookup as on the write, within the client's deadline.
 */
class StorageDeadlineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Generous: the point is "bounded by the deadline", not "hangs until the stall ends". */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private final List<Socket> held = new ArrayList<>();
    private ServerSocket stalled;

    @AfterEach
    void closeServer() throws IOException {
        if (stalled != null) {
            stalled.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void tokenLookup_shouldAnswer503WhenTheStoreRefusesConnections() throws Exception {
        assertUnavailableInTime(tokenPath(refusingEndpoint()));
    }

    @Test
    void tokenLookup_shouldAnswer503WhenTheStoreNeverAnswers() throws Exception {
        assertUnavailableInTime(tokenPath(stalledEndpoint()));
    }

    @Test
    void write_shouldAnswer503WhenTheStoreRefusesConnections() throws Exception {
        assertUnavailableInTime(storePath(refusingEndpoint()));
    }

    @Test
    void write_shouldAnswer503WhenTheStoreNeverAnswers() throws Exception {
        assertUnavailableInTime(storePath(stalledEndpoint()));
    }

    private record Call(IngestApi api, String bearer) {
    }

    /** Tokens in the unreachable store, so the lookup is the first call to fail. */
    private static Call tokenPath(URI endpoint) {
        DynamoDbClient dynamo = client(endpoint);
        return new Call(new IngestApi(new DynamoDbTokenStore(dynamo, "tokens", CLOCK),
                new DynamoDbResultStore(dynamo, "results", 16, CLOCK), CLOCK), ApiToken.generate().value());
    }

    /** The token known, so the write is the first call to fail. */
    private static Call storePath(URI endpoint) {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        ApiToken token = tokens.create("mta1.example.net");
        return new Call(new IngestApi(tokens, new DynamoDbResultStore(client(endpoint), "results", 16, CLOCK), CLOCK),
                token.value());
    }

    private static DynamoDbClient client(URI endpoint) {
        return IngestHandler.dynamoDb(DEADLINE, builder -> builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
    }

    private static void assertUnavailableInTime(Call call) throws Exception {
        byte[] body = SyntheticBatches.realistic(3, 1, LocalDate.parse("2026-11-28"), 1);
        ApiRequest request = new ApiRequest("POST", "/v1/results", Map.of(
                "authorization", "Bearer " + call.bearer, "content-type", "application/json"), body);

        long started = System.nanoTime();
        ApiResponse response = call.api.handle(request, new RequestLog("/v1/results"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("retry-after", IngestApi.RETRY_AFTER_SECONDS);
        assertThat(took).isLessThan(DEADLINE.plus(SLACK));
    }

    private static URI refusingEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Accepts every connection, reads nothing, answers nothing, closes nothing until the test ends. */
    private URI stalledEndpoint() throws IOException {
        stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = stalled.accept();
                    synchronized (held) {
                        held.add(socket);
                    }
                }
            } catch (IOException closed) {
                // The test is over.
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + stalled.getLocalPort());
    }
}
