package dev.tlsrpt.store;

/** Storage could not be reached or refused for now; the operation can be repeated later. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
