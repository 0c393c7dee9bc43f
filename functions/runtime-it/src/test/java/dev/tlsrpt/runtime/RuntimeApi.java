package dev.tlsrpt.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.local.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) on loopback, for one function: what the managed runtime's
 * interface client polls for the next invocation and posts the result or the error to. One invocation at
 * a time, as one Lambda execution environment runs them.
 */
final class RuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What came back: the response body, or the error the runtime reported (function or init error). */
    record Outcome(boolean error, String body) {
    }

    private record Invocation(String requestId, String payload) {
    }

    private final HttpServer server;
    private final String functionArn;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Boolean> snapshot = new CompletableFuture<>();

    RuntimeApi(String functionName) throws IOException {
        this.functionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
        server = LoopbackServer.http(0, 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-" + functionName);
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API carries it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands {@code payload} to the function and waits for its outcome; null if {@code exited} completes first. */
    Outcome invoke(String payload, Duration timeout, CompletableFuture<?> exited) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(requestId, outcome);
        pending.put(new Invocation(requestId, payload));
        try {
            return CompletableFuture.anyOf(outcome, initError.thenApply(error -> new Outcome(true, "init error: " + error)),
                            exited.thenApply(process -> null))
                    .thenApply(Outcome.class::cast)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome from the function within " + timeout);
        } finally {
            outcomes.remove(requestId);
        }
    }

    /**
     * True once the runtime asks for {@code restore/next}, its hooks run: where Lambda takes the snapshot. False if
     * it reports an init error or {@code exited} completes first.
     */
    boolean awaitSnapshot(Duration timeout, CompletableFuture<?> exited) throws InterruptedException {
        try {
            return (Boolean) CompletableFuture.anyOf(snapshot, initError.thenApply(error -> false),
                    exited.thenApply(process -> false)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            return false;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                Invocation next = pending.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        String.valueOf(System.currentTimeMillis() + Duration.ofMinutes(5).toMillis()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                reply(exchange, 200, next.payload());
            } else if (path.equals("restore/next") && exchange.getRequestMethod().equals("GET")) {
                // Restored at once, in the same process: the invocations follow as after a restore.
                snapshot.complete(true);
                reply(exchange, 200, "");
            } else if (path.equals("init/error") || path.equals("restore/error")) {
                initError.complete(body);
                reply(exchange, 202, "{}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                CompletableFuture<Outcome> outcome = outcomes.get(requestId);
                if (outcome == null) {
                    reply(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                outcome.complete(new Outcome(path.endsWith("/error"), body));
                reply(exchange, 202, "{}");
            } else {
                reply(exchange, 404, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
