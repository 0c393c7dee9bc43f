package dev.tlsrpt.send;

import java.time.Duration;

/**
 * Spaces one worker's sends so that all workers together stay within the SES send rate (docs/design.md 2.7: no
 * burst that SES would throttle). Reserved concurrency caps the number of workers, so each gets
 * {@code sendRate / concurrency} messages per second. Thread-safe; a worker handles one batch at a time.
 */
public final class SendPacer {
    private final long intervalNanos;
    private final Ticker ticker;
    private long nextSlot;
    private boolean started;

    /** @param sendRate SES maximum send rate (messages per second), @param workers reserved concurrency */
    public SendPacer(double sendRate, int workers, Ticker ticker) {
        if (!(sendRate > 0) || workers < 1) {
            throw new IllegalArgumentException("send rate must be > 0 and workers >= 1");
        }
        this.intervalNanos = (long) Math.ceil(1_000_000_000d * workers / sendRate);
        this.ticker = ticker;
    }

    public static SendPacer of(double sendRate, int workers) {
        return new SendPacer(sendRate, workers, Ticker.SYSTEM);
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Waits for the next send slot. */
    public synchronized void acquire() {
        long now = ticker.nanoTime();
        if (!started || nextSlot - now < 0) {
            started = true;
            nextSlot = now;
        }
        long wait = nextSlot - now;
        nextSlot += intervalNanos;
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
    }

    /** Time and sleep, replaceable in tests. */
    public interface Ticker {
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) {
                try {
                    Thread.sleep(Duration.ofNanos(nanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pacing sends", e);
                }
            }
        };

        long nanoTime();

        void sleepNanos(long nanos);
    }
}
