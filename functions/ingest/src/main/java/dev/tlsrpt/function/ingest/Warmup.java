package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.store.dynamodb.DynamoDbPriming;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ingest's priming before the SnapStart snapshot (docs/design.md 8): the request path once, so that its
 * classes are loaded and initialised and the SDK client has made its first call (signer, endpoint,
 * connection) in the snapshot rather than during the first request. Its calls are a read of a token id that
 * cannot exist and the writes a batch makes, each conditional on an item that cannot exist and so refused
 * ({@link DynamoDbPriming}); the sample batch is parsed and aggregated, and the transaction that would store
 * it is sent behind a check that cannot hold, so DynamoDB cancels it whole. Nothing is stored.
 */
final class Warmup {
    private Warmup() {
    }

    static void run(IngestApi api, DynamoDbClient dynamo, DynamoDbResultStore store, String resultsTable) {
        api.prime();
        DynamoDbPriming.refusedWrites(dynamo, resultsTable);
        try (InputStream sample = Warmup.class.getResourceAsStream("/warmup-batch.json")) {
            if (sample == null) {
                throw new IllegalStateException("the jar has no /warmup-batch.json");
            }
            store.primeWrites(BatchAggregator.aggregate(
                    ResultsRequestParser.parse(sample.readAllBytes(), Instant.now()).results()));
        } catch (IOException | InvalidBatchException e) {
            throw new IllegalStateException("the warm-up batch cannot be read", e);
        }
    }
}
