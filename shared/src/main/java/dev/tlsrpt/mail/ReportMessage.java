package dev.tlsrpt.mail;

import java.util.Objects;

/**
 * One signed report email for one recipient (RFC 8460 section 5.3; docs/design.md 2.5).
 *
 * @param recipient  the one To: address
 * @param messageId  the Message-ID, with angle brackets
 * @param reportId   the report-id it carries
 * @param raw        the complete RFC 5322 message, DKIM-Signature first, CRLF line ends
 */
public record ReportMessage(String recipient, String messageId, String reportId, byte[] raw) {

    public ReportMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(raw, "raw");
    }
}
