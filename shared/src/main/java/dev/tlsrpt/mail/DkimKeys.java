package dev.tlsrpt.mail;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** Reads DKIM signing keys. Error messages never include key material. */
public final class DkimKeys {
    /** RFC 8301 section 3.2: signers use RSA keys of at least 1024 bits; we require 2048. */
    public static final int MIN_RSA_BITS = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private DkimKeys() {
    }

    /**
     * An RSA private key from an unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as kept in SSM
     * Parameter Store or Secrets Manager. Convert a PKCS#1 key with
     * {@code openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem}.
     */
    public static RSAPrivateKey rsaPrivateKeyFromPem(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("DKIM key is missing");
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("DKIM key must be an unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DKIM key PEM is not valid base64");
        }
        RSAPrivateKey key;
        try {
            key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException | ClassCastException e) {
            throw new IllegalArgumentException("DKIM key is not an RSA private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("DKIM RSA key must have at least " + MIN_RSA_BITS + " bits");
        }
        return key;
    }

    /**
     * The DKIM key record to publish at {@code <selector>._domainkey.<domain>} (RFC 6376 section 3.6.1),
     * with {@code s=tlsrpt} (RFC 8460 section 5.3.1) so that the key only signs TLS reports.
     */
    public static String publicKeyRecord(RSAPrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the public key cannot be derived from this RSA key");
        }
        try {
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return "v=DKIM1; k=rsa; s=tlsrpt; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
