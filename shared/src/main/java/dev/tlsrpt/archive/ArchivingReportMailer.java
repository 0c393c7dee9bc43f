package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportMailer;
import java.util.Objects;

/**
 * Archives each report email, then sends it ({@link DeliveryArchiver}): the exact signed message under the
 * job and recipient's key. Archiving first means that a message that goes out is on file.
 */
public final class ArchivingReportMailer implements ReportMailer {
    private final ReportMailer delegate;
    private final DeliveryArchiver archiver;

    public ArchivingReportMailer(ReportMailer delegate, ReportArchive archive, ArchiveFailures failures) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.archiver = new DeliveryArchiver(archive, failures);
    }

    @Override
    public MailResult send(String recipient, byte[] rawMessage, ReportContent content) {
        archiver.archive("mailto:" + recipient, rawMessage, "message/rfc822", content);
        return delegate.send(recipient, rawMessage, content);
    }
}
