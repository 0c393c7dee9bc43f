package dev.tlsrpt.function.worker;

import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.tlsrpt.ReportSettings;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads the DKIM private key at init (DESIGN 2.5: in SSM Parameter Store as a SecureString, never in code,
 * logs or the template). Without a usable key the worker still starts: every email it cannot sign becomes
 * a failure event, and HTTPS reports still go out. Messages and reasons name the parameter, never the key.
 */
final class DkimKeyLoader {
    private DkimKeyLoader() {
    }

    static MessageSigning load(SsmClient ssm, String parameter, String selector, ReportSettings settings, Clock clock) {
        String pem;
        try {
            pem = ssm.getParameter(r -> r.name(parameter).withDecryption(true)).parameter().value();
        } catch (SdkException e) {
            return new MessageSigning.Unavailable("cannot read SSM parameter " + parameter + ": " + e.getClass().getSimpleName());
        }
        return fromPem(pem, parameter, selector, settings, clock);
    }

    static MessageSigning fromPem(String pem, String parameter, String selector, ReportSettings settings, Clock clock) {
        try {
            DkimSigner signer = DkimSigner.fromPem(settings.submitterDomain(), selector, pem);
            return new MessageSigning.Ready(new ReportMessageBuilder(settings, signer, clock));
        } catch (RuntimeException e) {
            // The parser's message could quote key material: only the exception type is kept.
            return new MessageSigning.Unavailable("SSM parameter " + parameter + " is not a usable DKIM key ("
                    + e.getClass().getSimpleName() + "; expected an unencrypted PKCS#8 PEM RSA key of at least 2048 bits)");
        }
    }
}
