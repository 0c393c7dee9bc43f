package dev.tlsrpt.archive;

import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportParts;
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
 * Archives each report email, then sends it ({@link DeliveryArchiver}): the exact signed message under the
 * job and recipient's key, and the report JSON from its attachment. Archiving first means that a message
 * that goes out is on file.
 */
public final class ArchivingReportMailer implements ReportMailer {
    /** RFC 8460 section 5.3: {@code Report-ID: <id>} in the Subject. */
    private static final Pattern REPORT_ID = Pattern.compile("Report-ID:\\s*<([^>\\s]+)>");
    /** One for every message read: a new session loads jakarta.mail's providers from the class path each time. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private final ReportMailer delegate;
    private final DeliveryArchiver archiver;

    public ArchivingReportMailer(ReportMailer delegate, ReportArchive archive, ArchiveFailures failures) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.archiver = new DeliveryArchiver(archive, failures);
    }

    @Override
    public MailResult send(String recipient, byte[] rawMessage) {
        archiver.archive("mailto:" + recipient, "(report of an unreadable message to " + recipient + ")",
                "no report-id in the Subject", () -> copyOf(rawMessage));
        return delegate.send(recipient, rawMessage);
    }

    private static DeliveryArchiver.Copy copyOf(byte[] rawMessage) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(rawMessage));
        Matcher id = REPORT_ID.matcher(Objects.requireNonNullElse(message.getHeader("Subject", null), ""));
        boolean found = id.find();
        DestinationKey job = found ? ArchiveKeys.destinationOf(id.group(1)).orElse(null) : null;
        int part = found ? ReportParts.partOf(id.group(1)) : 1;
        return new DeliveryArchiver.Copy(job, part, rawMessage, "message/rfc822", () -> reportJson(message));
    }

    /** The report from the {@code application/tlsrpt+gzip} part (RFC 8460 section 5.3), or null. */
    private static byte[] reportJson(MimeMessage message) throws MessagingException, IOException {
        if (!(message.getContent() instanceof Multipart multipart)) {
            return null;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("application/tlsrpt+gzip")) {
                return Gzip.decompress(part.getInputStream().readAllBytes());
            }
        }
        return null;
    }
}
