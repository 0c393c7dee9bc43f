package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * Takes batches from the spool in order and posts them until the API has them. A batch is recorded as in
 * flight before its first attempt and acknowledged after a 2xx, so a restart sends exactly that batch
 * again (same idempotency key) and the API counts it once. The next batch waits for the one before:
 * order is kept and nothing is skipped. A batch the API refuses, or keeps failing on, is narrowed down to
 * the datagram it will not take, which goes to the quarantine folder; the others are delivered.
 */
final class BatchSender implements Runnable {
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final long MISCONFIGURED_RETRY_MILLIS = 30_000;
    private static final long IDLE_WAIT_NANOS = 1_000_000_000L;
    /** Failures (5xx, not 503) of one batch in a row before it is sent in parts. */
    private static final int FAILURES_BEFORE_NARROWING = 3;
    /** The folder of the spool where datagrams the API will not take are kept. */
    static final String QUARANTINE = "quarantine";

    private final ForwarderConfig config;
    private final Spool spool;
    private final IngestClient client;
    private final ForwarderStats stats;
    private final Object sleeper = new Object();
    private final RateLimitedLog failureLog = new RateLimitedLog(30_000);
    private final RateLimitedLog narrowLog = new RateLimitedLog(10_000);
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private boolean failing;

    BatchSender(ForwarderConfig config, Spool spool, IngestClient client, ForwarderStats stats) {
        this.config = config;
        this.spool = spool;
        this.client = client;
        this.stats = stats;
    }

