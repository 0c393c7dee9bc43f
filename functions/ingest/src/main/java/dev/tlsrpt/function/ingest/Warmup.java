package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Runs the request path once at init, without touching the network, so that its classes are loaded and
 * initialised before SnapStart takes its snapshot rather than during the first request.
 */
final class Warmup {
    private Warmup() {
    }

    static void run() {
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
