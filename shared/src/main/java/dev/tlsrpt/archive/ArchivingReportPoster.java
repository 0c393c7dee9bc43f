package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportPoster;
import java.net.URI;
import java.util.Objects;

/**
 * Archives each HTTPS report, then POSTs it ({@link DeliveryArchiver}): the exact gzip body under the job and
 * URI's key.
 */
public final class ArchivingReportPoster implements ReportPoster {
    private final ReportPoster delegate;
    private final DeliveryArchiver archiver;

    public ArchivingReportPoster(ReportPoster delegate, ReportArchive archive, ArchiveFailures failures) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.archiver = new DeliveryArchiver(archive, failures);
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport, ReportContent content) {
        archiver.archive(uri.toString(), gzipReport, "application/tlsrpt+gzip", content);
        return delegate.post(uri, gzipReport, content);
    }
}
