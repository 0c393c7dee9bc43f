package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.JsonMutations;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.Json;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * More than 10,000 random and mutated bodies through real HTTP on loopback, the real {@link IngestApi} and
 * DynamoDB in the emulator: never a 5xx, and nothing written for a refused body. Each refused request is
 * checked to reach no write, and at the end the table holds exactly one batch record per 202.
 */
@AddLifecycleHook(IngestApiFuzzIT.NeedsTheEmulator.class)
class IngestApiFuzzIT {
    /**
     * jqwik reports an abort in {@code @BeforeContainer} as an error: where the emulator cannot be had or
     * reset (-Plocalstack without Docker, a shared endpoint), the properties are skipped with the reason.
     */
    static final class NeedsTheEmulator implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            try {
                MotoServer.get().reset();
                return SkipResult.doNotSkip();
            } catch (TestAbortedException unavailable) {
                return SkipResult.skip(unavailable.getMessage());
            }
        }
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final String TABLE = "tlsrpt-results";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Two results of the sample: a small batch keeps each accepted write, and so the run, short. */
    private static final JsonNode RESULTS_SAMPLE = sample();
    private static final List<String> DATAGRAMS = Fixtures.libtlsrptDatagrams();

    private static DynamoDbClient dynamo;
    private static LocalApi api;
    private static ApiToken token;
    private static final AtomicInteger APPLIED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static PrintStream stdout;

    @BeforeContainer
    static void start() throws Exception {
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, TABLE);
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", CLOCK);
        token = tokens.create("fuzz.example.net");
        api = new LocalApi(new IngestApi(tokens, new CountingStore(new DynamoDbResultStore(dynamo, TABLE, 16, CLOCK)), CLOCK), 0);
    }

    @AfterContainer
    static void stop() {
        if (api == null) { // the emulator was not there: the properties were skipped, nothing to count
            System.setOut(stdout);
            return;
        }
        try {
            // Every batch written has its record: their number is the number of 202 answers, not one more.
            int batches = dynamo.scan(r -> r.tableName(TABLE).select(Select.COUNT)
                    .filterExpression("begins_with(pk, :batch)")
                    .expressionAttributeValues(java.util.Map.of(":batch", AttributeValue.fromS("BATCH#")))).count();
            assertThat(batches).isEqualTo(ACCEPTED.get());
            assertThat(ACCEPTED.get()).as("some mutated bodies stay valid").isGreaterThan(100);
            System.err.println("IngestApiFuzzIT: " + ACCEPTED.get() + " accepted, " + APPLIED.get() + " reached storage");
        } finally {
            api.close();
            System.setOut(stdout);
        }
    }

    @Property(tries = 3500)
    void mutatedResults_neverFailTheServerNorWriteWhenRefused(@ForAll("mutatedResults") String body) throws Exception {
        assertHandled("/v1/results", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 5000)
    void randomResults_neverFailTheServerNorWriteWhenRefused(@ForAll("randomBodies") byte[] body) throws Exception {
        assertHandled("/v1/results", "application/json", body);
    }

    @Property(tries = 1500)
    void mutatedDatagrams_neverFailTheServerNorWriteWhenRefused(@ForAll("mutatedDatagrams") String body) throws Exception {
        assertHandled("/v1/libtlsrpt", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertHandled(String path, String contentType, byte[] body) throws Exception {
        int appliedBefore = APPLIED.get();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + path))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isIn(200, 202, 400, 413);
        if (response.statusCode() == 202) {
            ACCEPTED.incrementAndGet();
        }
        if (response.statusCode() >= 400) {
            assertThat(APPLIED.get()).as("a refused body reached storage").isEqualTo(appliedBefore);
            assertThat(Json.MAPPER.readTree(response.body()).get("error").isTextual()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> mutatedResults() {
        return Arbitraries.integers().between(2, 5).flatMap(count -> Arbitraries.longs().map(seed ->
                JsonMutations.mutate(RESULTS_SAMPLE.deepCopy(), new SplittableRandom(seed), count).toString()));
    }

    @Provide
    Arbitrary<byte[]> randomBodies() {
        Arbitrary<String> json = Arbitraries.strings().withChars("{}[]\":,0123456789.-eatrunlsfxyz\\ ").ofMaxLength(200);
        Arbitrary<String> wrapped = json.map(inner -> "{\"results\":[" + inner + "]}");
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(100);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(json.map(IngestApiFuzzIT::utf8), wrapped.map(IngestApiFuzzIT::utf8),
                unicode.map(IngestApiFuzzIT::utf8), bytes);
    }

    @Provide
    Arbitrary<String> mutatedDatagrams() {
        return Arbitraries.of(DATAGRAMS).flatMap(line -> Arbitraries.longs().map(seed ->
                JsonMutations.mutate(read(line), new SplittableRandom(seed), 2 + (int) Math.floorMod(seed, 3L)).toString()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sample() {
        try {
            String body = Json.MAPPER.readTree(Fixtures.event("ingest-results.json").toFile()).get("body").textValue();
            JsonNode root = Json.MAPPER.readTree(body);
            com.fasterxml.jackson.databind.node.ArrayNode results = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("results");
            while (results.size() > 2) {
                results.remove(results.size() - 1);
            }
            return root;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real store, counting the batches that reach it. */
    private record CountingStore(ResultStore store) implements ResultStore {
        @Override
        public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
            APPLIED.incrementAndGet();
            return store.apply(batchId, bodyHash, deltas);
        }

        @Override
        public boolean isDayClosed(LocalDate day) {
            return store.isDayClosed(day);
        }
    }
}
