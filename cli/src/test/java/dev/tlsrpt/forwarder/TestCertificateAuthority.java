package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority for the test's SMTP servers: Exim trusts it, and its leaves fail in chosen ways. */
final class TestCertificateAuthority {
    private static final char[] PASSWORD = "test".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;

    TestCertificateAuthority() throws Exception {
        keys = rsa();
        X500Name name = new X500Name("CN=tlsrpt test CA");
        Instant now = Instant.now();
        certificate = sign(new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(86_400)),
                Date.from(now.plusSeconds(86_400)), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
    }

    /** Writes the authority's certificate as PEM, for Exim's tls_verify_certificates. */
    Path writeCertificate(Path file) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        Files.writeString(file, pem.toString());
        return file;
    }

    /** A server context presenting a leaf for {@code name} (an IP address or a DNS name), valid in [from, until]. */
    SSLContext serverContext(String commonName, GeneralName name, Instant from, Instant until) throws Exception {
        KeyPair leafKeys = rsa();
        X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(new X500Name("CN=tlsrpt test CA"), serial(),
                Date.from(from), Date.from(until), new X500Name("CN=" + commonName), leafKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", leafKeys.getPrivate(), PASSWORD, new X509Certificate[] {leaf, certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
