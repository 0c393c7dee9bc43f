package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.store.dynamodb.DynamoDbPriming;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ingest's priming before the SnapStart snapshot (docs/design.md 8): the request path once, so that its
 * classes are loaded and initialised and the SDK client has made its first call (signer, endpoint,
 * connection) in the snapshot rather than during the first request. Its calls are a read of a token id that
 * cannot exist and the writes a batch makes, each conditional on an item that cannot exist and so refused
 * ({@link DynamoDbPriming}); the sample batch is parsed and aggregated in memory, never stored.
 */
final class Warmup {
    private Warmup() {
    }

    static void run(IngestApi api, DynamoDbClient dynamo, String resultsTable) {
        api.prime();
        DynamoDbPriming.refusedWrites(dynamo, resultsTable);
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
