package dev.tlsrpt.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalHttpsReceiverTest {

    @ParameterizedTest
    @EnumSource(LocalHttpsReceiver.Key.class)
    void presentsALeafOfItsKindWithTheAuthorityThatIssuedIt_andTheClientTrustsTheAuthority(LocalHttpsReceiver.Key key)
            throws Exception {
        try (LocalHttpsReceiver receiver = LocalHttpsReceiver.start(key, "reports.example");
             SSLSocket socket = (SSLSocket) receiver.clientSslContext().getSocketFactory()
                     .createSocket(InetAddress.getLoopbackAddress(), receiver.port())) {
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            assertThat(chain).hasSize(2);
            X509Certificate leaf = (X509Certificate) chain[0];
            X509Certificate authority = (X509Certificate) chain[1];
            assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo(key.algorithm());
            assertThat(leaf.getBasicConstraints()).as("the leaf is no authority").isEqualTo(-1);
            assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                    .containsExactly("127.0.0.1", "localhost", "reports.example");
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(authority.getSubjectX500Principal());
            leaf.verify(authority.getPublicKey());
            assertThat(authority.getBasicConstraints()).as("an authority").isGreaterThanOrEqualTo(0);
            assertThat(authority.getPublicKey().getAlgorithm()).isEqualTo(key.algorithm());
        }
    }
}
