package dev.tlsrpt.tlsrpt;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static dev.tlsrpt.testing.TlsrptFixtures.SETTINGS;
import static dev.tlsrpt.testing.TlsrptFixtures.TLSA_MX1;
import static dev.tlsrpt.testing.TlsrptFixtures.detail;
import static dev.tlsrpt.testing.TlsrptFixtures.result;
import static dev.tlsrpt.testing.TlsrptFixtures.typicalDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    private final ReportBuilder builder = new ReportBuilder(SETTINGS);
    private final ReportRules planner = new ReportRules(SETTINGS);

    @Test
    void build_shouldTakeIdRangeAndFilenameFromTheDayOfTheData() {
        // GIVEN the recipient-domain destination of example.com on 2026-11-28
        Destination d = planner.destinations(DAY, typicalDay()).get(0);

        // WHEN built (whatever the day of the run)
        Report report = builder.build(d);

        // THEN
        assertThat(report.reportId()).isEqualTo("20261128.rcpt.example.com@sender.example");
        assertThat(report.dateRange()).isEqualTo(DateRange.ofDay(DAY));
        assertThat(report.organizationName()).isEqualTo("Example Sender Org");
        assertThat(report.contactInfo()).isEqualTo("tlsrpt@sender.example");
        assertThat(builder.filename(d)).isEqualTo("sender.example!example.com!1795824000!1795910399!rcpt.json.gz");
    }

    @Test
    void build_shouldKeepEachPolicyDomainInTheRecipientDomainReport() {
        // WHEN example.com's report is built
        Report report = builder.build(planner.destinations(DAY, typicalDay()).get(0));

        // THEN its own sts policy and its MX host's tlsa policy, each with its own policy-domain
        assertThat(report.policies()).extracting(r -> r.policy().type().wireName() + " " + r.policy().domain())
                .containsExactly("sts example.com", "tlsa mx1.example.net");
    }

    @Test
    void build_shouldWriteMxHostReportPerRecipientDomain() {
        // GIVEN MX host mx1 serving two recipient domains
        Destination mx1 = new Destination(DAY, DestinationKind.MX_HOST, "mx1.example.net", List.of(
                result("example.com", TLSA_MX1, 4, 1, detail(ResultType.TLSA_INVALID, "mx1.example.net", 1)),
                result("example.org", TLSA_MX1, 2, 0)));

        // WHEN built
        Report report = builder.build(mx1);

        // THEN one tlsa entry per recipient domain, policy-domain = that domain, mx-host = [the host]
        assertThat(report.reportId()).isEqualTo("20261128.mx.mx1.example.net@sender.example");
        assertThat(report.policies()).extracting(r -> r.policy().domain() + " " + r.policy().mxHosts() + " " + r.summary())
                .containsExactly("example.com [mx1.example.net] Summary[successCount=4, failureCount=1]",
                        "example.org [mx1.example.net] Summary[successCount=2, failureCount=0]");
        assertThat(report.policies()).allSatisfy(r -> assertThat(r.policy().strings()).isEqualTo(TLSA_MX1.strings()));
    }

    @Test
    void build_shouldGiveDistinctReportIdsToAHostThatIsBothRecipientDomainAndMxHost() {
        // GIVEN mail.example.net receives mail for itself and is the DANE MX host of example.com
        Policy tlsa = new Policy(PolicyType.TLSA, List.of("3 1 1 AA"), "mail.example.net", null);
        List<TlsResult> day = List.of(
                result("mail.example.net", tlsa, 1, 1, detail(ResultType.TLSA_INVALID, "mail.example.net", 1)),
                result("example.com", tlsa, 1, 1, detail(ResultType.TLSA_INVALID, "mail.example.net", 1)));

        // WHEN both destinations of mail.example.net are built
        List<Report> reports = planner.destinations(DAY, day).stream()
                .filter(d -> d.domain().equals("mail.example.net")).map(builder::build).toList();

        // THEN two reports with two different report-ids (and filenames)
        assertThat(reports).extracting(Report::reportId).containsExactly(
                "20261128.rcpt.mail.example.net@sender.example", "20261128.mx.mail.example.net@sender.example");
        List<String> filenames = planner.destinations(DAY, day).stream()
                .filter(d -> d.domain().equals("mail.example.net")).map(builder::filename).toList();
        assertThat(filenames).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void build_shouldWriteALabelsForIdnDomainsEverywhere() {
        // GIVEN results for a U-label recipient domain
        Destination d = planner.destinations(DAY, typicalDay()).get(2);

        // WHEN built
        Report report = builder.build(d);
        String json = new String(report.toJson(), StandardCharsets.UTF_8);

        // THEN A-labels in report-id, JSON and filename, no U-label anywhere
        assertThat(report.reportId()).isEqualTo("20261128.rcpt.xn--bcher-kva.example@sender.example");
        assertThat(json).contains("\"policy-domain\":\"xn--bcher-kva.example\"")
                .contains("\"receiving-mx-hostname\":\"mx.xn--bcher-kva.example\"").doesNotContain("bücher");
        assertThat(builder.filename(d)).startsWith("sender.example!xn--bcher-kva.example!");
    }

    @Test
    void settings_shouldRequireContactAndFromAtTheSubmitterDomain() {
        assertThatThrownBy(() -> ReportSettings.of("Org", "sender.example", "tlsrpt@elsewhere.example", "a@sender.example"))
                .hasMessageContaining("contactInfo");
        assertThatThrownBy(() -> ReportSettings.of("Org", "sender.example", "tlsrpt@sender.example", "a@elsewhere.example"))
                .hasMessageContaining("fromAddress");
        assertThatThrownBy(() -> ReportSettings.of("Org\r\nBcc: x@y.example", "sender.example", "t@sender.example", "a@sender.example"))
                .hasMessageContaining("control characters");
        assertThat(ReportSettings.of("Org", "Sénder.example", "t@sénder.example", "a@SÉNDER.example").submitterDomain())
                .isEqualTo("xn--snder-bsa.example");
    }
}
