package dev.tlsrpt.function.worker;

import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.tlsrpt.ReportSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * The DKIM private key in SSM Parameter Store (docs/design.md 2.5: a SecureString, never in code, logs or
 * the template), read through Powertools' parameter cache. A key read is kept for {@link #MAX_AGE}, then
 * read again: rotating the key needs no redeploy, a key created after the deployment is picked up, and
 * a SnapStart snapshot does not pin the key it was taken with. A missing, unreadable or unusable key is
 * {@link MessageSigning.Unavailable}: the jobs' emails wait for it. Reasons name the parameter, never the key.
 */
final class SsmDkimKey implements MessageSigning {
    /** How long a key read from SSM is used before it is read again. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final SSMProvider ssm;
    private final String parameter;
    private final String selector;
    private final ReportSettings settings;
    private final Clock clock;
    private String parsedPem;
    private State parsed;

    SsmDkimKey(SsmClient client, Duration maxAge, String parameter, String selector, ReportSettings settings, Clock clock) {
        CacheManager cache = new CacheManager();
        cache.setDefaultExpirationTime(maxAge);
        this.ssm = SSMProvider.builder().withClient(client).withCacheManager(cache).build();
        this.parameter = Objects.requireNonNull(parameter, "parameter");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key as SSM has it now (or as read within {@link #MAX_AGE}); parsed again only when it changed. */
    @Override
    public synchronized State current() {
        String pem;
        try {
            pem = ssm.withDecryption().get(parameter);
        } catch (RuntimeException e) {
            return new Unavailable("cannot read SSM parameter " + parameter + ": " + serviceError(e));
        }
        if (!pem.equals(parsedPem)) {
            parsed = fromPem(pem, parameter, selector, settings, clock);
            parsedPem = pem;
        }
        return parsed;
    }

    static State fromPem(String pem, String parameter, String selector, ReportSettings settings, Clock clock) {
        try {
            DkimSigner signer = DkimSigner.fromPem(settings.submitterDomain(), selector, pem);
            return new Ready(new ReportMessageBuilder(settings, signer, clock));
        } catch (RuntimeException e) {
            // The parser's message could quote key material: only the exception type is kept.
            return new Unavailable("SSM parameter " + parameter + " is not a usable DKIM key ("
                    + e.getClass().getSimpleName() + "; expected an unencrypted PKCS#8 PEM RSA key of at least 2048 bits)");
        }
    }

    /** The SDK's error type (e.g. ParameterNotFoundException), however Powertools wrapped it; never a message. */
    private static String serviceError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkException) {
                return cause.getClass().getSimpleName();
            }
        }
        return e.getClass().getSimpleName();
    }
}
