package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Report;
import java.net.URI;
import java.util.Objects;

/**
 * Archives each HTTPS report, then POSTs it: the exact gzip body under the job and URI's key, and the
 * report JSON. Same order and guarantees as {@link ArchivingReportMailer}.
 */
public final class ArchivingReportPoster implements ReportPoster {
    private final ReportPoster delegate;
    private final ReportArchive archive;
    private final ArchiveFailures failures;

    public ArchivingReportPoster(ReportPoster delegate, ReportArchive archive, ArchiveFailures failures) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport) {
        archive(uri, gzipReport);
        return delegate.post(uri, gzipReport);
    }

    private void archive(URI uri, byte[] gzipReport) {
        String key = "(report to " + uri + ")";
        try {
            byte[] json = Gzip.decompress(gzipReport);
            DestinationKey job = ArchiveKeys.destinationOf(Report.fromJson(json).reportId()).orElse(null);
            if (job == null) {
                failures.archiveFailed(key, "the report-id names no destination");
                return;
            }
            key = ArchiveKeys.message(job, uri.toString());
            archive.put(key, gzipReport, "application/tlsrpt+gzip");
            archive.put(ArchiveKeys.report(job), json, "application/tlsrpt+json");
        } catch (RuntimeException e) {
            failures.archiveFailed(key, e.toString());
        }
    }
}
