package dev.tlsrpt.archive;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportParts;
import java.util.Objects;

/**
 * The one shape of the archiving decorators (docs/design.md 4): archive a delivery, then send it. What is sent
 * goes under the job and target's key, the report JSON under the job's; a retry overwrites the same keys
 * (never a second copy). A failure to archive is signalled to {@link ArchiveFailures} and never stops or
 * repeats the send.
 */
final class DeliveryArchiver {

    /** Reads what to archive out of the bytes about to be sent; what it throws is an archive failure. */
    @FunctionalInterface
    interface CopyReader {
        Copy read() throws Exception;
    }

    /** The report JSON inside what is sent, or null where it has none; read after the copy is archived. */
    @FunctionalInterface
    interface ReportJson {
        byte[] read() throws Exception;
    }

    /**
     * One delivery as it is archived.
     *
     * @param job  the destination the report is for, or null when what is sent does not say
     * @param part which part of the destination's report it is (docs/design.md 2.13), 1 for a report sent whole
     */
    record Copy(DestinationKey job, int part, byte[] sent, String contentType, ReportJson reportJson) {
    }

    private final ReportArchive archive;
    private final ArchiveFailures failures;

    DeliveryArchiver(ReportArchive archive, ArchiveFailures failures) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * @param target      the target's URI ({@code mailto:} or {@code https:}), part of the copy's key
     * @param description what the failure names while the key is not known yet
     * @param whenNoJob   the failure's reason when what is sent names no destination
     */
    void archive(String target, String description, String whenNoJob, CopyReader reader) {
        String key = description;
        try {
            Copy copy = reader.read();
            if (copy.job() == null) {
                failures.archiveFailed(key, whenNoJob);
                return;
            }
            key = ArchiveKeys.message(copy.job(), ReportParts.target(target, copy.part()));
            archive.put(key, copy.sent(), copy.contentType());
            byte[] json = copy.reportJson().read();
            if (json != null) {
                archive.put(ArchiveKeys.report(copy.job(), copy.part()), json, "application/tlsrpt+json");
            }
        } catch (Exception e) {
            failures.archiveFailed(key, e.toString());
        }
    }
}
