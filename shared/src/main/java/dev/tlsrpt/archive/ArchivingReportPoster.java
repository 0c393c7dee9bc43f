package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Report;
import java.net.URI;
import java.util.Objects;

/**
 * Archives each HTTPS report, then POSTs it ({@link DeliveryArchiver}): the exact gzip body under the job and
 * URI's key, and the report JSON.
 */
public final class ArchivingReportPoster implements ReportPoster {
    private final ReportPoster delegate;
    private final DeliveryArchiver archiver;

    public ArchivingReportPoster(ReportPoster delegate, ReportArchive archive, ArchiveFailures failures) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.archiver = new DeliveryArchiver(archive, failures);
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport) {
        archiver.archive(uri.toString(), "(report to " + uri + ")", "the report-id names no destination", () -> {
            byte[] json = Gzip.decompress(gzipReport);
            DestinationKey job = ArchiveKeys.destinationOf(Report.fromJson(json).reportId()).orElse(null);
            return new DeliveryArchiver.Copy(job, gzipReport, "application/tlsrpt+gzip", () -> json);
        });
        return delegate.post(uri, gzipReport);
    }
}
