package dev.tlsrpt.cli;

import static dev.tlsrpt.testing.WorkerFixtures.UNREAD_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.local.LocalHttpsReceiver;
import dev.tlsrpt.send.ReportPoster.PostResult;
import dev.tlsrpt.send.https.HttpsReportPoster;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The local run's HTTPS poster against a receiver on loopback: the receiver alone may be reached there. */
class LocalReportingRunIT {
    private static final byte[] REPORT = {0x1f, (byte) 0x8b, 0, 0};

    @Test
    void posterFor_shouldReachTheReceiver_andRefuseEveryOtherLoopbackTarget() throws Exception {
        // GIVEN the local run's receiver, whose certificate also names localhost, and the local run's poster
        try (LocalHttpsReceiver receiver = LocalHttpsReceiver.start(LocalReportingRun.RECEIVER_HOST, "localhost");
             HttpsReportPoster poster = LocalReportingRun.posterFor(receiver, LocalReportingRun.RECEIVER_HOST)) {
            int port = receiver.port();

            // WHEN a zone entry points an https rua at loopback by another name, a literal or another port
            PostResult byName = poster.post(receiver.uri("localhost", "/tlsrpt"), REPORT, UNREAD_CONTENT);
            PostResult byLiteral = poster.post(URI.create("https://127.0.0.1:" + port + "/tlsrpt"), REPORT, UNREAD_CONTENT);
            PostResult byIpv6 = poster.post(URI.create("https://[::1]:" + port + "/tlsrpt"), REPORT, UNREAD_CONTENT);
            PostResult otherPort = poster.post(URI.create("https://" + LocalReportingRun.RECEIVER_HOST + ":"
                    + (port == 65_535 ? port - 1 : port + 1) + "/tlsrpt"), REPORT, UNREAD_CONTENT);

            // THEN each is refused before any request, as the worker would refuse it
            assertThat(byName).isInstanceOfSatisfying(PostResult.PermanentFailure.class,
                    refused -> assertThat(refused.reason()).contains("loopback"));
            assertThat(byLiteral).isInstanceOf(PostResult.PermanentFailure.class);
            assertThat(byIpv6).isInstanceOf(PostResult.PermanentFailure.class);
            assertThat(otherPort).isInstanceOf(PostResult.PermanentFailure.class);
            assertThat(receiver.received()).isEmpty();

            // AND the receiver's own host and port is delivered to (the control)
            assertThat(poster.post(receiver.uri(LocalReportingRun.RECEIVER_HOST, "/tlsrpt"), REPORT, UNREAD_CONTENT))
                    .isInstanceOf(PostResult.Delivered.class);
            assertThat(receiver.received()).hasSize(1);
        }
    }
}
