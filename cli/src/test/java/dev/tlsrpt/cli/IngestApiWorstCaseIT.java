package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.IngestLimits;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The most work one request can ask for within the limits, through the local API on the emulator: as many
 * results as distinct counters may be written, each its own recipient domain and DANE MX host (a counter and a
 * pointer item each), over every accepted day; one counter more is refused. The time it takes is printed for
 * docs/ingest.md; the assertion is on the answer, not on the clock.
 */
class IngestApiWorstCaseIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private static byte[] distinctCounters(int results) {
        StringBuilder body = new StringBuilder("{\"results\":[");
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        for (int i = 0; i < results; i++) {
            LocalDate day = today.minusDays(i % (IngestLimits.MAX_PAST_DAYS + 1));
            body.append(i == 0 ? "" : ",").append("{\"time\":\"").append(day).append("T09:00:00Z\",")
                    .append("\"recipient-domain\":\"r").append(i).append(".example\",\"policy\":{\"policy-type\":\"tlsa\",")
                    .append("\"policy-domain\":\"mx").append(i).append(".example\",\"policy-string\":[\"3 1 1 ")
                    .append(String.format("%064x", i)).append("\"]},\"successful-sessions\":1,\"failed-sessions\":1,")
                    .append("\"failure-details\":[{\"result-type\":\"tlsa-invalid\",\"sending-mta-ip\":\"192.0.2.1\",")
                    .append("\"receiving-ip\":\"198.51.100.1\",\"failed-session-count\":1}]}");
        }
        byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(IngestLimits.MAX_BODY_BYTES);
        return bytes;
    }

    private static HttpResponse<String> post(LocalApi api, ApiToken token, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.url() + "/v1/results"))
                        .header("Authorization", "Bearer " + token.value())
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void largestBatchOfDistinctCounters_shouldBeStoredInOneRequest_andOneMoreRefused() throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", CLOCK);
        ApiToken token = tokens.create("mta1.example.net");
        byte[] largest = distinctCounters(IngestLimits.MAX_COUNTERS);
        try (LocalApi api = new LocalApi(new IngestApi(tokens, new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, CLOCK), CLOCK), 0)) {
            HttpResponse<String> tooMany = post(api, token, distinctCounters(IngestLimits.MAX_COUNTERS + 1));

            long start = System.nanoTime();
            HttpResponse<String> response = post(api, token, largest);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.setOut(stdout);
            System.out.println("worst-case request: " + largest.length + " bytes, " + IngestLimits.MAX_COUNTERS
                    + " distinct counters -> " + response.statusCode() + " in " + millis + " ms: " + response.body());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(response.body()).contains("\"accepted\":" + IngestLimits.MAX_COUNTERS);
            assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
            assertThat(tooMany.body()).contains("\"path\":\"results\"", "split the batch");
        } finally {
            System.setOut(stdout);
        }
    }
}
