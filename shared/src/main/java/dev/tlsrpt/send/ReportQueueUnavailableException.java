package dev.tlsrpt.send;

/** The report queue did not take all jobs; planning the day again is safe (the ledger prevents repeats). */
public final class ReportQueueUnavailableException extends RuntimeException {
    public ReportQueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
