package dev.tlsrpt.forwarder;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what happened to datagrams, logged periodically and at shutdown. */
final class ForwarderStats {
    final AtomicLong received = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong spooled = new AtomicLong();
    final AtomicLong droppedSpoolFull = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    final AtomicLong failedPosts = new AtomicLong();

    String summary(long unsent, long spoolBytes) {
        return "received=" + received.get() + " malformed=" + malformed.get() + " spooled=" + spooled.get()
                + " dropped_spool_full=" + droppedSpoolFull.get() + " delivered=" + delivered.get()
                + " batches=" + batches.get() + " quarantined=" + quarantined.get()
                + " failed_posts=" + failedPosts.get() + " unsent=" + unsent + " spool_bytes=" + spoolBytes;
    }
}
