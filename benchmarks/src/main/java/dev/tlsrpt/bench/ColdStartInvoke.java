package dev.tlsrpt.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Lambda cold start without Lambda: a fresh JVM on the deployment jar builds IngestFunction's handler
 * as Lambda does (no-argument constructor, settings from the environment), handles one event, and prints
 * the time from JVM start to the response. scripts/bench-cold-start runs it against the emulator. The
 * handler is loaded by its name from the deployment jar on the class path, as Lambda loads it.
 *
 * <p>Arguments: the event file, the bearer token.
 */
public final class ColdStartInvoke {
    private static final String HANDLER = "dev.tlsrpt.function.ingest.IngestHandler";

    private ColdStartInvoke() {
    }

    public static void main(String[] args) throws Exception {
        APIGatewayV2HTTPEvent event = new ObjectMapper().readValue(Path.of(args[0]).toFile(), APIGatewayV2HTTPEvent.class);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", "Bearer " + args[1]);
        headers.put("idempotency-key", UUID.randomUUID().toString());
        event.setHeaders(headers);
        long initStart = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                        Class.forName(HANDLER).getDeclaredConstructor().newInstance();
        long initDone = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long done = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.printf("cold-start status=%d jvm-start-to-response-ms=%d init-ms=%d first-request-ms=%d%n",
                response.getStatusCode(), sinceJvmStart, (initDone - initStart) / 1_000_000, (done - initDone) / 1_000_000);
    }
}
