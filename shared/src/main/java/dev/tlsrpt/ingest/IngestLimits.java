package dev.tlsrpt.ingest;

/**
 * Bounds on what one request may carry. They keep every DynamoDB item far below its 400 KB limit
 * (see {@code docs/storage.md}) and a request's work within one Lambda invocation.
 */
public final class IngestLimits {
    /** Largest request body accepted; larger answers 413. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Results (or libtlsrpt policies) in one request. */
    public static final int MAX_RESULTS = 5_000;
    /** Failure details in one result. */
    public static final int MAX_DETAILS_PER_RESULT = 100;
    /** policy-string entries and mx-host entries in one policy. */
    public static final int MAX_POLICY_STRINGS = 64;
    /** Any free-text field: policy strings, HELO, additional-information, failure-reason-code. */
    public static final int MAX_STRING_LENGTH = 255;
    /** Session counts in one result or detail; sums of many stay far inside a long. */
    public static final long MAX_COUNT = 1_000_000_000L;

    private IngestLimits() {
    }
}
