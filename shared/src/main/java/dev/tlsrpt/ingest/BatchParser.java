package dev.tlsrpt.ingest;

import java.time.Instant;

/** Reads one route's request body format into results. */
@FunctionalInterface
interface BatchParser {
    ParsedBatch parse(byte[] body, Instant receivedAt) throws InvalidBatchException;
}
