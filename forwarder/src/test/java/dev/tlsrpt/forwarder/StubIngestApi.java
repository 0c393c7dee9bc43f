package dev.tlsrpt.forwarder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.local.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
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
 * stopped (connection refused) and started again on the same port, and told to answer 503 or 500 for a
 * while, 400 (naming the datagram, like the real API) or 500 for batches holding a given datagram.
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
    private volatile boolean rejectNamingNothing;
    private volatile String failContaining;
    private volatile int largestBatch = Integer.MAX_VALUE;
    private volatile int failNextStatus = 503;
    private volatile boolean retryAfter;
    private volatile long hangAfterStoringMillis;

    StubIngestApi() throws IOException {
        this(0);
    }

    private StubIngestApi(int port) throws IOException {
        server = LoopbackServer.http(port, 0);
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
        server = LoopbackServer.http(port, 0);
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

    /**
     * The next {@code n} requests answer {@code status}, storing nothing: an outage. A 503 carries
     * {@code Retry-After: 1}, as the real API's "storage unavailable" does (with its own delay).
     */
    void failNext(int n, int status) {
        failNextStatus = status;
        retryAfter = status == 503;
        failNext = n;
    }

    /**
     * Batches with a datagram containing {@code text} are answered 400 naming the first such datagram, as the
     * real API names {@code datagrams[i]} it refuses.
     */
    void rejectBatchesContaining(String text) {
        rejectContaining = text;
    }

    /** As {@link #rejectBatchesContaining}, but the 400 names no datagram (as for a body over the limit). */
    void rejectBatchesContainingWithoutSaying(String text) {
        rejectNamingNothing = true;
        rejectContaining = text;
    }

    /**
     * Batches of more than {@code datagrams} datagrams are answered 400 naming no datagram, as the real API
     * refuses a batch making more distinct counters than one request may write.
     */
    void refuseBatchesLargerThan(int datagrams) {
        largestBatch = datagrams;
    }

    /** Batches containing {@code text} are answered 500 without Retry-After: a datagram the API fails on. */
    void failBatchesContaining(String text) {
        failContaining = text;
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
            if (retryAfter) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            answer(exchange, failNextStatus, "{\"error\":\"storage unavailable\"}");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String failing = failContaining;
        if (failing != null && text.contains(failing)) {
            answer(exchange, 500, "{\"error\":\"internal error\"}");
            return;
        }
        long datagramCount = text.lines().filter(line -> !line.isBlank()).count();
        if (datagramCount > largestBatch) {
            answer(exchange, 400, "{\"error\":\"invalid request\",\"details\":[{\"path\":\"results\",\"message\":"
                    + "\"these results make " + datagramCount + " distinct counters; at most " + largestBatch
                    + " per request: split the batch\"}]}");
            return;
        }
        String rejected = rejectContaining;
        if (rejected != null && text.contains(rejected)) {
            List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
            int index = 0;
            while (!lines.get(index).contains(rejected)) {
                index++;
            }
            answer(exchange, 400, rejectNamingNothing ? "{\"error\":\"invalid request\",\"details\":[]}"
                    : "{\"error\":\"invalid request\",\"details\":[{\"path\":\"datagrams[" + index
                    + "].d\",\"message\":\"must be a domain name\"}]}");
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
