package dev.tlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.TlsrptFixtures;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/** The DKIM signer's RSA signatures by AWS-LC: loaded here, the same bytes as the JDK's, and nothing else moved. */
class DkimSignerProviderTest {
    private static final RSAPrivateKey KEY = DkimKeys.rsaPrivateKeyFromPem(TlsrptFixtures.resource("/dkim/test-dkim-private.pem"));

    @Test
    void signatures_shouldBeAwsLcsOnLinux() {
        // A build whose jar lost the native library (or carries another platform's) signs at four times the CPU.
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").matches("amd64|x86_64|aarch64")) {
            assertThat(DkimSigner.nativeSignatures()).as(DkimSigner.signatureProvider()).isTrue();
            assertThat(DkimSigner.signatureProvider()).startsWith("AWS-LC");
        }
    }

    @Test
    void preferredDuring_shouldHandOutAwsLcsSignatureThenTheJdksAgain() throws Exception {
        String during = SignatureProvider.preferredDuring(() -> {
            try {
                return Signature.getInstance("SHA256withRSA").getProvider().getName();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(during).isEqualTo(SignatureProvider.isNative() ? "AmazonCorrettoCryptoProvider" : "SunRsaSign");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo("SunRsaSign");
    }

    @Test
    void sign_shouldGiveTheSameSignatureAsTheJdksProvider() throws Exception {
        // GIVEN one message, signed by the service's signer and by the library's own with the JDK's provider
        byte[] ours = new DkimSigner("sender.example", "tlsrpt", KEY).sign(message());
        var jdkSigner = new org.simplejavamail.utils.mail.dkim.DkimSigner("sender.example", "tlsrpt", KEY);
        jdkSigner.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        jdkSigner.setHeaderCanonicalization(Canonicalization.RELAXED);
        jdkSigner.setBodyCanonicalization(Canonicalization.RELAXED);
        jdkSigner.setLengthParam(false);
        jdkSigner.setCopyHeaderFields(false);
        jdkSigner.setCheckDomainKey(false);
        DkimSigner.REPORT_HEADERS.forEach(jdkSigner::addHeaderToSign);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        new DkimMessage(message(), jdkSigner).writeTo(theirs);

        // THEN RSA PKCS#1 v1.5 being deterministic, the whole signed message is the same, b= included
        String signed = new String(ours, StandardCharsets.US_ASCII);
        assertThat(signed).startsWith("DKIM-Signature:").contains("b=");
        assertThat(signed).isEqualTo(theirs.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void building_shouldLeaveTheJvmsProvidersAsTheyWere() throws Exception {
        List<Provider> before = Arrays.asList(Security.getProviders());

        new DkimSigner("sender.example", "tlsrpt", KEY);

        assertThat(Arrays.asList(Security.getProviders())).isEqualTo(before);
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo("SunRsaSign");
    }

    private static MimeMessage message() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("tlsrpt@sender.example"));
        message.setRecipients(MimeMessage.RecipientType.TO, "tls@receiver.example");
        message.setSubject("Report Domain: receiver.example Submitter: sender.example Report-ID: <1@sender.example>");
        message.setSentDate(new Date(1_764_288_000_000L));
        message.setHeader("TLS-Report-Domain", "receiver.example");
        message.setHeader("TLS-Report-Submitter", "sender.example");
        message.setText("A TLS report.\r\n", "US-ASCII");
        message.saveChanges();
        message.setHeader("Message-ID", "<1@sender.example>");
        return message;
    }
}
