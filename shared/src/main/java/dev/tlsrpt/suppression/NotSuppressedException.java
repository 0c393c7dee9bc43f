package dev.tlsrpt.suppression;

/** There is no entry for the address (never added, removed, or deleted by TTL long after it expired). */
public final class NotSuppressedException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotSuppressedException(String address) {
        super(address + " is not on the suppression list");
    }
}
