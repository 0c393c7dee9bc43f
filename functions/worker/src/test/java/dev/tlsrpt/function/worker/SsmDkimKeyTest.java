package dev.tlsrpt.function.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.testing.TlsrptFixtures;
import org.junit.jupiter.api.Test;

class SsmDkimKeyTest {

    @Test
    void fromPem_shouldBuildSignedMessagesFromAGoodKey() {
        MessageSigning.State signing = SsmDkimKey.fromPem(TlsrptFixtures.resource("/dkim/test-dkim-private.pem"), "/tlsrpt/dkim",
                TlsrptFixtures.SELECTOR, TlsrptFixtures.SETTINGS, TlsrptFixtures.CLOCK);

        assertThat(signing).isInstanceOf(MessageSigning.Ready.class);
    }

    @Test
    void fromPem_shouldSayWhyWithoutQuotingTheKey() {
        String broken = "-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----\n";

        MessageSigning.State signing = SsmDkimKey.fromPem(broken, "/tlsrpt/dkim", TlsrptFixtures.SELECTOR,
                TlsrptFixtures.SETTINGS, TlsrptFixtures.CLOCK);

        assertThat(signing).isInstanceOfSatisfying(MessageSigning.Unavailable.class, u -> assertThat(u.reason())
                .contains("/tlsrpt/dkim").doesNotContain("TOPSECRET"));
    }
}
