package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Runs the request path once at init, so that its classes are loaded and initialised, and the SDK client
 * has made its first call (signer, endpoint, connection), before SnapStart takes its snapshot rather than
 * during the first request. The one call it makes is a read of a token id that cannot exist.
 */
final class Warmup {
    private Warmup() {
    }

    static void run(IngestApi api) {
        api.prime();
        try (InputStream sample = Warmup.class.getResourceAsStream("/warmup-batch.json")) {
            if (sample == null) {
                return;
            }
            BatchAggregator.aggregate(ResultsRequestParser.parse(sample.readAllBytes(), Instant.now()).results());
        } catch (IOException | InvalidBatchException e) {
            // Only a warm-up: the first request will load what this did not.
        }
    }
}
