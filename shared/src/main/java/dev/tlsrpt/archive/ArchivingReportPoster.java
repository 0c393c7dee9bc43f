package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportParts;
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
            String reportId = Report.fromJson(json).reportId();
            DestinationKey job = ArchiveKeys.destinationOf(reportId).orElse(null);
            return new DeliveryArchiver.Copy(job, ReportParts.partOf(reportId), gzipReport, "application/tlsrpt+gzip", () -> json);
        });
        return delegate.post(uri, gzipReport);
    }
}
