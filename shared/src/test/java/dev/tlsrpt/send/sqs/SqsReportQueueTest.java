package dev.tlsrpt.send.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportQueueUnavailableException;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Batching and the retry of refused entries, which the emulator cannot produce on demand and would take
 * minutes for at this size. SQS itself (delays, delivery) is tested in PlannerHandlerIT against the emulator.
 */
class SqsReportQueueTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final ReportSpread NONE = ReportSpread.none(Instant.parse("2026-11-29T00:15:00Z"));

    /** Records every SendMessageBatch; refuses the first {@code refusals} entries it sees with {@code code}. */
    private static final class RecordingSqs implements SqsClient {
        final List<SendMessageBatchRequest> calls = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();
        int refusals;
        boolean senderFault;

        @Override
        public synchronized SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            calls.add(request);
            SendMessageBatchResponse.Builder response = SendMessageBatchResponse.builder();
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            List<SendMessageBatchResultEntry> successful = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : request.entries()) {
                if (refusals > 0) {
                    refusals--;
                    failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError").senderFault(senderFault).build());
                } else {
                    accepted.add(entry.messageBody());
                    successful.add(SendMessageBatchResultEntry.builder().id(entry.id()).build());
                }
            }
            return response.failed(failed).successful(successful).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private static List<DestinationKey> jobs(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "d" + i + ".example"))
                .toList();
    }

    @Test
    void enqueue_shouldSendTenThousandJobs_inBatchesOfTen_eachOnce() {
        // GIVEN 10,000 jobs
        RecordingSqs sqs = new RecordingSqs();
        List<DestinationKey> jobs = jobs(10_000);

        // WHEN they are enqueued with a delay
        new SqsReportQueue(sqs, "https://sqs.example/queue").enqueue(jobs, Duration.ofMinutes(10), NONE);

        // THEN SQS got 1,000 full batches, each entry delayed by 600 s, and every job exactly once
        assertThat(sqs.calls).hasSize(1_000)
                .allSatisfy(call -> assertThat(call.entries()).hasSize(10)
                        .allSatisfy(entry -> assertThat(entry.delaySeconds()).isEqualTo(600)));
        assertThat(sqs.accepted).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(ReportJobs::toJson).toList());
    }

    @Test
    void enqueue_shouldPutTheRunsSpreadOnEveryJob() {
        // GIVEN a run that spreads its jobs over four hours
        RecordingSqs sqs = new RecordingSqs();
        ReportSpread spread = new ReportSpread(Instant.parse("2026-11-29T00:15:00Z"), Duration.ofHours(4));

        // WHEN its jobs are enqueued
        new SqsReportQueue(sqs, "https://sqs.example/queue").enqueue(jobs(25), Duration.ZERO, spread);

        // THEN every message carries the window, and reads back as the job and its window
        assertThat(sqs.accepted).hasSize(25).allSatisfy(body -> assertThat(ReportJobs.spreadOf(body)).isEqualTo(spread));
        assertThat(sqs.accepted).extracting(ReportJobs::fromJson).containsExactlyInAnyOrderElementsOf(jobs(25));
    }

    @Test
    void enqueue_shouldSendRefusedEntriesAgain() {
        // GIVEN a queue that refuses the first 3 entries it sees for a passing reason
        RecordingSqs sqs = new RecordingSqs();
        sqs.refusals = 3;

        // WHEN 5 jobs are enqueued
        new SqsReportQueue(sqs, "https://sqs.example/queue", 1).enqueue(jobs(5), Duration.ZERO, NONE);

        // THEN the refused ones were sent once more, alone, and all 5 are on the queue once
        assertThat(sqs.calls).hasSize(2);
        assertThat(sqs.calls.get(1).entries()).hasSize(3);
        assertThat(sqs.accepted).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void enqueue_shouldFail_whenEntriesStayRefused() {
        // GIVEN a queue that keeps refusing
        RecordingSqs sqs = new RecordingSqs();
        sqs.refusals = Integer.MAX_VALUE;

        // WHEN jobs are enqueued THEN the enqueue fails after a few attempts (the run is retried as a whole)
        assertThatThrownBy(() -> new SqsReportQueue(sqs, "https://sqs.example/queue", 1).enqueue(jobs(2), Duration.ZERO, NONE))
                .isInstanceOf(ReportQueueUnavailableException.class).hasMessageContaining("InternalError");
        assertThat(sqs.calls).hasSize(5);
    }

    @Test
    void enqueue_shouldFailAtOnce_whenSqsSaysTheEntryIsWrong() {
        // GIVEN a refusal that is the sender's fault
        RecordingSqs sqs = new RecordingSqs();
        sqs.refusals = 1;
        sqs.senderFault = true;

        // WHEN a job is enqueued THEN it is not sent again: it would be refused again
        assertThatThrownBy(() -> new SqsReportQueue(sqs, "https://sqs.example/queue", 1).enqueue(jobs(1), Duration.ZERO, NONE))
                .isInstanceOf(ReportQueueUnavailableException.class);
        assertThat(sqs.calls).hasSize(1);
    }

    @Test
    void enqueue_shouldSendNothing_forNoJobs() {
        RecordingSqs sqs = new RecordingSqs();
        new SqsReportQueue(sqs, "https://sqs.example/queue").enqueue(List.of(), Duration.ZERO, NONE);
        assertThat(sqs.calls).isEmpty();
    }
}
