package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Takes batches from the spool in order and posts them until the API has them. A batch is recorded as in
 * flight before its first attempt and acknowledged after a 2xx, so a restart sends exactly that batch
 * again (same idempotency key) and the API counts it once. The next batch waits for the one before:
 * order is kept and nothing is skipped.
 */
final class BatchSender implements Runnable {
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final long MISCONFIGURED_RETRY_MILLIS = 30_000;
    private static final long IDLE_WAIT_NANOS = 1_000_000_000L;

    private final ForwarderConfig config;
    private final Spool spool;
    private final IngestClient client;
    private final ForwarderStats stats;
    private final Object sleeper = new Object();
    private final RateLimitedLog failureLog = new RateLimitedLog(30_000);
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
                spool.acknowledge(batch);
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

    // true once the API has the batch (or rejected it for good); false when stopping gives up.
    private boolean deliver(SpoolBatch batch) throws IOException {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            IngestClient.Response response = client.post(batch);
            switch (response.outcome()) {
                case DELIVERED -> {
                    if (failing) {
                        Log.info("API reachable again (" + response.status() + "); sending what was spooled");
                        failing = false;
                    }
                    stats.delivered.addAndGet(batch.datagrams());
                    stats.batches.incrementAndGet();
                    return true;
                }
                case REJECTED -> {
                    quarantine(batch, response);
                    return true;
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
                return false;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    // A batch the API will never take must not block the ones after it: it is kept aside for a person.
    private void quarantine(SpoolBatch batch, IngestClient.Response response) throws IOException {
        Path dir = spool.directory().resolve("quarantine");
        Files.createDirectories(dir);
        Path file = dir.resolve(batch.idempotencyKey() + ".ndjson");
        Files.write(file, batch.body());
        stats.quarantined.addAndGet(batch.datagrams());
        Log.error("API rejected batch " + batch.idempotencyKey() + " (" + batch.datagrams() + " datagrams) with "
                + response.status() + " " + response.detail() + "; kept in " + file);
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
