package dev.tlsrpt.forwarder;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts batches to the ingest API route of the forwarder's input format ({@code POST /v1/libtlsrpt},
 * {@code /v1/exim}), bounded in time (the request timeout up to
 * the headers, twice that for the whole exchange) and in memory (the first 64 KB of an answer are read).
 */
final class IngestClient {
    /** How a POST ended, as far as the spool is concerned. */
    enum Outcome {
        /** 2xx: counted now, or already counted (duplicate); acknowledge the batch. */
        DELIVERED,
        /** Any other 4xx (400, 413, 422, ...): the API will never take this batch as it is; narrow it down. */
        REJECTED,
        /** 401/403/404/405/415: the forwarder is misconfigured; keep everything and retry slowly. */
        MISCONFIGURED,
        /**
         * A 5xx other than 503, without Retry-After: the API failed on this batch. Either an outage or a
         * datagram that makes the API fail (a poison datagram); retried, then narrowed down if it repeats.
         */
        FAILED,
        /** Network error, timeout, 408, 429, 503, or any answer with Retry-After: the API is away; retry with backoff. */
        UNAVAILABLE
    }

    /**
     * @param refusedDatagram the index (within the batch) of the first datagram a 400 names
     *                        ({@code datagrams[i]...}), when it names one
     */
    record Response(Outcome outcome, int status, String detail, Optional<Duration> retryAfter, OptionalInt refusedDatagram) {
    }

    private static final int MAX_SCANNED_ANSWER = 64 * 1024;

    private static final int MAX_DETAIL = 200;

    private final HttpClient http;
    private final URI endpoint;
    private final Pattern refusedDatagram;
    private final String authorization;
    private final Duration timeout;

    IngestClient(URI apiBase, InputFormat format, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = apiBase.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + format.route);
        this.refusedDatagram = format.refusedItem;
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    URI endpoint() {
        return endpoint;
    }

    Response post(SpoolBatch batch) {
        return post(batch.idempotencyKey(), batch.body());
    }

    /**
     * A request that counts nothing (no datagram): whether the API answers at all, to tell an outage from a
     * datagram the API fails on. The same key every time, so the API keeps no more than one record of it.
     */
    Response probe(String spoolId) {
        return post("tlsrpt-forward-" + spoolId + "-probe", new byte[0]);
    }

    private Response post(String idempotencyKey, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        // The request timeout ends at the response headers; the whole exchange, body included, gets twice that.
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> new LimitedBody(MAX_SCANNED_ANSWER));
        try {
            response = exchange.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Response(Outcome.UNAVAILABLE, 0, cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    Optional.empty(), OptionalInt.empty());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Response(Outcome.UNAVAILABLE, 0, "no complete answer within " + timeout.toMillis() * 2 + " ms",
                    Optional.empty(), OptionalInt.empty());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Response(Outcome.UNAVAILABLE, 0, "interrupted", Optional.empty(), OptionalInt.empty());
        }
        int status = response.statusCode();
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        boolean hasRetryAfter = response.headers().firstValue("Retry-After").isPresent();
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(IngestClient::seconds);
        Outcome outcome = outcome(status, hasRetryAfter);
        return new Response(outcome, status, shorten(answer), retryAfter,
                outcome == Outcome.REJECTED ? refusedDatagram(answer) : OptionalInt.empty());
    }

    static Outcome outcome(int status, boolean retryAfter) {
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        return switch (status) {
            case 401, 403, 404, 405, 415 -> Outcome.MISCONFIGURED;
            case 408, 429, 503 -> Outcome.UNAVAILABLE;
            default -> {
                if (retryAfter || status < 400 || status > 599) {
                    yield Outcome.UNAVAILABLE; // "later", or an answer that says nothing about the batch
                }
                yield status < 500 ? Outcome.REJECTED : Outcome.FAILED;
            }
        };
    }

    OptionalInt refusedDatagram(String answer) {
        Matcher matcher = refusedDatagram.matcher(answer);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /** Keeps the first {@code max} bytes of an answer and stops reading there: all the forwarder needs of it. */
    static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), max - bytes.size());
                byte[] part = new byte[take];
                buffer.get(part);
                bytes.write(part, 0, take);
            }
            if (bytes.size() >= max && body.complete(bytes.toByteArray())) {
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: use our own backoff
        }
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }
}
