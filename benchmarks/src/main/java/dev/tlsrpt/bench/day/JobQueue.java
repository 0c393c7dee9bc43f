package dev.tlsrpt.bench.day;

import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.ReportQueue;
import dev.tlsrpt.tlsrpt.DestinationKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/** Where worker threads take job messages from, ten at a time, and delete them once handled. */
interface JobQueue {
    /** A job message as received: its body (ReportJobs JSON) and what deletes it. */
    record Taken(String body, String receipt) {
    }

    /** Up to {@code max} messages; empty when the queue is empty. */
    List<Taken> take(int max);

    void delete(List<Taken> handled);

    /** The report queue on SQS in the emulator, as production has it. */
    record Sqs(SqsClient sqs, String url) implements JobQueue {
        @Override
        public List<Taken> take(int max) {
            return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max)).messages().stream()
                    .map(m -> new Taken(m.body(), m.receiptHandle())).toList();
        }

        @Override
        public void delete(List<Taken> handled) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(handled.size());
            for (Taken taken : handled) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(taken.receipt()).build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
        }
    }

    /**
     * The report queue in this process, for days too large for the emulator's SQS: moto's sends and receives
     * get slower with every message queued (over a second per send batch with 1,000 jobs queued). The jobs
     * still travel as the JSON messages the SQS queue carries.
     */
    final class InProcess implements JobQueue, ReportQueue {
        private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();

        @Override
        public void enqueue(List<DestinationKey> jobs, Duration delay, ReportSpread spread) {
            jobs.forEach(job -> messages.add(ReportJobs.toJson(job, spread)));
        }

        @Override
        public List<Taken> take(int max) {
            List<Taken> taken = new ArrayList<>(max);
            String body;
            while (taken.size() < max && (body = messages.poll()) != null) {
                taken.add(new Taken(body, null));
            }
            return taken;
        }

        @Override
        public void delete(List<Taken> handled) {
            // taken off the queue already
        }
    }
}
