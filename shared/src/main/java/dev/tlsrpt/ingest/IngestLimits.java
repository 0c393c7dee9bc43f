package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.TextRules;

/**
 * Bounds on what one request may carry. They keep every DynamoDB item far below its 400 KB limit
 * (see {@code docs/storage.md}) and a request's work within one Lambda invocation.
 */
public final class IngestLimits {
    /** Largest request body accepted; larger answers 413. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Results (or libtlsrpt policies) in one request. */
    public static final int MAX_RESULTS = 5_000;
    /**
     * Distinct counters (day, recipient domain, policy) one request may make: at most a dozen transactions
     * and the MX-host pointers with them, so that a request's writes take well under a second in DynamoDB
     * whatever its shape (docs/ingest.md "One request's work"). Beyond it: 400, split the batch.
     */
    public static final int MAX_COUNTERS = 1_000;
    /** Failure details in one result. */
    public static final int MAX_DETAILS_PER_RESULT = 100;
    /** policy-string entries and mx-host entries in one policy (the core's text rule, {@link TextRules}). */
    public static final int MAX_POLICY_STRINGS = TextRules.MAX_POLICY_STRINGS;
    /** Free-text fields: HELO, additional-information, failure-reason-code (see {@link TextRules}). */
    public static final int MAX_STRING_LENGTH = TextRules.MAX_TEXT_LENGTH;
    /** One policy-string entry (a TLSA record's whole presentation data, see {@link TextRules}). */
    public static final int MAX_POLICY_STRING_LENGTH = TextRules.MAX_POLICY_STRING_LENGTH;
    /** All policy-string entries of one policy together. */
    public static final int MAX_POLICY_STRING_TOTAL = TextRules.MAX_POLICY_STRING_TOTAL;
    /**
     * Oldest accepted day of a result's time, in days before the day of receipt. Counters live 5 days past
     * their day (docs/storage.md) and a day is reported, retried for 24 hours, and can be backfilled while
     * its counters exist: a result older than this could never be reported, only stored.
     */
    public static final int MAX_PAST_DAYS = 4;
    /** How far ahead of our clock a result's time may be (MTA clock skew). */
    public static final long MAX_FUTURE_SECONDS = 15 * 60;
    /** Session counts in one result or detail; sums of many stay far inside a long. */
    public static final long MAX_COUNT = 1_000_000_000L;

    private IngestLimits() {
    }
}
