package dev.tlsrpt.store;

/** A batch id (Idempotency-Key) that was already used for a different body. */
public final class BatchConflictException extends RuntimeException {
    public BatchConflictException(String message) {
        super(message);
    }
}
