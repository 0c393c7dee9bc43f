package dev.tlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.testing.TlsrptFixtures;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeysTest {

    @Test
    void rsaPrivateKeyFromPem_shouldReadPkcs8AndDeriveThePublishedRecord() {
        // GIVEN the test key WHEN read
        var key = DkimKeys.rsaPrivateKeyFromPem(TlsrptFixtures.resource("/dkim/test-dkim-private.pem"));

        // THEN a 2048-bit key whose public record is the one in the test zone, with s=tlsrpt
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        String record = DkimKeys.publicKeyRecord(key);
        assertThat(record).startsWith("v=DKIM1; k=rsa; s=tlsrpt; p=");
        String zone = TlsrptFixtures.resource("/dns/test.zone").replaceAll("\"\\s*\"", "");
        assertThat(zone).contains(record);
    }

    @Test
    void rsaPrivateKeyFromPem_shouldRefuseSmallKeysAndGarbageWithoutEchoingThem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String small = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> DkimKeys.rsaPrivateKeyFromPem(small)).hasMessageContaining("2048");
        assertThatThrownBy(() -> DkimKeys.rsaPrivateKeyFromPem("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----"))
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> DkimKeys.rsaPrivateKeyFromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("PKCS#8");
    }
}
