package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.tlsrpt.ReportParts;
import java.util.Objects;

/**
 * The one shape of the archiving decorators (docs/design.md 4): archive a delivery, then send it. What is sent
 * goes under the job and target's key, the report JSON the sender built under the job's; a retry overwrites
 * the same keys (never a second copy). A failure to archive is signalled to {@link ArchiveFailures} and never
 * stops or repeats the send.
 */
final class DeliveryArchiver {
    private final ReportArchive archive;
    private final ArchiveFailures failures;

    DeliveryArchiver(ReportArchive archive, ArchiveFailures failures) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * @param target      the target's URI ({@code mailto:} or {@code https:}), part of the copy's key
     * @param sent        the exact bytes about to be sent
     * @param contentType what they are, as S3 keeps it
     * @param content     which report they carry
     */
    void archive(String target, byte[] sent, String contentType, ReportContent content) {
        String key = ArchiveKeys.message(content.job(), ReportParts.target(target, content.part()));
        try {
            archive.put(key, sent, contentType);
        } catch (RuntimeException e) {
            failures.archiveFailed(key, e.toString());
        }
    }
}
