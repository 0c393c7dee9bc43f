package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exim's event lines. The fixture holds what Exim 4.96 (Debian, GnuTLS) wrote through
 * forwarder/exim/tlsrpt-exim.conf when it delivered to four loopback servers: one without STARTTLS, one
 * whose certificate names another host, one with an expired certificate, and one that is fine.
 */
class EximEventsTest {
    private static final Instant RECEIVED = Instant.ofEpochSecond(1796240846L + 60);

    private static List<String> fixture() throws IOException {
        try (InputStream in = EximEventsTest.class.getResourceAsStream("/exim/exim-4.96-events.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<TlsResult> parse(String body) throws InvalidBatchException {
        return EximEvents.parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED).results();
    }

    private static TlsResult one(String line) throws InvalidBatchException {
        List<TlsResult> results = parse(line);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void noStarttls_shouldBeOneFailedSessionStarttlsNotSupported() throws Exception {
        TlsResult result = one(fixture().get(0));

        assertThat(result.recipientDomain()).isEqualTo("nostarttls.test");
        assertThat(result.policy().type()).isEqualTo(PolicyType.NO_POLICY_FOUND);
        assertThat(result.policy().domain()).isEqualTo("nostarttls.test");
        assertThat(result.successCount()).isZero();
        assertThat(result.failureCount()).isEqualTo(1);
        FailureDetail detail = result.details().get(0);
        assertThat(detail.resultType()).isEqualTo(ResultType.STARTTLS_NOT_SUPPORTED);
        assertThat(detail.receivingIp()).isEqualTo("127.0.0.1");
        assertThat(detail.sendingMtaIp()).isEqualTo("127.0.0.1");
        assertThat(detail.receivingMxHostname()).isNull(); // the MX host was an IP address
        assertThat(detail.failureReasonCode()).isEqualTo("a TLS session is required, but the server did not offer TLS support");
    }

    @Test
    void certificateForAnotherHost_shouldBeCertificateHostMismatch() throws Exception {
        TlsResult result = one(fixture().get(1));

        assertThat(result.recipientDomain()).isEqualTo("mismatch.test");
        assertThat(result.details()).singleElement()
                .satisfies(d -> assertThat(d.resultType()).isEqualTo(ResultType.CERTIFICATE_HOST_MISMATCH));
    }

    @Test
    void expiredCertificate_shouldBeCertificateExpired() throws Exception {
        TlsResult result = one(fixture().get(2));

        assertThat(result.recipientDomain()).isEqualTo("expired.test");
        assertThat(result.details()).singleElement()
                .satisfies(d -> assertThat(d.resultType()).isEqualTo(ResultType.CERTIFICATE_EXPIRED));
    }

    @Test
    void negotiatedSession_shouldBeOneSuccessfulSession() throws Exception {
        TlsResult result = one(fixture().get(3));

        assertThat(result.recipientDomain()).isEqualTo("good.test");
        assertThat(result.successCount()).isEqualTo(1);
        assertThat(result.failureCount()).isZero();
        assertThat(result.details()).isEmpty();
        assertThat(result.day()).hasToString("2026-12-02");
    }

    @Test
    void resultType_shouldDecideFromTheCertificate() {
        long now = 1_000_000;
        assertThat(EximEvents.resultType(-37, now, now + 10, now - 10, "mx.example.com",
                List.of("mx.example.org"), "", "TLS session: (certificate verification failed)", false))
                .isEqualTo("certificate-host-mismatch");
        assertThat(EximEvents.resultType(-37, now, now + 10, now - 10, "mx1.example.com",
                List.of("*.example.com"), "", "TLS session: (certificate verification failed): certificate invalid", false))
                .isEqualTo("certificate-not-trusted");
        assertThat(EximEvents.resultType(-37, now, now - 1, now - 10, "mx1.example.com",
                List.of("mx1.example.com"), "", "", false)).isEqualTo("certificate-expired");
        assertThat(EximEvents.resultType(-37, now, now + 10, now - 10, "mx1.example.com",
                List.of("mx1.example.com"), "", "", true)).isEqualTo("validation-failure");
        assertThat(EximEvents.resultType(-18, now, Long.MIN_VALUE, Long.MIN_VALUE, "mx1.example.com",
                List.of(), "", "Connection refused", false)).isNull();
        assertThat(EximEvents.matches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(EximEvents.matches("*.Example.com", "MX.example.COM")).isTrue();
    }

    @Test
    void daneSession_shouldBeTheMxHostsTlsaPolicyWithItsRecords() throws Exception {
        String line = fixture().get(3)
                .replace("\"dane\":\"" + b64("no") + "\"", "\"dane\":\"" + b64("yes") + "\"")
                .replace("\"host\":\"" + b64("127.0.0.4") + "\"", "\"host\":\"" + b64("mx.good.test") + "\"")
                .replace("\"tlsa\":\"\"", "\"tlsa\":\"" + b64("3 1 1 aabbcc;2 0 1 ddeeff") + "\"");

        TlsResult result = one(line);

        assertThat(result.policy().type()).isEqualTo(PolicyType.TLSA);
        assertThat(result.policy().domain()).isEqualTo("mx.good.test");
        assertThat(result.policy().strings()).containsExactlyInAnyOrder("3 1 1 aabbcc", "2 0 1 ddeeff");
        assertThat(result.recipientDomain()).isEqualTo("good.test");
    }

    @Test
    void badLines_shouldBeRefusedNamingTheField() throws Exception {
        String good = fixture().get(3);
        assertRefused(good.replace("\"v\":1", "\"v\":2"), "events[0].v");
        assertRefused(good.replace("\"domain\":\"" + b64("good.test") + "\"", "\"domain\":\"%%%\""), "events[0].domain");
        assertRefused(good.replace("\"domain\":\"" + b64("good.test") + "\"", "\"domain\":\"" + b64("bad domain") + "\""),
                "events[0].domain");
        assertRefused(good.replace("smtp:ehlo", "tcp:close"), "events[0].event");
        assertRefused(fixture().get(0).replace("\"errno\":-38", "\"errno\":-18"), "events[0].errno");
        assertRefused(good + "\n{", "$");
    }

    @Test
    void wholeFixture_shouldGiveOneResultPerLine() throws Exception {
        assertThat(parse(String.join("\n", fixture()))).hasSize(4);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String body, String path) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidBatchException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::path).contains(path));
    }
}
