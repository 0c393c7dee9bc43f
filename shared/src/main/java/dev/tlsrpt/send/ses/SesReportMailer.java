package dev.tlsrpt.send.ses;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportMailer;
import java.lang.System.Logger.Level;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends a signed report through SESv2 {@code SendEmail} with raw content (docs/design.md 2.5): the bytes go out
 * as given, so the DKIM signature the service made over its own header set stays valid. The
 * configuration set is expected to have an OPTIONAL TLS policy, because a report about TLS problems
 * must still reach a receiver whose TLS is broken, and no open/click tracking, which would rewrite the
 * signed body.
 */
public final class SesReportMailer implements ReportMailer {
    private static final System.Logger LOG = System.getLogger(SesReportMailer.class.getName());

    private final SesV2Client ses;
    private final String configurationSet;

    /** @param configurationSet the SES configuration set, or {@code null} to send without one (local runs) */
    public SesReportMailer(SesV2Client ses, String configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    @Override
    public MailResult send(String recipient, byte[] rawMessage, ReportContent content) {
        // No FromEmailAddress: with raw content SES takes the sender from the signed From header.
        SendEmailRequest request = SendEmailRequest.builder()
                .destination(d -> d.toAddresses(recipient))
                .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(rawMessage))))
                .configurationSetName(configurationSet)
                .build();
        try {
            return new MailResult.Sent(ses.sendEmail(request).messageId());
        } catch (SdkException e) {
            MailResult result = SesFailures.classify(e);
            // The recipient and SES's reason only; never the message.
            LOG.log(Level.WARNING, "SES send to {0}: {1}", recipient, result);
            return result;
        }
    }
}
