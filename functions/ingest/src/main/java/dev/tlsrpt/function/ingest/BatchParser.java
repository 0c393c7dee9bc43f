package dev.tlsrpt.function.ingest;

import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ParsedBatch;
import java.time.Instant;

/** Reads one route's request body format into results. */
@FunctionalInterface
interface BatchParser {
    ParsedBatch parse(byte[] body, Instant receivedAt) throws InvalidBatchException;
}
