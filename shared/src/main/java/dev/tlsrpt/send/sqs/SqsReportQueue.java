package dev.tlsrpt.send.sqs;

import dev.tlsrpt.send.Chunks;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportQueue;
import dev.tlsrpt.send.ReportQueueUnavailableException;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.tlsrpt.DestinationKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The report queue on SQS: one message per job ({@link ReportJobs}), sent with SendMessageBatch.
 *
 * <p>A million destinations are a hundred thousand batch calls; one after the other they would take
 * longer than a Lambda invocation may run, so batches go out on a few threads at once.
 * SendMessageBatch can succeed as a call while single entries fail; those are sent again, and only
 * entries that stay failing make the whole enqueue fail.
 */
public final class SqsReportQueue implements ReportQueue {
    /** SQS's limit per SendMessageBatch. */
    static final int BATCH_SIZE = 10;
    /** SQS's limit for DelaySeconds. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int DEFAULT_PARALLEL_BATCHES = 16;
    private static final int ATTEMPTS_PER_BATCH = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final int parallelBatches;

    public SqsReportQueue(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, DEFAULT_PARALLEL_BATCHES);
    }

    public SqsReportQueue(SqsClient sqs, String queueUrl, int parallelBatches) {
        if (parallelBatches < 1) {
            throw new IllegalArgumentException("parallelBatches must be at least 1");
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.parallelBatches = parallelBatches;
    }

    @Override
    public void enqueue(List<DestinationKey> jobs, Duration delay, ReportSpread spread) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("SQS delays messages by 0 to 15 minutes, not " + delay);
        }
        int delaySeconds = (int) delay.toSeconds();
        Chunks.inParallel(Chunks.of(jobs, BATCH_SIZE), parallelBatches, batch -> {
            send(batch, delaySeconds, spread);
            return batch.size();
        }, SqsReportQueue::notTaken);
    }

    private static ReportQueueUnavailableException notTaken(Throwable cause) {
        if (cause instanceof ReportQueueUnavailableException unavailable) {
            return unavailable;
        }
        return new ReportQueueUnavailableException(cause instanceof InterruptedException
                ? "interrupted while enqueueing" : "the report queue did not take the jobs", cause);
    }

    private void send(List<DestinationKey> batch, int delaySeconds, ReportSpread spread) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            // Entry ids only need to be unique within one call; the index finds the entry again on failure.
            pending.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(ReportJobs.toJson(batch.get(i), spread))
                    .delaySeconds(delaySeconds)
                    .build());
        }
        for (int attempt = 1; ; attempt++) {
            List<SendMessageBatchRequestEntry> request = pending;
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(request));
            } catch (SdkException e) {
                // The SDK has retried already; the run fails and the schedule's retry plans the day again.
                throw new ReportQueueUnavailableException("the report queue did not answer", e);
            }
            if (response.failed().isEmpty()) {
                return;
            }
            pending = failedEntries(request, response.failed());
            if (pending.isEmpty()) {
                return;
            }
            if (attempt == ATTEMPTS_PER_BATCH) {
                throw new ReportQueueUnavailableException(pending.size() + " jobs stayed refused by the report queue: "
                        + response.failed().getFirst().code(), null);
            }
            sleep(50L << attempt);
        }
    }

    /** The entries SQS refused; a refusal that is the sender's fault would only be refused again. */
    private static List<SendMessageBatchRequestEntry> failedEntries(List<SendMessageBatchRequestEntry> sent,
                                                                   List<BatchResultErrorEntry> failed) {
        List<SendMessageBatchRequestEntry> again = new ArrayList<>(failed.size());
        for (BatchResultErrorEntry error : failed) {
            if (Boolean.TRUE.equals(error.senderFault())) {
                throw new ReportQueueUnavailableException("the report queue refused a job: " + error.code()
                        + " " + error.message(), null);
            }
            sent.stream().filter(entry -> entry.id().equals(error.id())).findFirst().ifPresent(again::add);
        }
        return again;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportQueueUnavailableException("interrupted while enqueueing", e);
        }
    }
}
