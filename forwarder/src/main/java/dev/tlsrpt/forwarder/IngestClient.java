package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Posts batches to {@code POST /v1/libtlsrpt} of the ingest API. */
final class IngestClient {
    /** How a POST ended, as far as the spool is concerned. */
    enum Outcome {
        /** 2xx: counted now, or already counted (duplicate); acknowledge the batch. */
        DELIVERED,
        /** 400/413/422: the API will never take this batch; set it aside and go on. */
        REJECTED,
        /** 401/403/404/415: the forwarder is misconfigured; keep everything and retry slowly. */
        MISCONFIGURED,
        /** Network error, timeout, 408/429/5xx: retry with backoff. */
        UNAVAILABLE
    }

    record Response(Outcome outcome, int status, String detail, Optional<Duration> retryAfter) {
    }

    private static final int MAX_DETAIL = 200;

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;

    IngestClient(URI apiBase, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = apiBase.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/libtlsrpt");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
    }

    URI endpoint() {
        return endpoint;
    }

    Response post(SpoolBatch batch) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", batch.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Response(Outcome.UNAVAILABLE, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(Outcome.UNAVAILABLE, 0, "interrupted", Optional.empty());
        }
        int status = response.statusCode();
        String detail = shorten(new String(response.body(), StandardCharsets.UTF_8));
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(IngestClient::seconds);
        return new Response(outcome(status), status, detail, retryAfter);
    }

    static Outcome outcome(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        return switch (status) {
            case 400, 413, 422 -> Outcome.REJECTED;
            case 401, 403, 404, 405, 415 -> Outcome.MISCONFIGURED;
            default -> Outcome.UNAVAILABLE;
        };
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
