package dev.tlsrpt.archive;

import dev.tlsrpt.mail.MailSession;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The report JSON inside an archived delivery (docs/dashboard.md), read by the CLI and the dashboard rather than
 * stored a second time by the worker: the gunzipped body of an https POST ({@code .json.gz}), or of a message's
 * {@code application/tlsrpt+gzip} part (RFC 8460 section 5.3; {@code .eml}). A report JSON object of its own,
 * as an earlier release also wrote, is read as it is.
 */
public final class ArchivedReport {
    private ArchivedReport() {
    }

    /**
     * @param key    the object's archive key, which says what it is
     * @param object its bytes
     * @throws IllegalArgumentException when the key is not an archive key or the object holds no readable report
     */
    public static byte[] json(String key, byte[] object) {
        ArchiveKeys.Entry entry = ArchiveKeys.parse(key)
                .orElseThrow(() -> new IllegalArgumentException("not an archive key"));
        if (entry.target() == null) {
            return object;
        }
        try {
            if (key.endsWith(".json.gz")) {
                return gunzip(new ByteArrayInputStream(object));
            }
            MimeMessage message = new MimeMessage(MailSession.get(), new ByteArrayInputStream(object));
            if (message.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType("application/tlsrpt+gzip")) {
                        return gunzip(part.getInputStream());
                    }
                }
            }
            throw new IllegalArgumentException("the message has no application/tlsrpt+gzip part");
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage(), e);
        }
    }

    /** Bounded like any archived object. */
    private static byte[] gunzip(InputStream gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(gzip)) {
            byte[] json = in.readNBytes((int) S3ReportArchive.MAX_OBJECT_BYTES + 1);
            if (json.length > S3ReportArchive.MAX_OBJECT_BYTES) {
                throw new IllegalArgumentException("report larger than " + S3ReportArchive.MAX_OBJECT_BYTES + " bytes");
            }
            return json;
        }
    }
}
