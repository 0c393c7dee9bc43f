package dev.tlsrpt.mail;

import dev.tlsrpt.tlsrpt.DomainNames;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Objects;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * DKIM-signs report messages (RFC 6376; RFC 8460 section 5.3.1) with utils-mail-dkim:
 * rsa-sha256, relaxed/relaxed, {@code d=} the submitter domain, no {@code l=}, and the report headers
 * signed. The key is parsed once; signing is serialised because the library's signer keeps state. The RSA
 * signature is AWS-LC's where it loads ({@link #signatureProvider()}).
 */
public final class DkimSigner {
    /** Signed besides the library's defaults (From, To, Subject, Date, Message-ID, MIME-Version, Content-Type, ...). */
    public static final List<String> REPORT_HEADERS =
            List.of("TLS-Report-Domain", "TLS-Report-Submitter", "TLS-Required", "Auto-Submitted");

    private final String domain;
    private final String selector;
    private final org.simplejavamail.utils.mail.dkim.DkimSigner signer;

    /**
     * @param domain    the d= domain: the submitter domain
     * @param selector  the selector whose key record carries {@code s=tlsrpt}
     * @param key       an RSA key of at least 2048 bits
     */
    public DkimSigner(String domain, String selector, RSAPrivateKey key) {
        this.domain = DomainNames.toALabel(domain);
        this.selector = DomainNames.toALabel(Objects.requireNonNull(selector, "selector"));
        if (key.getModulus().bitLength() < DkimKeys.MIN_RSA_BITS) {
            throw new IllegalArgumentException("DKIM RSA key must have at least " + DkimKeys.MIN_RSA_BITS + " bits");
        }
        // The library takes its Signature (and the body hash's digest) here, once.
        signer = SignatureProvider.preferredDuring(() -> {
            var built = new org.simplejavamail.utils.mail.dkim.DkimSigner(this.domain, this.selector, key);
            built.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            return built;
        });
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setLengthParam(false); // no l=: the whole body is signed
        signer.setCopyHeaderFields(false);
        signer.setCheckDomainKey(false); // no DNS lookup while signing; the key record is checked by operators
        REPORT_HEADERS.forEach(signer::addHeaderToSign);
    }

    /** From a PKCS#8 PEM string. */
    public static DkimSigner fromPem(String domain, String selector, String pem) {
        return new DkimSigner(domain, selector, DkimKeys.rsaPrivateKeyFromPem(pem));
    }

    /**
     * Who computes the RSA signatures, for the worker's start-up log: AWS-LC, or the JDK's provider and why
     * AWS-LC is not used (about four times the CPU per report's signature).
     */
    public static String signatureProvider() {
        return SignatureProvider.isNative() ? "AWS-LC (Amazon Corretto Crypto Provider)"
                : "the JDK's provider: AWS-LC is not used, " + SignatureProvider.unavailable();
    }

    /** Whether the RSA signatures are AWS-LC's. */
    public static boolean nativeSignatures() {
        return SignatureProvider.isNative();
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    /** The message as signed RFC 5322 bytes, DKIM-Signature first. The message's Date is the t= time. */
    public synchronized byte[] sign(MimeMessage message) {
        try {
            DkimMessage signed = new DkimMessage(message, signer);
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            signed.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
