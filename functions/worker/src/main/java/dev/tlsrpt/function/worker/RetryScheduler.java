package dev.tlsrpt.function.worker;

import java.time.Duration;

/** Puts a queue message back for a later attempt (SQS: its visibility timeout). */
interface RetryScheduler {
    /** The longest SQS lets a message stay invisible. */
    Duration MAX_DELAY = Duration.ofHours(12);

    void retryAfter(String queueArn, String receiptHandle, Duration delay);
}
