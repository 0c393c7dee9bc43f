package dev.tlsrpt.tlsrpt;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static dev.tlsrpt.testing.TlsrptFixtures.SETTINGS;
import static dev.tlsrpt.testing.TlsrptFixtures.detail;
import static dev.tlsrpt.testing.TlsrptFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportPartsTest {
    private static final long BOUND = ReportBuilder.MIN_MAX_REPORT_BYTES;

    /** An MX host serving many recipient domains, each with its own DANE record: one policy per domain. */
    static Destination largeMxHost(int domains) {
        Random random = new Random(42);
        List<TlsResult> results = new ArrayList<>();
        for (int i = 0; i < domains; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            Policy tlsa = new Policy(PolicyType.TLSA, List.of("3 1 1 " + HexFormat.of().formatHex(hash)), "mx.hosting.example", null);
            results.add(result("d" + i + ".example", tlsa, 10 + i, i % 3,
                    detail(ResultType.TLSA_INVALID, "mx.hosting.example", i % 3)));
        }
        return new Destination(DAY, DestinationKind.MX_HOST, "mx.hosting.example", results);
    }

    @Test
    void aReportThatFits_isSentWhole_underItsOwnId() {
        Report report = new ReportBuilder(SETTINGS).build(largeMxHost(3));

        assertThat(ReportParts.split(report, BOUND)).singleElement().satisfies(part -> {
            assertThat(part.report()).isEqualTo(report);
            assertThat(part.gzip()).isEqualTo(report.toGzip());
        });
    }

    @Test
    void aLargeReport_isSplitIntoPartsThatEachFit_andTogetherHoldEveryCount() {
        ReportBuilder builder = new ReportBuilder(SETTINGS, BOUND);
        Report whole = builder.build(largeMxHost(2_000));
        assertThat(whole.toGzip().length).isGreaterThan((int) BOUND);

        List<ReportParts.Part> built = builder.buildParts(largeMxHost(2_000));
        List<Report> parts = built.stream().map(ReportParts.Part::report).toList();

        // each part is measured as it is sent: its gzip is the gzip of the report with its own id
        assertThat(built).allSatisfy(p -> assertThat(p.gzip()).isEqualTo(p.report().toGzip()));
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.toGzip().length).isLessThanOrEqualTo((int) BOUND));
        assertThat(parts.stream().flatMap(p -> p.policies().stream()).toList()).containsExactlyElementsOf(whole.policies());
        assertThat(parts).extracting(Report::reportId).doesNotHaveDuplicates()
                .startsWith(whole.reportId(), "20261128.mx.mx.hosting.example+2@sender.example");
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.dateRange()).isEqualTo(whole.dateRange());
            assertThat(ReportParts.wholeId(p.reportId())).isEqualTo(whole.reportId());
        });
        assertThat(parts).extracting(p -> ReportParts.partOf(p.reportId()))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, parts.size()).boxed().toList());
    }

    @Test
    void aPartsDeliveryTarget_namesItsTargetAndPart() {
        assertThat(ReportParts.target("mailto:tls@example.com", 1)).isEqualTo("mailto:tls@example.com");
        assertThat(ReportParts.target("mailto:tls@example.com", 3)).isEqualTo("mailto:tls@example.com part 3");
        assertThat(ReportParts.parseTarget("https://r.example/v1 part 12"))
                .isEqualTo(new ReportParts.PartTarget("https://r.example/v1", 12));
        assertThat(ReportParts.parseTarget("https://r.example/v1")).isEqualTo(new ReportParts.PartTarget("https://r.example/v1", 1));
    }

    @Test
    void aPartsFilename_keepsTheUniqueIdLettersAndDigits() {
        Destination mx = largeMxHost(1);

        assertThat(new ReportBuilder(SETTINGS).filename(mx, 1)).endsWith("!mx.json.gz");
        assertThat(new ReportBuilder(SETTINGS).filename(mx, 2)).endsWith("!mx2.json.gz").matches("[^!]+![^!]+!\\d+!\\d+![a-z0-9]+\\.json\\.gz");
    }
}
