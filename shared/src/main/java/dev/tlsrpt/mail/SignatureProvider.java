package dev.tlsrpt.mail;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.function.Supplier;

/**
 * Which JCA provider computes the DKIM signatures (docs/design.md 4.3): AWS-LC, through the Amazon Corretto
 * Crypto Provider, when its native library loads on this platform, at about a quarter of the JDK's CPU per
 * RSA-2048 signature; else the JDK's own. The DKIM library asks for its {@code Signature} by algorithm name
 * alone, once, when its signer is built, so the provider is put first in the JVM's list for that moment only:
 * nothing else in the process (TLS, SigV4, {@code SecureRandom}) changes provider.
 */
final class SignatureProvider {
    private static final Provider NATIVE;
    private static final String UNAVAILABLE;

    static {
        Provider provider = null;
        String unavailable = null;
        try {
            Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            if (error == null) {
                provider = AmazonCorrettoCryptoProvider.INSTANCE;
            } else {
                unavailable = "its native library did not load: " + error;
            }
        } catch (LinkageError e) {
            unavailable = "it is not on the class path (" + e.getClass().getSimpleName() + ")";
        }
        NATIVE = provider;
        UNAVAILABLE = unavailable;
    }

    private SignatureProvider() {
    }

    /** Whether signatures are AWS-LC's; if not, {@link #unavailable()} says why. */
    static boolean isNative() {
        return NATIVE != null;
    }

    /** Why the JDK's provider signs instead, or null when AWS-LC does. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /**
     * Builds with the native provider first in the JVM's provider list and restores the list afterwards; a
     * list that already held it (the operator's java.security) is left as it was.
     */
    static synchronized <T> T preferredDuring(Supplier<T> build) {
        if (NATIVE == null || Security.getProvider(NATIVE.getName()) != null) {
            return build.get();
        }
        Security.insertProviderAt(NATIVE, 1);
        try {
            return build.get();
        } finally {
            Security.removeProvider(NATIVE.getName());
        }
    }
}
