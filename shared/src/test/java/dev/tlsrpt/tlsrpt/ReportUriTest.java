package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportUriTest {

    @ParameterizedTest
    @CsvSource({
            "mailto:tls@Reports.Example, reports.example",
            "mailto:tls@bücher.example, xn--bcher-kva.example",
            "https://Reports.Example/v1/tlsrpt, reports.example",
            "https://reports.example:8443/v1, reports.example",
            "https://[2001:4860::8888]:8443/v1, [2001:4860:0:0:0:0:0:8888]"})
    void reportingDomain_isTheAddressesDomainOrTheUrisHost_withoutPort(String uri, String domain) {
        assertThat(ReportUri.parse(uri).reportingDomain()).isEqualTo(domain);
    }
}
