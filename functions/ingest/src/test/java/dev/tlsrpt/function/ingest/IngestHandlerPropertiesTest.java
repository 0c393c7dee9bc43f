package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.IngestApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.testing.JsonMutations;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Thousands of random and mutated bodies: the handler never answers 5xx, never lets an exception out,
 * and writes nothing for a batch it refuses.
 */
class IngestHandlerPropertiesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final JsonNode SAMPLE = readSample();
    private static PrintStream stdout;

    @BeforeContainer
    static void quietLogs() {
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterContainer
    static void restoreLogs() {
        System.setOut(stdout);
    }

    private static JsonNode readSample() {
        try {
            String body = Json.MAPPER.readTree(Fixtures.event("ingest-results.json").toFile()).get("body").textValue();
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 3000)
    void mutatedSampleBodies_neverFailTheServerNorHalfApply(@ForAll("mutatedBodies") String body) {
        Statistics.collect(assertHandled(body));
        // Both sides must be exercised: mutations that stay valid, and ones that are refused.
        Statistics.coverage(coverage -> {
            coverage.check(202).count(n -> n > 100);
            coverage.check(400).count(n -> n > 100);
        });
    }

    @Property(tries = 2000)
    void randomBodies_neverFailTheServerNorHalfApply(@ForAll("randomBodies") String body) {
        assertHandled(body);
    }

    private static int assertHandled(String body) {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        ApiToken token = tokens.create("mta");
        InMemoryResultStore store = new InMemoryResultStore();
        IngestHandler handler = new IngestHandler(new IngestApi(tokens, store, CLOCK));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/v1/results")
                .withHeaders(Map.of("authorization", "Bearer " + token.value(), "content-type", "application/json"))
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/v1/results").build())
                        .build())
                .build();

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isIn(200, 202, 400, 413, 422);
        if (response.getStatusCode() >= 400) {
            assertThat(store.applied()).isEmpty();
            assertThat(response.getBody()).contains("\"error\"");
        }
        return response.getStatusCode();
    }

    @Provide
    Arbitrary<String> mutatedBodies() {
        return Arbitraries.integers().between(1, 6).flatMap(count ->
                Arbitraries.longs().map(seed -> JsonMutations.mutate(SAMPLE.deepCopy(), new java.util.SplittableRandom(seed), count).toString()));
    }

    @Provide
    Arbitrary<String> randomBodies() {
        Arbitrary<String> json = Arbitraries.strings().withChars("{}[]\":,0123456789.-eatrunlsfxyz\\ ").ofMaxLength(200);
        Arbitrary<String> wrapped = json.map(inner -> "{\"results\":[" + inner + "]}");
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(100);
        return Arbitraries.oneOf(json, wrapped, unicode);
    }
}
