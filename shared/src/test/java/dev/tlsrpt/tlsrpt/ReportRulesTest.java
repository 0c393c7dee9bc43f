package dev.tlsrpt.tlsrpt;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static dev.tlsrpt.testing.TlsrptFixtures.STS_EXAMPLE_COM;
import static dev.tlsrpt.testing.TlsrptFixtures.TLSA_MX1;
import static dev.tlsrpt.testing.TlsrptFixtures.detail;
import static dev.tlsrpt.testing.TlsrptFixtures.result;
import static dev.tlsrpt.testing.TlsrptFixtures.typicalDay;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportRulesTest {
    private final ReportRules planner = new ReportRules(false);

    private static TlsResult untriggered(TlsResult r) {
        return new TlsResult(r.day(), r.recipientDomain(), r.policy(), r.successCount(), r.failureCount(), r.details(), false);
    }

    @Test
    void destinations_shouldListRecipientDomainsFirstThenMxHostsWithDane() {
        // WHEN the typical day is planned
        List<Destination> destinations = planner.destinations(DAY, typicalDay());

        // THEN one destination per recipient domain, then one per MX host with tlsa results
        assertThat(destinations).extracting(d -> d.kind().tag() + ":" + d.domain()).containsExactly(
                "rcpt:example.com", "rcpt:example.org", "rcpt:xn--bcher-kva.example",
                "mx:mx1.example.net", "mx:mx2.example.net");
    }

    @Test
    void destination_shouldHoldOnlyItsOwnResults() {
        // GIVEN the typical day
        List<Destination> destinations = planner.destinations(DAY, typicalDay());

        // THEN the recipient domain holds its sts and its MX's tlsa policy; the MX host only its DANE results
        Destination exampleCom = destinations.get(0);
        assertThat(exampleCom.results()).extracting(r -> r.policy().type())
                .containsExactlyInAnyOrder(PolicyType.STS, PolicyType.TLSA);
        Destination mx1 = destinations.get(3);
        assertThat(mx1.results()).extracting(TlsResult::policy).containsExactly(TLSA_MX1);
        // and results of another day never get in
        TlsResult otherDay = new TlsResult(DAY.minusDays(1), "example.com", STS_EXAMPLE_COM, 1, 1, null, true);
        assertThat(new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", List.of(otherDay)).results()).isEmpty();
    }

    @Test
    void shouldReport_shouldRequireAFailureUnlessReportAllSuccess() {
        // GIVEN a destination with only successes
        Destination ok = new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com",
                List.of(result("example.com", STS_EXAMPLE_COM, 10, 0)));

        // THEN no report by default, a report with ReportAllSuccess
        assertThat(planner.shouldReport(ok)).isFalse();
        assertThat(new ReportRules(true).shouldReport(ok)).isTrue();
    }

    @Test
    void shouldReport_shouldCountDetailsWithoutFailedSessionsAsFailure() {
        // GIVEN a success with a failure detail (STARTTLS not offered on an opportunistic delivery)
        Destination d = new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com",
                List.of(result("example.com", Policy.noPolicyFound("example.com"), 1, 0,
                        detail(ResultType.STARTTLS_NOT_SUPPORTED, "mx1.example.net", 1))));

        // THEN it is reported
        assertThat(planner.shouldReport(d)).isTrue();
    }

    @Test
    void shouldReport_shouldNeverReportOnResultsWithoutTrigger() {
        // GIVEN only a failed delivery of a TLS report (trigger false)
        TlsResult failedReport = untriggered(result("example.com", STS_EXAMPLE_COM, 0, 1,
                detail(ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", 1)));
        Destination d = new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", List.of(failedReport));

        // THEN no report, not even with ReportAllSuccess: it would loop
        assertThat(planner.shouldReport(d)).isFalse();
        assertThat(new ReportRules(true).shouldReport(d)).isFalse();

        // WHEN an ordinary delivery (trigger true) joins THEN the failure is reported with it
        Destination withTraffic = new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com",
                List.of(failedReport, result("example.com", STS_EXAMPLE_COM, 3, 0)));
        assertThat(planner.shouldReport(withTraffic)).isTrue();
    }

    @Test
    void dedupe_shouldDropRecipientDomainsAlreadySentToTheSameUris() {
        // GIVEN MX host mx1 serving example.com and example.org, both with DANE failures
        List<TlsResult> results = List.of(
                result("example.com", TLSA_MX1, 1, 1, detail(ResultType.TLSA_INVALID, "mx1.example.net", 1)),
                result("example.org", TLSA_MX1, 1, 1, detail(ResultType.TLSA_INVALID, "mx1.example.net", 1)));
        Destination mx1 = new Destination(DAY, DestinationKind.MX_HOST, "mx1.example.net", results);
        List<ReportUri> mxUris = List.of(ReportUri.parse("mailto:tls@example.net"), ReportUri.parse("https://r.example/p"));

        // WHEN example.com's own report went to the same URIs (other order, other case) and example.org's elsewhere
        var left = planner.dedupe(mx1, mxUris, Map.of(
                "example.com", List.of(ReportUri.parse("https://R.example/p"), ReportUri.parse("mailto:TLS@Example.NET")),
                "example.org", List.of(ReportUri.parse("mailto:tls@example.org"))));

        // THEN only example.org stays in the MX-host report
        assertThat(left).hasValueSatisfying(d -> assertThat(d.recipientDomains()).containsExactly("example.org"));
    }

    @Test
    void dedupe_shouldDropTheMxHostReportWhenNothingIsLeft() {
        // GIVEN an MX-host report whose only recipient domain was sent to the same URIs
        Destination mx1 = new Destination(DAY, DestinationKind.MX_HOST, "mx1.example.net",
                List.of(result("example.com", TLSA_MX1, 1, 1, detail(ResultType.TLSA_INVALID, "mx1.example.net", 1))));
        List<ReportUri> uris = List.of(ReportUri.parse("mailto:a@b.example"));

        // THEN no MX-host report; with another URI set, a report
        assertThat(planner.dedupe(mx1, uris, Map.of("example.com", uris))).isEmpty();
        assertThat(planner.dedupe(mx1, uris, Map.of("example.com", List.of(ReportUri.parse("mailto:c@b.example"))))).isPresent();
        assertThat(planner.dedupe(mx1, uris, Map.of())).isPresent();
    }

    @Test
    void isReportable_shouldNeverReportTheOpenDay() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T23:59:59Z"), ZoneOffset.UTC);
        assertThat(ReportRules.isReportable(DAY, clock)).isFalse();
        assertThat(ReportRules.isReportable(DAY.minusDays(1), clock)).isTrue();
    }
}
