package dev.tlsrpt.send.https;

import static dev.tlsrpt.testing.WorkerFixtures.UNREAD_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.local.LocalHttpsReceiver;
import dev.tlsrpt.local.LocalHttpsReceiver.Answer;
import dev.tlsrpt.local.MisbehavingHttpsReceiver;
import dev.tlsrpt.send.ReportPoster.PostResult;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The poster against a real HTTPS server on loopback (LocalHttpsReceiver); names resolve through a table. */
class HttpsReportPosterIT {
    private static final byte[] REPORT = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4};
    private static final HttpsReportPoster.Timeouts SHORT =
            new HttpsReportPoster.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(5));

    /** Test DNS: what each name "resolves" to; counts lookups. */
    private static final Map<String, String> ZONE = Map.of(
            "reports.example", "127.0.0.1",
            "metadata.example", "169.254.169.254",
            "ipv6-loopback.example", "::1",
            "internal.example", "10.0.0.1");
    private final AtomicInteger lookups = new AtomicInteger();
    private final HostResolver table = host -> {
        lookups.incrementAndGet();
        String address = ZONE.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    };

    private LocalHttpsReceiver receiver;
    private HttpsReportPoster local;
    private HttpsReportPoster production;

    @BeforeEach
    void start() {
        receiver = LocalHttpsReceiver.start("reports.example", "metadata.example", "ipv6-loopback.example", "internal.example");
        local = new HttpsReportPoster(table, AddressPolicy.publicInternetAndLocalReceiver("reports.example", receiver.port()),
                receiver.clientSslContext(), SHORT);
        // Production's policy, but the receiver's certificate and the test table: only the policy differs.
        production = new HttpsReportPoster(table, AddressPolicy.publicInternetOnly(), receiver.clientSslContext(), SHORT);
    }

    @AfterEach
    void stop() throws Exception {
        local.close();
        production.close();
        receiver.close();
    }

    private URI reportUri() {
        return receiver.uri("reports.example", "/tlsrpt");
    }

    @Test
    void post_shouldSendTheGzipReportWithTheRfcMediaType() {
        // GIVEN a receiver that answers 200
        receiver.answer(200);

        // WHEN a report is posted
        PostResult result = local.post(reportUri(), REPORT, UNREAD_CONTENT);

        // THEN it is delivered, as one POST with the RFC 8460 section 5.4 media type and the bytes as given
        assertThat(result).isEqualTo(new PostResult.Delivered(200));
        assertThat(receiver.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/tlsrpt");
            assertThat(request.header("Content-Type")).isEqualTo("application/tlsrpt+gzip");
            assertThat(request.body()).isEqualTo(REPORT);
        });
        assertThat(lookups).hasValue(1);
    }

    @Test
    void post_shouldTreatAny2xxAsDelivered() {
        receiver.answer(204);
        assertThat(local.post(reportUri(), REPORT, UNREAD_CONTENT)).isEqualTo(new PostResult.Delivered(204));
    }

    @Test
    void serverError_shouldBeTransient_andTheRetryShouldSucceed() {
        // GIVEN a receiver that fails once with 503, then accepts
        receiver.answer(503, 200);

        // WHEN posted twice THEN first a transient failure, then delivered
        assertThat(local.post(reportUri(), REPORT, UNREAD_CONTENT)).isEqualTo(new PostResult.TransientFailure("HTTP 503"));
        assertThat(local.post(reportUri(), REPORT, UNREAD_CONTENT)).isEqualTo(new PostResult.Delivered(200));
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void clientError_shouldBePermanent() {
        receiver.answer(404);
        assertThat(local.post(reportUri(), REPORT, UNREAD_CONTENT)).isEqualTo(new PostResult.PermanentFailure("HTTP 404"));
    }

    @Test
    void tooManyRequests_shouldBeTransient() {
        receiver.answer(429);
        assertThat(local.post(reportUri(), REPORT, UNREAD_CONTENT)).isInstanceOf(PostResult.TransientFailure.class);
    }

    @Test
    void redirect_shouldBePermanent_andNeverFollowed() {
        // GIVEN a receiver that redirects to another path on itself
        receiver.answer(Answer.redirectTo(receiver.uri("reports.example", "/elsewhere")));

        // WHEN posted
        PostResult result = local.post(reportUri(), REPORT, UNREAD_CONTENT);

        // THEN a permanent failure saying so, and the Location was never requested
        assertThat(result).isInstanceOf(PostResult.PermanentFailure.class);
        assertThat(((PostResult.PermanentFailure) result).reason()).contains("302").contains("redirect not followed");
        assertThat(receiver.received()).extracting(LocalHttpsReceiver.ReceivedRequest::path).containsExactly("/tlsrpt");
    }

    @Test
    void slowServer_shouldBeTransientTimeout() {
        // GIVEN a receiver that answers only after 5 s, longer than the poster waits
        receiver.answer(Answer.slow(Duration.ofSeconds(5)));

        // WHEN posted
        long start = System.nanoTime();
        PostResult result = local.post(reportUri(), REPORT, UNREAD_CONTENT);

        // THEN a transient timeout, well before the server would have answered
        assertThat(result).isInstanceOf(PostResult.TransientFailure.class);
        assertThat(((PostResult.TransientFailure) result).reason()).contains("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reports.example", "metadata.example", "ipv6-loopback.example", "internal.example",
            "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]"})
    void nonPublicAddresses_shouldBeRefusedWithoutAnyRequest(String host) {
        // GIVEN a URI whose host is, or resolves to, a non-public address (loopback, metadata, private)
        URI uri = receiver.uri(host, "/tlsrpt");

        // WHEN posted under the production policy
        PostResult result = production.post(uri, REPORT, UNREAD_CONTENT);

        // THEN a permanent failure that says why, and the receiver saw nothing
        assertThat(result).isInstanceOf(PostResult.PermanentFailure.class);
        assertThat(((PostResult.PermanentFailure) result).reason()).startsWith("refused ").contains(" is ");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void localhostThroughTheSystemResolver_shouldBeRefused() throws Exception {
        // GIVEN production exactly as forPublicInternet() builds it, but trusting the receiver
        try (var poster = new HttpsReportPoster(HostResolver.SYSTEM, AddressPolicy.publicInternetOnly(),
                receiver.clientSslContext(), SHORT)) {
            // WHEN posting to https://localhost:<port>/ THEN refused (loopback), and nothing reached the receiver
            PostResult result = poster.post(receiver.uri("localhost", "/tlsrpt"), REPORT, UNREAD_CONTENT);
            assertThat(result).isInstanceOf(PostResult.PermanentFailure.class);
            assertThat(((PostResult.PermanentFailure) result).reason()).contains("loopback");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void loopbackName_shouldReachTheReceiver_underTheLocalPolicy() {
        // The control for the test above: the same URI, with loopback allowed, is delivered.
        assertThat(local.post(reportUri(), REPORT, UNREAD_CONTENT)).isEqualTo(new PostResult.Delivered(200));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void plainHttp_shouldBeRefusedWithoutAnyRequest() {
        // GIVEN an http: URI to the receiver's port WHEN posted THEN refused before any lookup or request
        URI uri = URI.create("http://reports.example:" + receiver.port() + "/tlsrpt");
        PostResult result = local.post(uri, REPORT, UNREAD_CONTENT);

        assertThat(result).isInstanceOf(PostResult.PermanentFailure.class);
        assertThat(((PostResult.PermanentFailure) result).reason()).contains("https");
        assertThat(lookups).hasValue(0);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void unresolvableHost_shouldBeTransient() {
        PostResult result = local.post(URI.create("https://nowhere.example/tlsrpt"), REPORT, UNREAD_CONTENT);
        assertThat(result).isEqualTo(new PostResult.TransientFailure("cannot resolve nowhere.example"));
    }

    @Test
    void untrustedCertificate_shouldBeTransient_andSendNoReport() {
        // GIVEN a poster that trusts another receiver's certificate, not this one's
        try (var other = LocalHttpsReceiver.start("reports.example");
             var strict = new HttpsReportPoster(table,
                     AddressPolicy.publicInternetAndLocalReceiver("reports.example", receiver.port()), other.clientSslContext(), SHORT)) {
            // WHEN posted THEN the TLS handshake fails (retried later) and no request was read
            assertThat(strict.post(reportUri(), REPORT, UNREAD_CONTENT)).isInstanceOf(PostResult.TransientFailure.class);
            assertThat(receiver.received()).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void receiverTricklingItsAnswer_shouldBeCutOffAtTheDeadline() throws Exception {
        // GIVEN a receiver that sends its status line and headers one byte every 200 ms (30 s in all), each byte
        // well within the read timeout, and a poster whose whole POST may take 1.5 s
        var timeouts = new HttpsReportPoster.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1500));
        try (var slow = MisbehavingHttpsReceiver.trickling("reports.example", Duration.ofMillis(200), 150);
             var poster = new HttpsReportPoster(table, AddressPolicy.publicInternetAndLocalReceiver("reports.example", slow.port()),
                     slow.clientSslContext(), timeouts)) {
            // WHEN posted
            long start = System.nanoTime();
            PostResult result = poster.post(slow.uri("reports.example", "/tlsrpt"), REPORT, UNREAD_CONTENT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // THEN a transient timeout at the deadline, not when the receiver is done; the connection was dropped
            assertThat(result).isInstanceOfSatisfying(PostResult.TransientFailure.class,
                    failure -> assertThat(failure.reason()).contains("no answer within 1500 ms"));
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(slow.awaitFinished(Duration.ofSeconds(10))).isTrue();
            assertThat(slow.bytesSent()).isLessThan(150);
        }
    }

    @Test
    void receiverFloodingHeaders_shouldBeRefusedAtTheHeaderLimit() throws Exception {
        // GIVEN a receiver that answers 200 with 200,000 header lines (22 MB)
        try (var flood = MisbehavingHttpsReceiver.flooding("reports.example", 200_000);
             var poster = new HttpsReportPoster(table, AddressPolicy.publicInternetAndLocalReceiver("reports.example", flood.port()),
                     flood.clientSslContext(), SHORT)) {
            // WHEN posted
            PostResult result = poster.post(flood.uri("reports.example", "/tlsrpt"), REPORT, UNREAD_CONTENT);

            // THEN not delivered: the answer is refused past the header limit, and the connection dropped early
            assertThat(result).isInstanceOfSatisfying(PostResult.TransientFailure.class,
                    failure -> assertThat(failure.reason()).contains("answer too large"));
            assertThat(flood.awaitFinished(Duration.ofSeconds(10))).isTrue();
            assertThat(flood.bytesSent()).isLessThan(200_000L * 111);
        }
    }

    @Test
    void receiverSendingAnEndlessHeaderLine_shouldBeRefusedAtTheLineLimit() throws Exception {
        // GIVEN a receiver whose one header line is 150,000 bytes long (sent a byte at a time, no pause)
        try (var flood = MisbehavingHttpsReceiver.trickling("reports.example", Duration.ZERO, 150_000);
             var poster = new HttpsReportPoster(table, AddressPolicy.publicInternetAndLocalReceiver("reports.example", flood.port()),
                     flood.clientSslContext(), SHORT)) {
            // WHEN posted THEN refused at the line limit
            assertThat(poster.post(flood.uri("reports.example", "/tlsrpt"), REPORT, UNREAD_CONTENT))
                    .isInstanceOfSatisfying(PostResult.TransientFailure.class,
                            failure -> assertThat(failure.reason()).contains("answer too large"));
        }
    }

    @Test
    @Timeout(20)
    void lookupThatNeverAnswers_shouldBeTransient_withinTheConnectTimeout() throws Exception {
        // GIVEN a resolver that hangs until released, and a poster allowing 300 ms to look up and connect
        CountDownLatch release = new CountDownLatch(1);
        HostResolver hanging = host -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        var timeouts = new HttpsReportPoster.Timeouts(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(30));
        try (var poster = new HttpsReportPoster(hanging, AddressPolicy.publicInternetOnly(), receiver.clientSslContext(), timeouts)) {
            // WHEN posted THEN the lookup is given up on: transient, and nothing reached the receiver
            assertThat(poster.post(URI.create("https://hanging.example/tlsrpt"), REPORT, UNREAD_CONTENT))
                    .isEqualTo(new PostResult.TransientFailure("cannot resolve hanging.example"));
            assertThat(receiver.received()).isEmpty();
        } finally {
            release.countDown();
        }
    }

    @Test
    void portOutOfRange_shouldBePermanent_notAnException() {
        assertThat(local.post(URI.create("https://reports.example:65536/tlsrpt"), REPORT, UNREAD_CONTENT))
                .isEqualTo(new PostResult.PermanentFailure("port out of range: 65536"));
        assertThat(receiver.received()).isEmpty();
    }
}
