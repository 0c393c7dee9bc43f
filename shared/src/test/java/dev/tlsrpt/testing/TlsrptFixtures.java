package dev.tlsrpt.testing;

import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Shared inputs of the RFC 8460 core tests: settings, a fixed clock, the test DKIM key, a typical day. */
public final class TlsrptFixtures {
    public static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T01:15:00Z"), ZoneOffset.UTC);
    public static final ReportSettings SETTINGS = ReportSettings.of(
            "Example Sender Org", "sender.example", "tlsrpt@sender.example", "tlsrpt-noreply@sender.example");
    public static final String SELECTOR = "tlsrpt-test";

    public static final Policy STS_EXAMPLE_COM = new Policy(PolicyType.STS,
            List.of("version: STSv1", "mode: enforce", "mx: mx1.example.net", "max_age: 604800"),
            "example.com", List.of("mx1.example.net"));
    public static final Policy TLSA_MX1 = new Policy(PolicyType.TLSA,
            List.of("3 1 1 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9"),
            "mx1.example.net", null);
    public static final Policy TLSA_MX2 = new Policy(PolicyType.TLSA,
            List.of("3 1 1 F9E8D7C6B5A4938271605F4E3D2C1B0AF9E8D7C6B5A4938271605F4E3D2C1B0A",
                    "2 1 1 1111111111111111111111111111111111111111111111111111111111111111"),
            "mx2.example.net", null);

    private TlsrptFixtures() {
    }

    public static FailureDetail detail(ResultType type, String mx, long count) {
        return FailureDetail.builder(type).sendingMtaIp("192.0.2.10").receivingMxHostname(mx).receivingIp("198.51.100.25")
                .failedSessionCount(count).build();
    }

    public static TlsResult result(String recipientDomain, Policy policy, long ok, long failed, FailureDetail... details) {
        return new TlsResult(DAY, recipientDomain, policy, ok, failed, List.of(details), true);
    }

    /** A typical day: example.com (sts + its MX's DANE), example.org (MX with broken DANE), an IDN domain. */
    public static List<TlsResult> typicalDay() {
        return List.of(
                result("example.com", STS_EXAMPLE_COM, 120, 2, detail(ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", 2)),
                result("example.com", TLSA_MX1, 120, 0),
                result("example.org", Policy.noPolicyFound("example.org"), 40, 0),
                result("example.org", TLSA_MX2, 37, 3, detail(ResultType.TLSA_INVALID, "mx2.example.net", 3)),
                result("bücher.example", Policy.noPolicyFound("bücher.example"), 5, 1,
                        detail(ResultType.STARTTLS_NOT_SUPPORTED, "mx.bücher.example", 1)));
    }

    public static String resource(String name) {
        try (InputStream in = TlsrptFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DkimSigner signer() {
        return DkimSigner.fromPem(SETTINGS.submitterDomain(), SELECTOR, resource("/dkim/test-dkim-private.pem"));
    }

    public static ZoneFileTxtResolver zone() {
        return ZoneFileTxtResolver.fromString(resource("/dns/test.zone"));
    }

    /** The module directory (tests run with it as working directory under Maven). */
    public static Path moduleDir() {
        return Path.of(System.getProperty("user.dir"));
    }
}
