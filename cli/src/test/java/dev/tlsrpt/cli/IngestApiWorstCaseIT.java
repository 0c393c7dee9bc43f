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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The most work one request can ask for within the limits, through the local API on the emulator: 5,000
 * results, each its own recipient domain and DANE MX host (two items each), over every accepted day. The
 * time it takes is printed for docs/ingest.md; the assertion is on the answer, not on the clock.
 */
class IngestApiWorstCaseIT {
    /** Results in the request; the limit itself takes minutes in the emulator (see docs/ingest.md). */
    private static final int RESULTS = Integer.getInteger("tlsrpt.worstCase.results", 500);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void largestBatchOfDistinctCounters_shouldBeStoredInOneRequest() throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", CLOCK);
        ApiToken token = tokens.create("mta1.example.net");
        StringBuilder body = new StringBuilder("{\"results\":[");
        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        for (int i = 0; i < RESULTS; i++) {
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
        try (LocalApi api = new LocalApi(new IngestApi(tokens, new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, CLOCK), CLOCK), 0)) {
            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(api.url() + "/v1/results"))
                            .header("Authorization", "Bearer " + token.value())
                            .header("Content-Type", "application/json")
                            .timeout(java.time.Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.setOut(stdout);
            System.out.println("worst-case request: " + bytes.length + " bytes, " + RESULTS
                    + " results -> " + response.statusCode() + " in " + millis + " ms: " + response.body());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(response.body()).contains("\"accepted\":" + RESULTS);
        } finally {
            System.setOut(stdout);
        }
    }
}
