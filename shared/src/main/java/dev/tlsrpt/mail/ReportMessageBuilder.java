package dev.tlsrpt.mail;

import dev.tlsrpt.tlsrpt.Addresses;
import dev.tlsrpt.tlsrpt.DomainNames;
import dev.tlsrpt.tlsrpt.HeaderValues;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportSettings;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the report emails of RFC 8460 section 5.3 (docs/design.md 2.5) with Jakarta Mail (Angus): one
 * DKIM-signed message per recipient, {@code multipart/report; report-type="tlsrpt"} with a text part
 * and the gzip report as {@code application/tlsrpt+gzip}. The clock gives Date and Message-ID, and
 * the MIME boundary is derived from the content, so equal input gives equal bytes.
 */
public final class ReportMessageBuilder {
    private static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    // Taken when this class loads, so that the stream provider is named before the first body part is made.
    private static final Session SESSION = MailSession.get();

    private final ReportSettings settings;
    private final DkimSigner signer;
    private final Clock clock;

    public ReportMessageBuilder(ReportSettings settings, DkimSigner signer, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        // docs/design.md 2.5: TLS-Report-Submitter = domain of contact-info = DKIM d= domain.
        if (!signer.domain().equals(settings.submitterDomain())) {
            throw new IllegalArgumentException("DKIM domain " + signer.domain() + " must be the submitter domain "
                    + settings.submitterDomain());
        }
    }

    /**
     * One signed message per recipient address.
     *
     * @param report        the report (its report-id goes into the Subject)
     * @param gzip          the report as gzip ({@link Report#toGzip()})
     * @param policyDomain  the domain the report is for (TLS-Report-Domain), U- or A-label
     * @param filename      the attachment filename ({@code ReportBuilder.filename})
     * @param recipients    addresses from the record's mailto: URIs
     */
    public List<ReportMessage> build(Report report, byte[] gzip, String policyDomain, String filename,
                                     List<String> recipients) {
        String domain = DomainNames.toALabel(policyDomain);
        String reportId = HeaderValues.requireSafe("report-id", report.reportId());
        HeaderValues.requireSafe("filename", filename);
        List<ReportMessage> messages = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            String to = Addresses.normalise(recipient);
            try {
                messages.add(buildOne(reportId, gzip, domain, filename, to));
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot build the report message: " + e.getMessage(), e);
            }
        }
        return List.copyOf(messages);
    }

    private ReportMessage buildOne(String reportId, byte[] gzip, String domain, String filename, String to)
            throws MessagingException {
        String submitter = settings.submitterDomain();
        String messageId = "<" + reportId.substring(0, reportId.lastIndexOf('@')) + "." + clock.millis() + "."
                + shortHash(to) + "@" + submitter + ">";
        String boundary = "=_tlsrpt_" + shortHash(reportId + "\n" + to + "\n" + messageId);

        MimeBodyPart text = new MimeBodyPart();
        // UTF-8 because the organisation name may not be ASCII; Jakarta Mail then picks 7bit or quoted-printable.
        text.setText(humanText(domain, reportId), "utf-8");

        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(gzip, "application/tlsrpt+gzip")));
        // Set as whole headers: Jakarta Mail would otherwise split the long filename into RFC 2231
        // continuations (filename*0=...), which simple report parsers do not read.
        attachment.setHeader("Content-Type", "application/tlsrpt+gzip;\r\n\tname=\"" + filename + "\"");
        attachment.setHeader("Content-Disposition", "attachment;\r\n\tfilename=\"" + filename + "\"");
        attachment.setHeader("Content-Transfer-Encoding", "base64");

        MimeMultipart multipart = new ReportMultipart(boundary);
        multipart.addBodyPart(text);
        multipart.addBodyPart(attachment);

        MimeMessage message = new FixedIdMimeMessage(messageId);
        message.setFrom(new InternetAddress(settings.fromAddress()));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        // RFC 8460 section 5.3: Subject carries policy domain, submitter and report-id.
        message.setSubject("Report Domain: " + domain + " Submitter: " + submitter + " Report-ID: <" + reportId + ">",
                "us-ascii");
        message.setHeader("Date", RFC5322_DATE.format(clock.instant()));
        message.setHeader("TLS-Report-Domain", domain);
        message.setHeader("TLS-Report-Submitter", submitter);
        // RFC 8689: a report about TLS problems must still reach a receiver whose TLS is broken.
        message.setHeader("TLS-Required", "No");
        // RFC 3834: automatic messages are not answered.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setContent(multipart);
        message.saveChanges();
        return new ReportMessage(to, messageId, reportId, signer.sign(message));
    }

    private String humanText(String domain, String reportId) {
        return "This is an aggregate TLS report (RFC 8460) from " + settings.organizationName() + " about\r\n"
                + "TLS connections made on the way to deliver mail to " + domain + ".\r\n\r\n"
                + "Report-ID: " + reportId + "\r\n"
                + "Contact: " + settings.contactInfo() + "\r\n\r\n"
                + "The report is attached as gzip-compressed JSON (application/tlsrpt+gzip).\r\n";
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A MimeMessage that keeps the Message-ID we give it instead of generating one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** multipart/report with report-type="tlsrpt" (RFC 8460 section 5.3, RFC 6522) and a fixed boundary. */
    private static final class ReportMultipart extends MimeMultipart {
        ReportMultipart(String boundary) {
            super("report");
            contentType = "multipart/report; report-type=\"tlsrpt\"; boundary=\"" + boundary + "\"";
        }
    }
}
