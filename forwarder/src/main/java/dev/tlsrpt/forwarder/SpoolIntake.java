package dev.tlsrpt.forwarder;

import java.io.IOException;

/**
 * The receivers' one way into the spool: appends what the MTA sent once its format's check passed, and
 * counts and logs what is dropped instead (malformed, spool full, spool not writable). The logs are rate
 * limited, so a flood of bad input does not become a flood of log lines.
 */
final class SpoolIntake {
    private final Spool spool;
    private final ForwarderStats stats;
    private final String noun;
    private final RateLimitedLog malformedLog = new RateLimitedLog(1_000);
    private final RateLimitedLog fullLog = new RateLimitedLog(10_000);

    /** @param noun what one input is called in the logs: "datagram", "event" */
    SpoolIntake(Spool spool, ForwarderStats stats, String noun) {
        this.spool = spool;
        this.stats = stats;
        this.noun = noun;
    }

    /** Appends one checked input; whether it is in the spool now (else it was counted and logged as dropped). */
    boolean append(byte[] buffer, int offset, int length, int policies) {
        try {
            if (spool.append(buffer, offset, length, policies)) {
                stats.spooled.incrementAndGet();
                return true;
            }
            stats.droppedSpoolFull.incrementAndGet();
            fullLog.warn("spool full (" + spool.bytes() + " bytes, --spool-max-bytes): dropping new " + noun + "s"
                    + " until the API takes what waits; dropped so far: " + stats.droppedSpoolFull.get());
        } catch (IOException e) {
            stats.droppedSpoolFull.incrementAndGet();
            fullLog.warn("cannot write the spool, " + noun + " dropped: " + e.getMessage());
        }
        return false;
    }

    /** Counts and logs an input that failed its check or never arrived whole. */
    void malformed(String why) {
        stats.malformed.incrementAndGet();
        malformedLog.warn("malformed " + noun + " ignored (" + stats.malformed.get() + " so far): " + why);
    }
}