    @Override
    public void run() {
        try {
            SpoolBatch batch = spool.inflight();
            if (batch != null) {
                Log.info("sending again the batch in flight at the last stop: " + batch.idempotencyKey());
            }
            while (true) {
                if (batch == null) {
                    batch = nextBatch();
                    if (batch == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    spool.markInflight(batch);
                }
                if (!deliver(batch)) {
                    return; // stopping while the API is away: the batch stays in flight in the spool
                }
                batch = null;
            }
        } catch (IOException e) {
            Log.error("spool failure, sending stopped (datagrams stay spooled): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SpoolBatch nextBatch() throws IOException, InterruptedException {
        long waiting = spool.awaitUnsent(1, IDLE_WAIT_NANOS, () -> stopping);
        if (waiting == 0) {
            return null;
        }
        if (waiting < config.batchDatagrams()) {
            // On stop, what waits goes now rather than after the flush interval.
            spool.awaitUnsent(config.batchDatagrams(), config.flushInterval().toNanos(), () -> stopping);
        }
        return spool.nextBatch(config.batchDatagrams(), config.batchPolicies(), config.batchBytes());
    }

    /** How the attempts at one batch ended. */
    private enum Verdict {
        DELIVERED,
        /** A 4xx: the API will never take this batch as it is. */
        REFUSED,
        /** The same 5xx several times in a row: perhaps a datagram the API fails on. */
        KEEPS_FAILING,
        /** Stopping while the API is away. */
        STOPPED
    }

    /**
     * Delivers {@code whole}, narrowing it down when the API refuses it or keeps failing on it: the batch is
     * split (at the datagram a 400 names, else in halves) until each part is delivered or is a single
     * datagram the API will not take, which is quarantined. One poison datagram then costs a few requests and
     * holds up nothing behind it. Each part is recorded as in flight and acknowledged in order, like a batch.
     * True once every datagram is delivered or quarantined; false when stopping gives up.
     */
    private boolean deliver(SpoolBatch whole) throws IOException {
        Deque<long[]> parts = new ArrayDeque<>();
        parts.push(new long[] {whole.firstSeq(), whole.endSeq()});
        long outageBackoff = FIRST_BACKOFF_MILLIS;
        while (!parts.isEmpty()) {
            long[] range = parts.peek();
            SpoolBatch batch = range[0] == whole.firstSeq() && range[1] == whole.endSeq() ? whole : spool.range(range[0], range[1]);
            if (batch != whole) {
                spool.markInflight(batch);
            }
            IngestClient.Response[] last = new IngestClient.Response[1];
            Verdict verdict = attempt(batch, last);
            switch (verdict) {
                case STOPPED -> {
                    return false;
                }
                case DELIVERED -> {
                    parts.pop();
                    spool.acknowledge(batch);
                }
                case REFUSED, KEEPS_FAILING -> {
                    if (batch.datagrams() > 1) {
                        parts.pop();
                        split(batch, last[0], parts);
                        narrowLog.warn("API " + (verdict == Verdict.REFUSED ? "refused" : "keeps failing on") + " batch "
                                + batch.idempotencyKey() + " (" + last[0].status() + " " + last[0].detail()
                                + "): sending it in parts to find the datagram it will not take");
                    } else if (verdict == Verdict.REFUSED || apiAnswersButNotTo(batch, last)) {
                        // A 4xx, or a 5xx for this one datagram while the API takes other requests: the datagram
                        // is what the API will not take, not an outage.
                        quarantine(batch, last[0]);
                        parts.pop();
                        spool.acknowledge(batch);
                    } else if (last[0].outcome() == IngestClient.Outcome.DELIVERED) {
                        parts.pop(); // taken after all: the outage ended between the attempts
                        spool.acknowledge(batch);
                    } else {
                        // The API fails on everything, even a request without datagrams: an outage. Wait, try again.
                        if (!pause(outageBackoff)) {
                            return false; // the datagram stays in flight in the spool
                        }
                        outageBackoff = Math.min(outageBackoff * 2, MAX_BACKOFF_MILLIS);
                    }
                }
            }
        }
        if (failing) {
            Log.info("API reachable again; sending what was spooled");
            failing = false;
        }
        return true;
    }

    // The parts of a batch the API would not take, first part on top: around the datagram a 400 names, else halves.
    private static void split(SpoolBatch batch, IngestClient.Response response, Deque<long[]> parts) {
        long first = batch.firstSeq();
        long end = batch.endSeq();
        OptionalInt named = response.refusedDatagram();
        if (response.outcome() == IngestClient.Outcome.REJECTED && named.isPresent() && named.getAsInt() < batch.datagrams()) {
            long bad = first + named.getAsInt();
            if (bad + 1 < end) {
                parts.push(new long[] {bad + 1, end});
            }
            parts.push(new long[] {bad, bad + 1});
            if (first < bad) {
                parts.push(new long[] {first, bad});
            }
            return;
        }
        long middle = first + (end - first) / 2;
        parts.push(new long[] {middle, end});
        parts.push(new long[] {first, middle});
    }

    // Posts one batch until it is delivered, refused, or keeps failing; retries outages without limit.
    private Verdict attempt(SpoolBatch batch, IngestClient.Response[] last) throws IOException {
        long backoff = FIRST_BACKOFF_MILLIS;
        int failures = 0;
        while (true) {
            IngestClient.Response response = client.post(batch);
            last[0] = response;
            switch (response.outcome()) {
                case DELIVERED -> {
                    stats.delivered.addAndGet(batch.datagrams());
                    stats.batches.incrementAndGet();
                    return Verdict.DELIVERED;
                }
                case REJECTED -> {
                    stats.failedPosts.incrementAndGet();
                    return Verdict.REFUSED;
                }
                case FAILED -> {
                    stats.failedPosts.incrementAndGet();
                    if (++failures >= FAILURES_BEFORE_NARROWING) {
                        failing = true;
                        return Verdict.KEEPS_FAILING;
                    }
                }
                case MISCONFIGURED -> {
                    failing = true;
                    stats.failedPosts.incrementAndGet();
                    failureLog.warn("API answered " + response.status() + " (" + response.detail() + "): check"
                            + " --api-url and the token; keeping datagrams spooled and retrying");
                    backoff = MISCONFIGURED_RETRY_MILLIS;
                }
                case UNAVAILABLE -> {
                    failing = true;
                    stats.failedPosts.incrementAndGet();
                    failureLog.warn("API unavailable (" + (response.status() == 0 ? "" : response.status() + " ")
                            + response.detail() + "): spooling, " + spool.unsent() + " datagrams wait");
                }
            }
            long wait = response.retryAfter().map(Duration::toMillis)
                    .map(millis -> Math.min(millis, MAX_BACKOFF_MILLIS)).orElse(backoff);
            if (!pause(wait)) {
                return Verdict.STOPPED;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /**
     * Whether the API takes a request without datagrams and then, asked once more, still fails on this single
     * datagram: then the datagram is what it fails on. The last answer is left in {@code last}.
     */
    private boolean apiAnswersButNotTo(SpoolBatch single, IngestClient.Response[] last) {
        if (client.probe(spool.id()).outcome() != IngestClient.Outcome.DELIVERED) {
            return false;
        }
        IngestClient.Response again = client.post(single);
        last[0] = again;
        if (again.outcome() == IngestClient.Outcome.DELIVERED) {
            stats.delivered.addAndGet(single.datagrams());
            stats.batches.incrementAndGet();
            return false;
        }
        stats.failedPosts.incrementAndGet();
        return again.outcome() == IngestClient.Outcome.FAILED || again.outcome() == IngestClient.Outcome.REJECTED;
    }

    // A datagram the API will never take must not block the ones after it: it is kept aside for a person.
    private void quarantine(SpoolBatch batch, IngestClient.Response response) throws IOException {
        Path dir = spool.directory().resolve(QUARANTINE);
        Files.createDirectories(dir);
        Path file = dir.resolve(batch.idempotencyKey() + ".ndjson");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(batch.body());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true); // on disk before the spool lets the datagram go
        }
        stats.quarantined.addAndGet(batch.datagrams());
        Log.error("API will not take datagram " + batch.firstSeq() + " (" + response.status() + " " + response.detail()
                + "); quarantined in " + file + " (" + stats.quarantined.get() + " so far), the rest goes on");
    }

    // Sleeps, unless stopping; false when the stop deadline has passed.
    private boolean pause(long millis) {
        synchronized (sleeper) {
            long until = System.currentTimeMillis() + millis;
            if (stopping) {
                until = Math.min(until, stopDeadline);
            }
            long left;
            while ((left = until - System.currentTimeMillis()) > 0) {
                try {
                    sleeper.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (stopping) {
                    until = Math.min(until, stopDeadline);
                }
            }
        }
        return !stopping || System.currentTimeMillis() < stopDeadline;
    }

    /** Sends what waits without the flush delay, giving up on the API after {@code grace}. */
    void stop(Duration grace) {
        stopDeadline = System.currentTimeMillis() + grace.toMillis();
        stopping = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        spool.wakeUp();
    }
}
