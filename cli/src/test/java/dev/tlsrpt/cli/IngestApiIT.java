package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.SyntheticBatches;
import dev.tlsrpt.tlsrpt.TlsResult;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The ingest API through real HTTP on loopback, the real handler, and DynamoDB in the emulator. */
class IngestApiIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DynamoDbClient dynamo;
    private DynamoDbTokenStore tokens;
    private DynamoDbResultStore results;
    private LocalApi api;
    private ApiToken token;
    private PrintStream stdout;

    @BeforeEach
    void start() throws Exception {
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", CLOCK);
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, CLOCK);
        api = new LocalApi(new IngestApi(tokens, results, CLOCK), 0);
        token = tokens.create("mta1.example.net");
    }

    @AfterEach
    void stop() {
        if (api != null) { // null when the emulator was not there (the test was skipped)
            api.close();
        }
        System.setOut(stdout);
    }

    private static String sampleBody(String fixture) throws Exception {
        return Json.MAPPER.readTree(Fixtures.event(fixture).toFile()).get("body").textValue();
    }

    private HttpResponse<String> post(LocalApi target, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + "/v1/results"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(api, body, Map.of("Authorization", "Bearer " + token.value(), "Content-Type", "application/json"));
    }

    /** Every counter of the day, as "destination recipient policy-type: ok/failed/details". */
    private Map<String, String> counters() {
        Map<String, String> counters = new TreeMap<>();
        for (DestinationKey destination : results.destinations(DAY)) {
            for (TlsResult result : results.results(destination)) {
                counters.put((destination.kind() == DestinationKind.RECIPIENT_DOMAIN ? "R " : "M ") + destination.domain() + " " + result.recipientDomain() + " "
                                + result.policy().type().wireName(),
                        result.successCount() + "/" + result.failureCount() + "/"
                                + result.details().stream().mapToLong(d -> d.failedSessionCount()).sum());
            }
        }
        return counters;
    }

    @Test
    void sampleBatch_shouldBeCountedOnceAndTheRepeatAnsweredAsDuplicate() throws Exception {
        // WHEN the sample batch is posted
        HttpResponse<String> first = post(sampleBody("ingest-results.json"));

        // THEN it is accepted and DynamoDB holds its counters, the IDN domain in A-labels
        assertThat(first.statusCode()).isEqualTo(202);
        Map<String, String> stored = counters();
        assertThat(stored).containsEntry("R example.com example.com sts", "120/2/2")
                .containsEntry("R xn--bcher-kva.example xn--bcher-kva.example sts", "7/1/1")
                .containsEntry("R dane.example dane.example tlsa", "30/3/3")
                .containsEntry("M mx.dane-hosting.example dane.example tlsa", "30/3/3")
                .containsEntry("M mx.dane-hosting.example other-dane.example tlsa", "12/0/0")
                .hasSize(11);

        // AND the same batch again changes nothing
        HttpResponse<String> again = post(sampleBody("ingest-results.json"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(again.body()).get("duplicate").booleanValue()).isTrue();
        assertThat(counters()).isEqualTo(stored);
    }

    @Test
    void tokens_shouldBeRequiredKnownAndActive() throws Exception {
        String body = sampleBody("ingest-results.json");
        assertThat(post(api, body, Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(401);
        assertThat(post(api, body, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + ApiToken.generate().value())).statusCode()).isEqualTo(401);
        assertThat(post(api, body, Map.of("Content-Type", "application/json",
                "Authorization", "Basic dXNlcjpwYXNz")).statusCode()).isEqualTo(401);
        ApiToken revoked = tokens.create("retired-mta");
        tokens.revoke(revoked.id());
        assertThat(post(api, body, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + revoked.value())).statusCode()).isEqualTo(401);
        assertThat(counters()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ingest-invalid-policy-type.json, results[1].policy.policy-type",
            "ingest-invalid-result-type.json, results[0].failure-details[0].result-type",
            "ingest-invalid-count.json, results[2].failed-sessions",
            "ingest-invalid-json.json, $",
    })
    void badInput_shouldBeRefusedNamingTheFieldAndWriteNothing(String fixture, String path) throws Exception {
        HttpResponse<String> response = post(sampleBody(fixture));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("details").get(0).get("path").textValue()).isEqualTo(path);
        assertThat(counters()).isEmpty();
    }

    @Test
    void oversizedAndMistypedBodies_shouldBeRefused() throws Exception {
        String huge = "{\"results\":[" + " ".repeat(3 * 1024 * 1024) + "]}";
        assertThat(post(huge).statusCode()).isEqualTo(413);
        assertThat(post(api, sampleBody("ingest-results.json"), Map.of("Authorization", "Bearer " + token.value(),
                "Content-Type", "text/plain")).statusCode()).isEqualTo(415);
        assertThat(counters()).isEmpty();
    }

    @Test
    void storageFailingMidBatch_shouldAnswer503AndTheRetryCountOnce() throws Exception {
        // GIVEN an API whose storage fails at the second of the batch's transactions
        String body = new String(SyntheticBatches.realistic(3000, 250, DAY, 9), StandardCharsets.UTF_8);
        DynamoDbResultStore failing = new DynamoDbResultStore(
                Emulated.dynamoDbFailingFrom(2, r -> r instanceof TransactWriteItemsRequest), "tlsrpt-results", 16, CLOCK);
        HttpResponse<String> failed;
        try (LocalApi broken = new LocalApi(new IngestApi(tokens, failing, CLOCK), 0)) {
            failed = post(broken, body, Map.of("Authorization", "Bearer " + token.value(), "Content-Type", "application/json"));
        }
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("retry-after")).contains("10");
        Map<String, String> partial = counters();

        // WHEN the MTA retries the same batch on a working API
        HttpResponse<String> retried = post(body);
        Map<String, String> afterRetry = counters();
        HttpResponse<String> third = post(body);

        // THEN the result equals one application: a fresh day given the batch once agrees
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(counters()).isEqualTo(afterRetry);
        MotoServer.get().reset();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        token = tokens.create("mta1.example.net");
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, CLOCK);
        try (LocalApi fresh = new LocalApi(new IngestApi(tokens, results, CLOCK), 0)) {
            assertThat(post(fresh, body, Map.of("Authorization", "Bearer " + token.value(),
                    "Content-Type", "application/json")).statusCode()).isEqualTo(202);
        }
        Map<String, String> once = counters();
        assertThat(afterRetry.equals(once)).as("counters after the retry equal one application").isTrue();
        assertThat(partial.equals(once)).as("the failed attempt applied only part of the batch").isFalse();
    }
}
