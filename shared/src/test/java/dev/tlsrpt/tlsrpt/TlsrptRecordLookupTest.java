package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.TlsrptFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups against the test zone (src/test/resources/dns/test.zone) through the zone-file resolver. */
class TlsrptRecordLookupTest {
    private final TlsrptRecordLookup discovery = new TlsrptRecordLookup(TlsrptFixtures.zone());

    @Test
    void lookup_shouldFindSingleRecord() {
        assertThat(discovery.lookup("example.com")).isInstanceOfSatisfying(TlsrptLookupResult.Found.class,
                found -> assertThat(found.record().rua()).extracting(ReportUri::toString).containsExactly("mailto:a@b.example"));
    }

    @Test
    void lookup_shouldJoinStringsOfOneRecordWithoutSpaces() {
        // GIVEN "v=TLSRPTv1; rua=mailto:tls" "rpt@split.example"
        assertThat(discovery.lookup("split.example")).isInstanceOfSatisfying(TlsrptLookupResult.Found.class,
                found -> assertThat(found.record().rua()).extracting(ReportUri::target).containsExactly("tlsrpt@split.example"));
    }

    @Test
    void lookup_shouldReportSeveralRecordsAsSuch() {
        assertThat(discovery.lookup("two.example")).isInstanceOfSatisfying(TlsrptLookupResult.SeveralRecords.class,
                several -> assertThat(several.records()).hasSize(2));
    }

    @Test
    void lookup_shouldNotCountABareVersionAsASecondRecord() {
        // GIVEN a TXT record that is exactly "v=TLSRPTv1" beside a valid record
        TxtResolver resolver = name -> new TxtAnswer.Records(List.of(List.of("v=TLSRPTv1"),
                List.of("v=TLSRPTv1; rua=mailto:tlsrpt@bare.example")));

        // THEN the valid record is the domain's record (RFC 8460 section 3: a record holds a field)
        assertThat(new TlsrptRecordLookup(resolver).lookup("bare.example")).isInstanceOfSatisfying(TlsrptLookupResult.Found.class,
                found -> assertThat(found.record().rua()).extracting(ReportUri::toString)
                        .containsExactly("mailto:tlsrpt@bare.example"));
    }

    @Test
    void lookup_shouldIgnoreOtherTxtRecords() {
        assertThat(discovery.lookup("mixed.example")).isInstanceOf(TlsrptLookupResult.Found.class);
        assertThat(discovery.lookup("other.example")).isInstanceOf(TlsrptLookupResult.NoRecord.class);
        assertThat(discovery.lookup("v10.example")).isInstanceOf(TlsrptLookupResult.NoRecord.class);
    }

    @Test
    void lookup_shouldTreatRecordWithoutRuaAsNoRecord() {
        assertThat(discovery.lookup("norua.example")).isInstanceOfSatisfying(TlsrptLookupResult.NoRecord.class,
                none -> assertThat(none.reason()).contains("without rua"));
    }

    @Test
    void lookup_shouldTellServfailFromNxdomainFromNoData() {
        // SERVFAIL: temporary, keep the data
        assertThat(discovery.lookup("broken.example")).isInstanceOf(TlsrptLookupResult.TemporaryFailure.class);
        // NXDOMAIN and NODATA: permanent
        assertThat(discovery.lookup("nowhere.example")).isInstanceOfSatisfying(TlsrptLookupResult.NoRecord.class,
                none -> assertThat(none.reason()).contains("NXDOMAIN"));
        assertThat(discovery.lookup("nodata.example")).isInstanceOfSatisfying(TlsrptLookupResult.NoRecord.class,
                none -> assertThat(none.reason()).contains("no TXT record"));
    }

    @Test
    void lookup_shouldQueryALabels() {
        assertThat(TlsrptRecordLookup.recordName("Bücher.example")).isEqualTo("_smtp._tls.xn--bcher-kva.example.");
        assertThat(discovery.lookup("bücher.example")).isInstanceOf(TlsrptLookupResult.Found.class);
    }
}
