package dev.tlsrpt.ingest;

import dev.tlsrpt.store.StorageLimits;
import dev.tlsrpt.tlsrpt.CounterDelta;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.auth.TokenInfo;
import dev.tlsrpt.auth.TokenStore;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.BatchConflictException;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ingest API (docs/design.md section 3), free of any Lambda type (IngestFunction and the local API both call it): authenticate, check the request's shape,
 * parse and validate, aggregate in memory, then store the batch exactly once.
 */
public final class IngestApi {
    /** Seconds a client should wait before retrying when storage is unavailable. */
    public static final String RETRY_AFTER_SECONDS = "10";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Map<String, String> JSON_HEADERS = Map.of("content-type", "application/json");

    private final TokenStore tokens;
    private final ResultStore store;
    private final Clock clock;
    private final Map<String, Route> routes;
    private final IngestMetrics metrics;
    private final Supplier<WriteBudget> budgets;

    private record Route(BatchParser parser, List<String> mediaTypes) {
    }

    /** Without metrics (local runs and tests); IngestFunction passes {@link IngestMetrics#toStandardOutput()}. */
    public IngestApi(TokenStore tokens, ResultStore store, Clock clock) {
        this(tokens, store, clock, IngestMetrics.discarding());
    }

    /** Storage calls bounded one by one only (local runs). */
    public IngestApi(TokenStore tokens, ResultStore store, Clock clock, IngestMetrics metrics) {
        this(tokens, store, clock, metrics, () -> WriteBudget.UNBOUNDED);
    }

    /** @param budgets a new budget for each request's storage calls (docs/design.md 3) */
    public IngestApi(TokenStore tokens, ResultStore store, Clock clock, IngestMetrics metrics,
                     Supplier<WriteBudget> budgets) {
        this.metrics = metrics;
        this.budgets = budgets;
        this.tokens = tokens;
        this.store = store;
        this.clock = clock;
        this.routes = Map.of(
                "/v1/results", new Route(ResultsRequestParser::parse, List.of("application/json")),
                // libtlsrpt datagrams carry no time: every result takes the day of receipt.
                "/v1/libtlsrpt", new Route((body, receivedAt) ->
                        new ParsedBatch(LibtlsrptDatagrams.toResults(body, receivedAt), true),
                        List.of("application/x-ndjson", "application/json")),
                "/v1/momentum", new Route(MomentumEvents::parse, List.of("application/json", "application/x-ndjson")),
                "/v1/exim", new Route(EximEvents::parse, List.of("application/x-ndjson", "application/json")));
    }

    /** Makes the token store's first storage call (a token that cannot exist); failures are ignored. */
    public void prime() {
        try {
            tokens.authenticate("tlsrpt_warmup_none");
        } catch (RuntimeException e) {
            // Only a warm-up: the first request will do what this could not.
        }
    }

    /** Answers one request; a bug (never bad input) becomes a 500 that says nothing of the internals. */
    public ApiResponse handle(ApiRequest request, RequestLog log) {
        ApiResponse response = answer(request, log);
        metrics.record(request.path(), response);
        return response;
    }

    private ApiResponse answer(ApiRequest request, RequestLog log) {
        try {
            return route(request, log);
        } catch (RuntimeException e) {
            log.failed(e);
            return error(500, "internal error", List.of());
        }
    }

    private ApiResponse route(ApiRequest request, RequestLog log) {
        Route route = routes.get(request.path());
        if (route == null) {
            return error(404, "no such resource: use POST /v1/results, /v1/libtlsrpt, /v1/momentum or /v1/exim", List.of());
        }
        if (!"POST".equals(request.method())) {
            return new ApiResponse(405, Map.of("content-type", "application/json", "allow", "POST"),
                    errorBody("method not allowed: use POST", List.of()));
        }
        WriteBudget budget = budgets.get();
        Optional<TokenInfo> caller;
        try {
            caller = authenticate(request.header("authorization"));
        } catch (StorageUnavailableException e) {
            log.storageFailed(e);
            return storageUnavailable();
        }
        if (caller.isEmpty()) {
            return new ApiResponse(401, Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
                    errorBody("missing, unknown or revoked bearer token", List.of()));
        }
        log.caller(caller.get().name());
        if (request.body().length > IngestLimits.MAX_BODY_BYTES) {
            return error(413, "body larger than " + IngestLimits.MAX_BODY_BYTES + " bytes: send smaller batches", List.of());
        }
        if (!acceptsContentType(route, request.header("content-type"))) {
            return error(415, "Content-Type must be " + String.join(" or ", route.mediaTypes), List.of());
        }
        String idempotencyKey = request.header("idempotency-key");
        if (idempotencyKey != null && !validIdempotencyKey(idempotencyKey)) {
            return error(400, "invalid request", List.of(new FieldError("header Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters")));
        }
        Instant receivedAt = clock.instant();
        ParsedBatch batch;
        try {
            batch = route.parser.parse(request.body(), receivedAt);
        } catch (InvalidBatchException e) {
            log.rejected(e.errors().size());
            return error(400, "invalid request", e.errors());
        }
        return store(request, caller.get(), batch, idempotencyKey, receivedAt, budget, log);
    }

