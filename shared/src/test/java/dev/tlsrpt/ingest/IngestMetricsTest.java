package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.CounterDelta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.testing.EmfLines;
import dev.tlsrpt.testing.EmfLines.Emitted;
import dev.tlsrpt.testing.InMemoryResultStore;
import dev.tlsrpt.testing.InMemoryTokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ingest's metrics, read back from the EMF lines IngestApi writes for real requests. */
class IngestMetricsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:00:00Z"), ZoneOffset.UTC);
    static final String BODY = """
            {"results": [{"time": "2026-11-28T13:45:07Z", "recipient-domain": "example.com",
              "policy": {"policy-type": "no-policy-found", "policy-domain": "example.com"},
              "successful-sessions": 3, "failed-sessions": 1,
              "failure-details": [{"result-type": "starttls-not-supported", "failed-session-count": 1}]},
             {"time": "2026-11-27T13:45:07Z", "recipient-domain": "late.example",
              "policy": {"policy-type": "no-policy-found", "policy-domain": "late.example"},
              "successful-sessions": 1, "failed-sessions": 0}]}
            """;

    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final ApiToken token = tokens.create("mta1");
    private final EmfLines emf = new EmfLines();

    static ApiRequest post(String path, ApiToken token, String body) {
        return new ApiRequest("POST", path, Map.of("authorization", "Bearer " + token.value(),
                "content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private IngestApi api(ResultStore store) {
        return new IngestApi(tokens, store, CLOCK, new IngestMetrics(emf.out(), CLOCK));
    }

    private ApiResponse send(IngestApi api, ApiRequest request) {
        return api.handle(request, new RequestLog(request.path()));
    }

    @Test
    void acceptedBatch_shouldCountResultsAcceptedAndLatePerRoute() {
        // GIVEN a store whose 2026-11-27 is already reported
        InMemoryResultStore store = new InMemoryResultStore();
        store.closeDay(LocalDate.of(2026, 11, 27));

        // WHEN a batch with one result of each day is posted
        ApiResponse response = send(api(store), post("/v1/results", token, BODY));

        // THEN 202, and one accepted, one late and one batch, by Route
        assertThat(response.status()).isEqualTo(202);
        Map<String, String> route = Map.of("Route", "/v1/results");
        assertThat(emf.metrics()).containsExactlyInAnyOrder(
                new Emitted("tlsrpt", "BatchesAccepted", route, 1),
                new Emitted("tlsrpt", "ResultsAccepted", route, 1),
                new Emitted("tlsrpt", "ResultsLate", route, 1));
    }

    @Test
    void sameBatchAgain_shouldCountADuplicate() {
        IngestApi api = api(new InMemoryResultStore());
        send(api, post("/v1/results", token, BODY));

        ApiResponse again = send(api, post("/v1/results", token, BODY));

        assertThat(again.status()).isEqualTo(200);
        assertThat(emf.metrics()).contains(new Emitted("tlsrpt", "DuplicateBatches", Map.of("Route", "/v1/results"), 1));
    }

    @Test
    void storageUnavailable_shouldCountA503RefusalByRouteAndStatus_andByStatusAlone() {
        // GIVEN storage that fails
        ResultStore failing = new ResultStore() {
            @Override
            public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
                throw new StorageUnavailableException("throttled", new RuntimeException());
            }

            @Override
            public boolean isDayClosed(LocalDate day) {
                return false;
            }
        };

        // WHEN a batch comes
        ApiResponse response = send(api(failing), post("/v1/results", token, BODY));

        // THEN 503, counted as BatchesRefused with Status 503 (what the Ingest503Alarm watches)
        assertThat(response.status()).isEqualTo(503);
        assertThat(emf.metrics()).containsExactlyInAnyOrder(
                new Emitted("tlsrpt", "BatchesRefused", Map.of("Route", "/v1/results", "Status", "503"), 1),
                new Emitted("tlsrpt", "BatchesRefused", Map.of("Status", "503"), 1));
    }

    @Test
    void refusals_shouldCarryTheirStatus_andUnknownPathsOneRoute() {
        IngestApi api = api(new InMemoryResultStore());
        send(api, new ApiRequest("POST", "/v1/results", Map.of("content-type", "application/json"), new byte[0]));
        send(api, post("/v1/libtlsrpt", token, "not json"));
        send(api, post("/wp-admin/x" + System.nanoTime(), token, BODY));

        assertThat(emf.metrics()).filteredOn(m -> m.dimensions().size() == 2)
                .extracting(m -> m.dimensions().get("Route") + " " + m.dimensions().get("Status"))
                .containsExactly("/v1/results 401", "/v1/libtlsrpt 400", "other 404");
    }
}
