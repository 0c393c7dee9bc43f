package dev.tlsrpt.testing;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportPoster;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake delivery adapters that record what they were asked to do and answer from a script: per recipient
 * or URI, a queue of answers (the last one repeats), by default success.
 */
public final class FakeDelivery {
    private FakeDelivery() {
    }

    public static final class Mailer implements ReportMailer {
        private final List<String> sent = new ArrayList<>();
        private final List<byte[]> raw = new ArrayList<>();
        private final Map<String, Deque<MailResult>> script = new HashMap<>();
        private int crashAfter = Integer.MAX_VALUE;
        private int calls;

        /** Answers for one recipient, in order; the last one repeats. */
        public Mailer answer(String recipient, MailResult... answers) {
            script.put(recipient, new ArrayDeque<>(List.of(answers)));
            return this;
        }

        /** Throws on every call after {@code sends} calls, as a worker dying mid-batch would stop. */
        public Mailer crashAfter(int sends) {
            crashAfter = sends;
            return this;
        }

        public Mailer recover() {
            crashAfter = Integer.MAX_VALUE;
            return this;
        }

        @Override
        public synchronized MailResult send(String recipient, byte[] rawMessage, ReportContent content) {
            if (calls >= crashAfter) {
                throw new IllegalStateException("injected: worker stopped");
            }
            calls++;
            Deque<MailResult> answers = script.get(recipient);
            MailResult answer = answers == null ? new MailResult.Sent("ses-" + calls)
                    : answers.size() > 1 ? answers.poll() : answers.peek();
            if (answer instanceof MailResult.Sent) {
                sent.add(recipient);
                raw.add(rawMessage);
            }
            return answer;
        }

        /** Recipients that were sent a message, one entry per message. */
        public synchronized List<String> sent() {
            return List.copyOf(sent);
        }

        public synchronized List<byte[]> rawMessages() {
            return List.copyOf(raw);
        }

        public synchronized int calls() {
            return calls;
        }
    }

    public static final class Poster implements ReportPoster {
        private final List<URI> delivered = new ArrayList<>();
        private final List<URI> requested = new ArrayList<>();
        private final List<byte[]> bodies = new ArrayList<>();
        private final Map<URI, Deque<PostResult>> script = new HashMap<>();

        public Poster answer(String uri, PostResult... answers) {
            script.put(URI.create(uri), new ArrayDeque<>(List.of(answers)));
            return this;
        }

        @Override
        public synchronized PostResult post(URI uri, byte[] gzipReport, ReportContent content) {
            requested.add(uri);
            Deque<PostResult> answers = script.get(uri);
            PostResult answer = answers == null ? new PostResult.Delivered(200)
                    : answers.size() > 1 ? answers.poll() : answers.peek();
            if (answer instanceof PostResult.Delivered) {
                delivered.add(uri);
                bodies.add(gzipReport);
            }
            return answer;
        }

        public synchronized List<URI> delivered() {
            return List.copyOf(delivered);
        }

        /** The gzip bodies of the delivered POSTs. */
        public synchronized List<byte[]> bodies() {
            return List.copyOf(bodies);
        }

        public synchronized List<URI> requested() {
            return List.copyOf(requested);
        }
    }

    public static final class Outcomes implements OutcomePublisher {
        private final List<ReportOutcome> published = new ArrayList<>();
        private int flushes;

        @Override
        public synchronized void publish(ReportOutcome outcome) {
            published.add(outcome);
        }

        @Override
        public synchronized void flush() {
            flushes++;
        }

        /** How often the outcomes were flushed. */
        public synchronized int flushes() {
            return flushes;
        }

        public synchronized List<ReportOutcome> published() {
            return List.copyOf(published);
        }

        public synchronized List<ReportOutcome> withStatus(ReportOutcome.Status status) {
            return published.stream().filter(o -> o.status() == status).toList();
        }
    }
}
