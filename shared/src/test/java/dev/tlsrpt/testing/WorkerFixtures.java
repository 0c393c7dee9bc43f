package dev.tlsrpt.testing;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportParts;
import dev.tlsrpt.tlsrpt.ReportRules;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import dev.tlsrpt.tlsrpt.TxtAnswer;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A mixed reporting day for the worker's tests, with the DNS that goes with it:
 * <ul>
 *   <li>{@code rcpt.example}: MTA-STS failures, delivered through the DANE host {@code mx.hosting.example};
 *       record with two mailto and one https URI;</li>
 *   <li>{@code other.example}: DANE failures at {@code mx.hosting.example}; record with one mailto URI;</li>
 *   <li>{@code quiet.example}: all success; {@code norecord.example}: failures, no record;
 *       {@code twice.example}: failures, two records; {@code flaky.example}: failures, SERVFAIL;</li>
 *   <li>{@code mx.hosting.example}: DANE host of rcpt.example and other.example, own record;
 *       {@code mx.rcpt.example}: DANE host of rcpt.example only, with the same URIs as rcpt.example.</li>
 * </ul>
 */
public final class WorkerFixtures {
    public static final String ZONE = """
            $TTL 300
            _smtp._tls.rcpt.example.        IN TXT "v=TLSRPTv1; rua=mailto:tls@rcpt.example,mailto:noc@rcpt.example,https://reports.rcpt.example/tlsrpt"
            _smtp._tls.other.example.       IN TXT "v=TLSRPTv1; rua=mailto:tls@other.example"
            _smtp._tls.quiet.example.       IN TXT "v=TLSRPTv1; rua=mailto:tls@quiet.example"
            _smtp._tls.twice.example.       IN TXT "v=TLSRPTv1; rua=mailto:a@twice.example"
            _smtp._tls.twice.example.       IN TXT "v=TLSRPTv1; rua=mailto:b@twice.example"
            _smtp._tls.flaky.example.       IN TXT "tlsrpt-test:servfail"
            _smtp._tls.mx.hosting.example.  IN TXT "v=TLSRPTv1; rua=mailto:dane@hosting.example,https://tlsrpt.hosting.example/v1"
            _smtp._tls.mx.rcpt.example.     IN TXT "v=TLSRPTv1; rua=https://reports.rcpt.example/tlsrpt,mailto:noc@rcpt.example,mailto:tls@rcpt.example"
            norecord.example.               IN A 192.0.2.1
            """;
    /** The same zone after flaky.example's DNS came back. */
    public static final String ZONE_RECOVERED = ZONE.replace("\"tlsrpt-test:servfail\"", "\"v=TLSRPTv1; rua=mailto:tls@flaky.example\"");

    public static final Policy STS_RCPT = new Policy(PolicyType.STS,
            List.of("version: STSv1", "mode: enforce", "mx: mx.hosting.example", "max_age: 86400"), "rcpt.example",
            List.of("mx.hosting.example"));
    public static final Policy TLSA_HOSTING = new Policy(PolicyType.TLSA,
            List.of("3 1 1 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9"), "mx.hosting.example", null);
    public static final Policy TLSA_MX_RCPT = new Policy(PolicyType.TLSA,
            List.of("3 1 1 F9E8D7C6B5A4938271605F4E3D2C1B0AF9E8D7C6B5A4938271605F4E3D2C1B0A"), "mx.rcpt.example", null);

    private WorkerFixtures() {
    }

    public static List<TlsResult> mixedDay() {
        return List.of(
                TlsrptFixtures.result("rcpt.example", STS_RCPT, 100, 4,
                        TlsrptFixtures.detail(ResultType.CERTIFICATE_EXPIRED, "mx.hosting.example", 4)),
                TlsrptFixtures.result("rcpt.example", TLSA_HOSTING, 90, 1,
                        TlsrptFixtures.detail(ResultType.TLSA_INVALID, "mx.hosting.example", 1)),
                TlsrptFixtures.result("rcpt.example", TLSA_MX_RCPT, 10, 2,
                        TlsrptFixtures.detail(ResultType.DANE_REQUIRED, "mx.rcpt.example", 2)),
                TlsrptFixtures.result("other.example", TLSA_HOSTING, 50, 5,
                        TlsrptFixtures.detail(ResultType.TLSA_INVALID, "mx.hosting.example", 5)),
                TlsrptFixtures.result("quiet.example", Policy.noPolicyFound("quiet.example"), 70, 0),
                TlsrptFixtures.result("norecord.example", Policy.noPolicyFound("norecord.example"), 3, 3,
                        TlsrptFixtures.detail(ResultType.STARTTLS_NOT_SUPPORTED, "mx.norecord.example", 3)),
                TlsrptFixtures.result("twice.example", Policy.noPolicyFound("twice.example"), 3, 1,
                        TlsrptFixtures.detail(ResultType.STARTTLS_NOT_SUPPORTED, "mx.twice.example", 1)),
                TlsrptFixtures.result("flaky.example", Policy.noPolicyFound("flaky.example"), 3, 1,
                        TlsrptFixtures.detail(ResultType.STARTTLS_NOT_SUPPORTED, "mx.flaky.example", 1)));
    }

    public static DestinationKey recipientDomain(String domain) {
        return new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, domain);
    }

    public static DestinationKey mxHost(String host) {
        return new DestinationKey(DAY, DestinationKind.MX_HOST, host);
    }

    /** What the sender hands a mailer or poster with {@code report}: its destination and part. */
    public static ReportContent contentOf(Report report) {
        return new ReportContent(ArchiveKeys.destinationOf(report.reportId()).orElseThrow(),
                ReportParts.partOf(report.reportId()));
    }

    /** The report content of a delivery whose adapter does not read it. */
    public static final ReportContent UNREAD_CONTENT =
            new ReportContent(recipientDomain("example.com"), 1);

    /** The day's jobs as the planner lists them: recipient domains first, then MX hosts. */
    public static List<DestinationKey> jobs(List<TlsResult> results) {
        return new ReportRules(false).destinations(DAY, results).stream()
                .map(d -> new DestinationKey(d.day(), d.kind(), d.domain())).toList();
    }

    /** Stored results that hand out the whole day: the destination keeps only what belongs to it. */
    public static StoredResults stored(List<TlsResult> results) {
        return new StoredResults() {
            @Override
            public List<DestinationKey> destinations(java.time.LocalDate day) {
                return jobs(results);
            }

            @Override
            public List<TlsResult> results(DestinationKey destination) {
                return results;
            }
        };
    }

    /** A resolver whose zone a test can swap, e.g. from SERVFAIL to an answer. */
    public static final class SwitchableResolver implements TxtResolver {
        private volatile ZoneFileTxtResolver zone;
        private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

        public SwitchableResolver(String zone) {
            use(zone);
        }

        public void use(String zoneText) {
            zone = ZoneFileTxtResolver.fromString(zoneText);
        }

        @Override
        public TxtAnswer lookupTxt(String name) {
            queries.add(name);
            return zone.lookupTxt(name);
        }

        /** Every name asked, in order. */
        public List<String> queries() {
            return List.copyOf(queries);
        }
    }

    /** A gzip report body as JSON. */
    public static JsonNode report(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return Json.MAPPER.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
