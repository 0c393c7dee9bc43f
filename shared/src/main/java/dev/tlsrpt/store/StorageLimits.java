package dev.tlsrpt.store;

/** Bounds storage keeps whatever ingest accepts, so that every stored item stays far below 400 KB. */
public final class StorageLimits {
    private StorageLimits() {
    }

    /** Distinct failure details kept per policy and day; further ones are folded (and said so). */
    public static final int MAX_DISTINCT_DETAILS = 100;
}
