package dev.tlsrpt.rehearsal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.local.LoopbackServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The production HTTP client (URL connection) sending every request to a server on the loopback address that
 * answers as a {@link CannedHttpClient} does: the part of a call the in-memory rehearsal leaves cold (the
 * connection's request and response framing, keep-alive, the socket streams) runs, and nothing leaves the
 * machine. Plain HTTP: the JDK's TLS code is warmed by the rehearsal's https POSTs instead
 * ({@link ReportJobRehearsal#runOverHttps}).
 */
final class LoopbackHttpClient implements SdkHttpClient {
    private final CannedHttpClient answers;
    private final HttpServer server;
    private final SdkHttpClient client = UrlConnectionHttpClient.create();

    LoopbackHttpClient(CannedHttpClient answers) {
        this.answers = answers;
        try {
            server = LoopbackServer.http(0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port for the rehearsal", e);
        }
        // No executor: the server's own dispatcher thread answers, and stop() joins that thread.
        server.createContext("/", this::answer);
        server.start();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest toLoopback = request.httpRequest().toBuilder().protocol("http")
                .host(server.getAddress().getHostString()).port(server.getAddress().getPort()).build();
        return client.prepareRequest(HttpExecuteRequest.builder().request(toLoopback)
                .contentStreamProvider(request.contentStreamProvider().orElse(null)).build());
    }

    /** One request: its body read, the canned answer written back with its length, the connection kept. */
    private void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
                .uri(URI.create("http://loopback" + exchange.getRequestURI()));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            request.putHeader(header.getKey(), header.getValue());
        }
        HttpExecuteResponse response = answers.prepareRequest(HttpExecuteRequest.builder().request(request.build())
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build()).call();
        byte[] answer;
        try (InputStream in = response.responseBody().orElseThrow()) {
            answer = in.readAllBytes();
        }
        response.httpResponse().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.httpResponse().statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public String clientName() {
        return "Loopback";
    }

    /** Stops the server, which returns once its thread has ended: nothing of it is left running into the snapshot. */
    @Override
    public void close() {
        client.close();
        server.stop(0);
    }
}
