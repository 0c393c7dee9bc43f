package dev.tlsrpt.send;

/** Sends one signed report message to one recipient (SES in production). */
public interface ReportMailer {

    /**
     * @param recipient   the envelope recipient, an addr-spec with an A-label domain
     * @param rawMessage  the complete, DKIM-signed RFC 5322 message
     * @param content     the report the message carries, for a mailer that keeps a copy (the archive)
     */
    MailResult send(String recipient, byte[] rawMessage, ReportContent content);

    /** What became of one send; callers treat each kind differently. */
    sealed interface MailResult {
        /** Accepted for delivery. */
        record Sent(String messageId) implements MailResult {
        }

        /** Refused for good (e.g. SES rejected the message or the address): do not retry. */
        record Rejected(String reason) implements MailResult {
        }

        /** Refused for now (throttling, service unavailable, network): retry later. */
        record TransientFailure(String reason) implements MailResult {
        }
    }
}
