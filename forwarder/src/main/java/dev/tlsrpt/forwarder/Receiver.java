package dev.tlsrpt.forwarder;

/** The thread that takes what the MTA writes to the forwarder's socket and appends it to the spool. */
interface Receiver extends Runnable {
    /** Stops taking new input and lets {@link #run} spool what it already holds, then end. */
    void stop();
}
