package dev.tlsrpt.function.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.tlsrpt.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the handler's tests share, fresh for each test: the handler over in-memory stores on a fixed clock
 * (storage itself is tested against the emulator), one MTA's token, the events/ fixtures with that token in
 * place of the sample's placeholder, and the request log kept out of the test output.
 */
final class IngestFixture implements BeforeEachCallback, AfterEachCallback {
    private final Clock clock;
    private final String mta;
    private PrintStream stdout;
    private InMemoryTokenStore tokens;
    private InMemoryResultStore store;
    private IngestHandler handler;
    private ApiToken token;

    /** @param mta the name the test's token is created for */
    IngestFixture(Clock clock, String mta) {
        this.clock = clock;
        this.mta = mta;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        tokens = new InMemoryTokenStore();
        store = new InMemoryResultStore();
        handler = new IngestHandler(new IngestApi(tokens, store, clock));
        token = tokens.create(mta);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(stdout);
    }

    InMemoryTokenStore tokens() {
        return tokens;
    }

    InMemoryResultStore store() {
        return store;
    }

    IngestHandler handler() {
        return handler;
    }

    ApiToken token() {
        return token;
    }

    /** The fixture {@code events/<name>}, its bearer token (where it has one) the test's. */
    APIGatewayV2HTTPEvent event(String name) throws Exception {
        APIGatewayV2HTTPEvent event = Json.MAPPER.readValue(Fixtures.event(name).toFile(), APIGatewayV2HTTPEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.computeIfPresent("authorization", (k, v) -> "Bearer " + token.value());
        event.setHeaders(headers);
        return event;
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }
}
