package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Socket to spool to API: a receiver thread, a sender thread, and a timer that syncs the spool and logs
 * the counters. {@link #stop} drains the socket into the spool, tries to deliver what waits, and closes
 * the spool; whatever the API did not take is sent at the next start.
 */
final class Forwarder implements AutoCloseable {
    private final ForwarderConfig config;
    private final ForwarderStats stats = new ForwarderStats();
    private final Spool spool;
    private final Receiver receiver;
    private final BatchSender sender;
    private final Thread receiverThread;
    private final Thread senderThread;
    private final ScheduledExecutorService timer;
    private boolean stopped;

    private Forwarder(ForwarderConfig config) throws IOException {
        this.config = config;
        this.spool = Spool.open(config.spoolDir(), config.spoolMaxBytes(), config.segmentBytes());
        try {
            this.receiver = config.format().stream()
                    ? new EventLineReceiver(config, spool, stats)
                    : new DatagramReceiver(config, spool, stats);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        this.sender = new BatchSender(config, spool, new IngestClient(config.apiUrl(), config.format(), config.token(),
                config.httpTimeout()), stats);
        this.receiverThread = new Thread(receiver, "receiver");
        this.senderThread = new Thread(sender, "sender");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    static Forwarder start(ForwarderConfig config) throws IOException {
        Forwarder forwarder = new Forwarder(config);
        forwarder.receiverThread.start();
        forwarder.senderThread.start();
        long sync = config.syncInterval().toMillis();
        forwarder.timer.scheduleWithFixedDelay(forwarder::sync, sync, sync, TimeUnit.MILLISECONDS);
        long statsEvery = config.statsInterval().toMillis();
        forwarder.timer.scheduleWithFixedDelay(forwarder::logStats, statsEvery, statsEvery, TimeUnit.MILLISECONDS);
        Log.info("started: " + config + " spool_id=" + forwarder.spool.id() + " unsent=" + forwarder.spool.unsent());
        return forwarder;
    }

    ForwarderStats stats() {
        return stats;
    }

    long unsent() {
        return spool.unsent();
    }

    private void sync() {
        try {
            spool.sync();
        } catch (IOException e) {
            Log.error("spool sync failed: " + e.getMessage());
        }
    }

    private void logStats() {
        Log.info(stats.summary(spool.unsent(), spool.bytes()));
    }

    /** Graceful stop (SIGTERM): nothing accepted is lost, what the API does not take now waits in the spool. */
    synchronized void stop() throws InterruptedException, IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        receiver.stop();
        receiverThread.join();
        sender.stop(config.shutdownGrace());
        senderThread.join();
        // Not shutdownNow: interrupting a periodic sync in FileChannel.force closes the spool's channel.
        timer.shutdown();
        timer.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        spool.close();
        Log.info("stopped: " + stats.summary(spool.unsent(), spool.bytes()));
    }

    /** Waits until the receiver or sender ends on its own (a fatal error), for the command's main thread. */
    void awaitTermination() throws InterruptedException {
        while (receiverThread.isAlive() && senderThread.isAlive()) {
            receiverThread.join(Duration.ofSeconds(1).toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
