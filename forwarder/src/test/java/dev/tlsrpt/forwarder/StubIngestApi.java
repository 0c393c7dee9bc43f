package dev.tlsrpt.forwarder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for {@code POST /v1/libtlsrpt} on loopback that behaves like the real API where the forwarder
 * cares: bearer token, 202 for a new batch, 200 duplicate for an Idempotency-Key seen before. It can be
 * stopped (connection refused) and started again on the same port, and told to answer 503 or 400.
 */
final class StubIngestApi implements AutoCloseable {
    static final String TOKEN = "test-token";

    private final int port;
    private HttpServer server;
    private final Set<String> keys = new HashSet<>();
    private final List<String> datagrams = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile int failNext;
    private volatile int failAfterStoringNext;
    private volatile String rejectContaining;
    private volatile long hangAfterStoringMillis;

    StubIngestApi() throws IOException {
        this(0);
    }

    private StubIngestApi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.port = server.getAddress().getPort();
        server.createContext("/v1/libtlsrpt", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized void stop() {
        server.stop(0);
        server = null;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/libtlsrpt", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The next {@code n} requests answer 503 without storing anything. */
    void failNext(int n) {
        failNext = n;
    }

    /** The next {@code n} requests are stored and then answered 503, as when a response is lost. */
    void failAfterStoringNext(int n) {
        failAfterStoringNext = n;
    }

    /** Requests are stored, then answered only after {@code millis}: time for a client to die waiting. */
    void hangAfterStoring(long millis) {
        hangAfterStoringMillis = millis;
    }

    /** Batches containing {@code text} are answered 400. */
    void rejectBatchesContaining(String text) {
        rejectContaining = text;
    }

    synchronized List<String> datagrams() {
        return List.copyOf(datagrams);
    }

    int requests() {
        return requests.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        if (failNext > 0) {
            failNext--;
            answer(exchange, 503, "{\"error\":\"storage unavailable\"}");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String rejected = rejectContaining;
        if (rejected != null && text.contains(rejected)) {
            answer(exchange, 400, "{\"error\":\"invalid batch\",\"details\":[{\"path\":\"datagrams[0]\"}]}");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        boolean fresh;
        synchronized (this) {
            fresh = keys.add(key);
            if (fresh) {
                text.lines().filter(line -> !line.isBlank()).forEach(datagrams::add);
            }
        }
        if (!fresh) {
            duplicates.incrementAndGet();
        }
        if (hangAfterStoringMillis > 0) {
            try {
                Thread.sleep(hangAfterStoringMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failAfterStoringNext > 0) {
            failAfterStoringNext--;
            answer(exchange, 503, "{\"error\":\"lost response\"}");
            return;
        }
        answer(exchange, fresh ? 202 : 200, fresh ? "{\"accepted\":true}" : "{\"duplicate\":true}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
