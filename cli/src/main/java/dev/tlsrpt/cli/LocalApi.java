package dev.tlsrpt.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.ingest.ApiRequest;
import dev.tlsrpt.ingest.ApiResponse;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.RequestLog;
import dev.tlsrpt.local.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP API on this machine: each request goes to the same {@link IngestApi} that IngestFunction runs
 * behind API Gateway. Listens on loopback only.
 */
public final class LocalApi implements AutoCloseable {
    /** API Gateway HTTP APIs refuse larger payloads before the function sees them. */
    private static final int GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    public LocalApi(IngestApi api, int port) throws IOException {
        server = LoopbackServer.http(port, 64);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(api, exchange));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private static void serve(IngestApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(GATEWAY_PAYLOAD_LIMIT + 1);
            }
            if (body.length > GATEWAY_PAYLOAD_LIMIT) {
                respond(exchange, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            ApiRequest request = toRequest(exchange, body);
            RequestLog log = new RequestLog(request.path());
            ApiResponse response = api.handle(request, log);
            System.out.println(log.finish(response.status()).text());
            respond(exchange, response.status(), response.headers(), response.body());
        }
    }

    static ApiRequest toRequest(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (headers != null) {
            headers.forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
