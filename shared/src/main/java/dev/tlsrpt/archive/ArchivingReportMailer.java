package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archives each report email, then sends it: the exact signed message under the job and recipient's
 * key, and the report JSON from its attachment. Archiving first means that a message that goes out is
 * on file, and a retry overwrites the same keys (never a second copy). A failure to archive is signalled
 * to {@link ArchiveFailures} and never stops or repeats the send.
 */
public final class ArchivingReportMailer implements ReportMailer {
    /** RFC 8460 section 5.3: {@code Report-ID: <id>} in the Subject. */
    private static final Pattern REPORT_ID = Pattern.compile("Report-ID:\\s*<([^>\\s]+)>");

    private final ReportMailer delegate;
    private final ReportArchive archive;
    private final ArchiveFailures failures;

    public ArchivingReportMailer(ReportMailer delegate, ReportArchive archive, ArchiveFailures failures) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public MailResult send(String recipient, byte[] rawMessage) {
        archive(recipient, rawMessage);
        return delegate.send(recipient, rawMessage);
    }

    private void archive(String recipient, byte[] rawMessage) {
        String key = "(report of an unreadable message to " + recipient + ")";
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rawMessage));
            Matcher id = REPORT_ID.matcher(Objects.requireNonNullElse(message.getHeader("Subject", null), ""));
            DestinationKey job = id.find() ? ArchiveKeys.destinationOf(id.group(1)).orElse(null) : null;
            if (job == null) {
                failures.archiveFailed(key, "no report-id in the Subject");
                return;
            }
            key = ArchiveKeys.message(job, "mailto:" + recipient);
            archive.put(key, rawMessage, "message/rfc822");
            byte[] gzip = attachment(message);
            if (gzip != null) {
                archive.put(ArchiveKeys.report(job), Gzip.decompress(gzip), "application/tlsrpt+json");
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            failures.archiveFailed(key, e.toString());
        }
    }

    /** The {@code application/tlsrpt+gzip} part (RFC 8460 section 5.3), or null. */
    private static byte[] attachment(MimeMessage message) throws MessagingException, IOException {
        if (!(message.getContent() instanceof Multipart multipart)) {
            return null;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("application/tlsrpt+gzip")) {
                return part.getInputStream().readAllBytes();
            }
        }
        return null;
    }
}