    private ApiResponse store(ApiRequest request, TokenInfo caller, ParsedBatch batch, String idempotencyKey,
                              Instant receivedAt, WriteBudget budget, RequestLog log) {
        try {
            Map<LocalDate, Boolean> closedDays = new HashMap<>();
            List<TlsResult> onTime = new ArrayList<>(batch.results().size());
            for (TlsResult result : batch.results()) {
                boolean closed = closedDays.computeIfAbsent(result.day(), day -> {
                    budget.beforeCall("looking up day " + day);
                    return store.isDayClosed(day);
                });
                if (!closed) {
                    onTime.add(result);
                }
            }
            List<CounterDelta> deltas = BatchAggregator.aggregate(onTime);
            if (deltas.size() > IngestLimits.MAX_COUNTERS) {
                // docs/ingest.md "One request's work": the distinct counters bound a request's writes.
                log.rejected(1);
                return error(400, "invalid request", List.of(new FieldError("results", "these results make "
                        + deltas.size() + " distinct counters (day, recipient domain, policy); at most "
                        + IngestLimits.MAX_COUNTERS + " per request: split the batch")));
            }
            String bodyHash = StorageKeys.sha256Hex(request.body());
            String batchId = batchId(caller, idempotencyKey, bodyHash, batch.receiptDayUsed(), receivedAt);
            ResultStore.ApplyOutcome outcome = store.apply(batchId, bodyHash, deltas, budget);
            // The write itself is refused for a day closed meanwhile: those results are late, not lost.
            onTime.removeIf(result -> outcome.closedDays().contains(result.day()));
            int late = batch.results().size() - onTime.size();
            log.stored(batch.results().size(), late, outcome);
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (outcome.duplicate()) {
                body.put("duplicate", true);
                body.put("message", "this batch was received before; nothing was changed");
                return new ApiResponse(200, JSON_HEADERS, write(body));
            }
            body.put("duplicate", false);
            body.put("accepted", onTime.size());
            body.put("late", late);
            body.put("counters", outcome.itemsWritten());
            if (outcome.detailsFolded() > 0) {
                body.put("detailsFolded", outcome.detailsFolded());
                body.put("message", "some counters hold " + StorageLimits.MAX_DISTINCT_DETAILS
                        + " distinct failure details already; further ones were counted per result type only");
            }
            if (late > 0) {
                body.put("lateMessage", "results for a day that was already reported are not counted");
            }
            return new ApiResponse(202, JSON_HEADERS, write(body));
        } catch (BatchConflictException e) {
            return error(422, e.getMessage(), List.of(new FieldError("header Idempotency-Key", e.getMessage())));
        } catch (StorageUnavailableException e) {
            log.storageFailed(e);
            return storageUnavailable();
        }
    }

    private static ApiResponse storageUnavailable() {
        return new ApiResponse(503, Map.of("content-type", "application/json", "retry-after", RETRY_AFTER_SECONDS),
                errorBody("storage unavailable; nothing of this batch was applied twice: retry it unchanged", List.of()));
    }

    /**
     * Batches are told apart per caller, by the Idempotency-Key or else by the body; a body whose results
     * take their day from the time of receipt is a new batch on each day.
     */
    private static String batchId(TokenInfo caller, String idempotencyKey, String bodyHash, boolean receiptDayUsed,
                                  Instant receivedAt) {
        if (idempotencyKey != null) {
            return "K#" + caller.id() + "#" + StorageKeys.hash(idempotencyKey, 40);
        }
        String day = receiptDayUsed ? "#" + LocalDate.ofInstant(receivedAt, ZoneOffset.UTC) : "";
        return "B#" + caller.id() + "#" + bodyHash + day;
    }

    private Optional<TokenInfo> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.authenticate(authorization.substring(7).trim());
    }

    private static boolean acceptsContentType(Route route, String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return route.mediaTypes.contains(mediaType);
    }

    private static boolean validIdempotencyKey(String key) {
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    public static ApiResponse error(int status, String message, List<FieldError> details) {
        return new ApiResponse(status, JSON_HEADERS, errorBody(message, details));
    }

    static String errorBody(String message, List<FieldError> details) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", message);
        if (!details.isEmpty()) {
            ArrayNode array = body.putArray("details");
            for (FieldError detail : details) {
                array.addObject().put("path", detail.path()).put("message", detail.message());
            }
        }
        return write(body);
    }

    private static String write(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
