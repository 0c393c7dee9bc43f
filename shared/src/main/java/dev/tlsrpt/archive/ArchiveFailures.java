package dev.tlsrpt.archive;

/**
 * Hears of a report that could not be archived (the send goes on regardless): in production an
 * EventBridge event and the CloudWatch metric {@code ArchiveFailed}.
 */
public interface ArchiveFailures {
    void archiveFailed(String key, String reason);
}
