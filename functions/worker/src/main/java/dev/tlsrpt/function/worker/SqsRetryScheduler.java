package dev.tlsrpt.function.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Delays a job's next attempt with {@code ChangeMessageVisibility}: the message stays on the queue and
 * comes back after the backoff, and reporting it as a batch item failure keeps SQS from deleting it.
 */
final class SqsRetryScheduler implements RetryScheduler {
    private final SqsClient sqs;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    SqsRetryScheduler(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public void retryAfter(String queueArn, String receiptHandle, Duration delay) {
        Duration bounded = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.isNegative() ? Duration.ZERO : delay;
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl(queueArn)).receiptHandle(receiptHandle)
                .visibilityTimeout((int) Math.max(0, bounded.toSeconds())));
    }

    /** arn:aws:sqs:region:account:name; the URL is asked of SQS so that endpoints and partitions stay its business. */
    private String queueUrl(String queueArn) {
        return queueUrls.computeIfAbsent(queueArn, arn -> {
            String[] parts = arn.split(":");
            if (parts.length != 6 || !"sqs".equals(parts[2])) {
                throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
            }
            return sqs.getQueueUrl(r -> r.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
        });
    }
}
