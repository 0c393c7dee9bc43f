package dev.tlsrpt.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.IngestLimits;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.tlsrpt.Json;
import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/openapi.yaml is the contract MTAs integrate against: every answer the handler really gives (each
 * events/ fixture, and a range of bad inputs) has a documented status and a body its schema accepts, and
 * the request schemas agree with the parser on what is valid.
 */
class OpenApiContractTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final JsonNode DOC = readDocument();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @RegisterExtension
    final IngestFixture ingest = new IngestFixture(CLOCK, "mta1.example.net");

    private static JsonNode readDocument() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Fixtures.events().resolveSibling("docs").resolve("openapi.yaml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A schema of the document, its references resolved against the document's components. */
    private static JsonSchema schema(JsonNode schema) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", DOC.get("components"));
        root.putArray("allOf").add(schema);
        return SCHEMAS.getSchema(root);
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String[] parts = node.get("$ref").textValue().substring(2).split("/");
            JsonNode target = DOC;
            for (String part : parts) {
                target = target.get(part);
            }
            node = target;
        }
        return node;
    }

    private static Set<ValidationMessage> violations(String schemaName, JsonNode value) {
        return schema(DOC.at("/components/schemas/" + schemaName)).validate(value);
    }

    /** Asserts the answer's status is documented for the route and its body fits the documented schema. */
    private static void assertDocumented(String path, APIGatewayV2HTTPResponse response) throws Exception {
        JsonNode responses = DOC.get("paths").get(path).get("post").get("responses");
        String status = String.valueOf(response.getStatusCode());
        assertThat(responses.has(status)).as("status %s of %s is documented", status, path).isTrue();
        JsonNode documented = resolve(responses.get(status));
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(schema(documented.at("/content/application~1json/schema")).validate(body))
                .as("%s %s: %s", path, status, response.getBody()).isEmpty();
        if (documented.has("headers")) {
            documented.get("headers").fieldNames().forEachRemaining(header -> assertThat(response.getHeaders())
                    .as("header %s of %s", header, status).containsKey(header.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private APIGatewayV2HTTPEvent post(String path, String contentType, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(Map.of("authorization", "Bearer " + ingest.token().value(), "content-type", contentType));
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(headers).withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
                        .build())
                .build();
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, ResultStore store) {
        return new IngestHandler(new IngestApi(ingest.tokens(), store, CLOCK)).handleRequest(event, null);
    }

    static Stream<String> ingestFixtures() {
        return Arrays.stream(Fixtures.events().toFile().listFiles()).map(File::getName)
                .filter(name -> name.startsWith("ingest-") && name.endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("ingestFixtures")
    void everyIngestFixture_shouldBeAnsweredAsDocumented(String name) throws Exception {
        // GIVEN a fixture, sent twice (the second answer is the duplicate one for those that are accepted)
        InMemoryResultStore store = new InMemoryResultStore();
        APIGatewayV2HTTPEvent event = ingest.event(name);

        for (int attempt = 0; attempt < 2; attempt++) {
            APIGatewayV2HTTPResponse response = handle(event, store);
            // THEN each answer is documented, body and headers
            assertDocumented(event.getRawPath(), response);
        }
    }

    @Test
    void sampleBody_shouldFitTheRequestSchema() throws Exception {
        JsonNode body = Json.MAPPER.readTree(ingest.event("ingest-results.json").getBody());
        assertThat(violations("ResultsRequest", body)).isEmpty();
        for (String datagram : Fixtures.libtlsrptDatagrams()) {
            assertThat(violations("LibtlsrptDatagram", Json.MAPPER.readTree(datagram))).as(datagram).isEmpty();
        }
    }

    private static String result(String fields) {
        return "{\"results\":[{\"time\":\"2026-11-28T13:45:07Z\",\"recipient-domain\":\"example.com\","
                + "\"policy\":{\"policy-type\":\"sts\",\"policy-domain\":\"example.com\"}"
                + (fields.isEmpty() ? "" : "," + fields) + "}]}";
    }

    private static String detail(String fields) {
        return result("\"failure-details\":[{\"result-type\":\"validation-failure\",\"failed-session-count\":1"
                + (fields.isEmpty() ? "" : "," + fields) + "}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"successful-sessions\":-1", "\"successful-sessions\":1000000001", "\"unknown\":1",
            "\"trigger-report\":\"yes\"", "\"failure-details\":[{}]", "\"time\":\"2026-11-28 13:45:07\""})
    void fieldRules_shouldBeTheSameInTheSchemaAndTheParser(String fields) throws Exception {
        String body = result(fields);
        assertThat(violations("ResultsRequest", Json.MAPPER.readTree(body))).as("schema refuses %s", fields).isNotEmpty();
        APIGatewayV2HTTPResponse response = handle(post("/v1/results", "application/json", body, Map.of()), new InMemoryResultStore());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertDocumented("/v1/results", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"additional-information\":\"a\\nb\"", "\"additional-information\":\"a\\u2028b\"",
            "\"receiving-mx-helo\":\"a\\u0085b\"", "\"result-type\":\"no-such-type\""})
    void detailRules_shouldBeTheSameInTheSchemaAndTheParser(String field) throws Exception {
        String body = detail(field).replace("\"result-type\":\"validation-failure\",", field.startsWith("\"result-type") ? "" : "\"result-type\":\"validation-failure\",");
        assertThat(violations("ResultsRequest", Json.MAPPER.readTree(body))).as("schema refuses %s", field).isNotEmpty();
        APIGatewayV2HTTPResponse response = handle(post("/v1/results", "application/json", body, Map.of()), new InMemoryResultStore());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertDocumented("/v1/results", response);
    }

    @Test
    void tlsaFullCertificate_shouldFitTheSchemaAndBeAccepted() throws Exception {
        String record = "3 0 0 " + "AB".repeat(1500);
        String body = "{\"results\":[{\"time\":\"2026-11-28T13:45:07Z\",\"recipient-domain\":\"dane.example\","
                + "\"policy\":{\"policy-type\":\"tlsa\",\"policy-domain\":\"mx.dane.example\",\"policy-string\":[\"" + record + "\"]}}]}";
        assertThat(violations("ResultsRequest", Json.MAPPER.readTree(body))).isEmpty();
        APIGatewayV2HTTPResponse response = handle(post("/v1/results", "application/json", body, Map.of()), new InMemoryResultStore());
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertDocumented("/v1/results", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"results\":[]} {}", "{\"results\":[],\"results\":[]}", "[]", "",
            "{\"results\":[{\"recipient-domain\":\"example.com\",\"policy\":{\"policy-type\":\"sts\"},"
                    + "\"failure-details\":[{},{},{},{},{},{},{},{},{},{},{}]}]}",
            "{\"results\":[{\"time\":\"-1000000000-01-01T00:00:00Z\",\"recipient-domain\":\"example.com\",\"policy\":{\"policy-type\":\"sts\"}}]}",
            "{\"results\":[{\"time\":\"1970-01-01T00:00:00Z\",\"recipient-domain\":\"example.com\",\"policy\":{\"policy-type\":\"sts\"}}]}",
            "{\"results\":[{\"recipient-domain\":\"example.com\",\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"\\udc80\"]}}]}"})
    void badBodies_shouldBeAnswered400AsDocumented(String body) throws Exception {
        APIGatewayV2HTTPResponse response = handle(post("/v1/results", "application/json", body, Map.of()), new InMemoryResultStore());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertDocumented("/v1/results", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"dpv\":\"2\"}", "{\"dpv\":\"1\",\"d\":\"example.com\",\"policies\":[{\"policy-type\":2,"
            + "\"policy-string\":[\"\\udc80\"],\"f\":0}]}", "garbage\n{}"})
    void badDatagrams_shouldBeAnswered400AsDocumented(String body) throws Exception {
        APIGatewayV2HTTPResponse response = handle(post("/v1/libtlsrpt", "application/x-ndjson", body, Map.of()), new InMemoryResultStore());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertDocumented("/v1/libtlsrpt", response);
    }

    @Test
    void requestErrors_shouldBeAnsweredAsDocumented() throws Exception {
        String body = result("");
        InMemoryResultStore store = new InMemoryResultStore();
        // 401, 415, 400 for the header, 413, and 422 for a key reused with another body
        APIGatewayV2HTTPEvent noToken = post("/v1/results", "application/json", body, Map.of());
        noToken.getHeaders().remove("authorization");
        List<APIGatewayV2HTTPResponse> answers = List.of(
                handle(noToken, store),
                handle(post("/v1/results", "text/plain", body, Map.of()), store),
                handle(post("/v1/results", "application/json", body, Map.of("idempotency-key", "a b")), store),
                handle(post("/v1/results", "application/json", "x".repeat(IngestLimits.MAX_BODY_BYTES + 1), Map.of()), store),
                handle(post("/v1/results", "application/json", body, Map.of("idempotency-key", "k1")), store),
                handle(post("/v1/results", "application/json", result("\"successful-sessions\":5"), Map.of("idempotency-key", "k1")), store));
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsExactly(401, 415, 400, 413, 202, 422);
        for (APIGatewayV2HTTPResponse answer : answers) {
            assertDocumented("/v1/results", answer);
        }
    }

    @Test
    void storageUnavailable_shouldBeAnswered503AsDocumented() throws Exception {
        ResultStore down = new ResultStore() {
            @Override
            public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
                throw new StorageUnavailableException("emulated outage", null);
            }

            @Override
            public boolean isDayClosed(LocalDate day) {
                return false;
            }
        };
        APIGatewayV2HTTPResponse response = handle(post("/v1/results", "application/json", result(""), Map.of()), down);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertDocumented("/v1/results", response);
    }
}
