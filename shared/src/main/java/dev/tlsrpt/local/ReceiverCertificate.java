package dev.tlsrpt.local;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway certificates for the local HTTPS receiver, made in memory at start (no keytool, no files): an
 * authority of its own and a leaf it issued for 127.0.0.1, localhost and the host names a test resolves to
 * loopback. The server presents the leaf with the authority, as a public receiver presents its chain, and a
 * client trusts the authority alone: a handshake validates a certificate path, as it does against public roots.
 */
final class ReceiverCertificate {
    private static final char[] PASSWORD = "local".toCharArray();
    private static final X500Name AUTHORITY = new X500Name("CN=tlsrpt local receiver CA");

    private final KeyPair leafKeys;
    private final X509Certificate leaf;
    private final X509Certificate authority;

    ReceiverCertificate(LocalHttpsReceiver.Key key, List<String> hostNames) {
        try {
            KeyPair authorityKeys = generate(key);
            leafKeys = generate(key);
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofMinutes(5)));
            Date until = Date.from(now.plus(Duration.ofDays(1)));
            authority = sign(key, authorityKeys.getPrivate(), new JcaX509v3CertificateBuilder(AUTHORITY,
                    BigInteger.valueOf(now.toEpochMilli()), from, until, AUTHORITY, authorityKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)));
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            hostNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            leaf = sign(key, authorityKeys.getPrivate(), new JcaX509v3CertificateBuilder(AUTHORITY,
                    BigInteger.valueOf(now.toEpochMilli() + 1), from, until, new X500Name("CN=tlsrpt local receiver"),
                    leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new))));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the receiver's certificates", e);
        }
    }

    /** What the server presents: the leaf, then the authority that issued it. */
    SSLContext serverContext() throws GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("receiver", leafKeys.getPrivate(), PASSWORD, new X509Certificate[] {leaf, authority});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** A client context that trusts this receiver's authority and nothing else. */
    SSLContext trustingContext() throws GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("authority", authority);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static KeyPair generate(LocalHttpsReceiver.Key key) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(key.algorithm());
        generator.initialize(key.bits());
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(LocalHttpsReceiver.Key key, PrivateKey issuer, X509v3CertificateBuilder builder)
            throws OperatorCreationException, java.security.cert.CertificateException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(key.signature()).build(issuer)));
    }
}
