package dev.tlsrpt.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportingAddressesTest {

    @Test
    void normalise_lowerCasesTheDomain_andKeepsTheLocalPart() {
        assertThat(ReportingAddresses.normalise("  TLS.Reports@Example.NET ")).isEqualTo("TLS.Reports@example.net");
    }

    @Test
    void normalise_turnsUnicodeDomainsIntoALabels() {
        assertThat(ReportingAddresses.normalise("tlsrpt@Bücher.Example")).isEqualTo("tlsrpt@xn--bcher-kva.example");
        assertThat(ReportingAddresses.normalise("tlsrpt@xn--bcher-kva.example")).isEqualTo("tlsrpt@xn--bcher-kva.example");
    }

    @Test
    void normalise_splitsAtTheLastAt() {
        assertThat(ReportingAddresses.normalise("\"a@b\"@Example.org")).isEqualTo("\"a@b\"@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "example.com", "@example.com", "tlsrpt@", "tls rpt@example.com",
            "tlsrpt@exa mple.com", "tlsrpt@-example.com", "a<b@example.com"})
    void normalise_rejectsWhatIsNotAnAddress(String bad) {
        assertThatThrownBy(() -> ReportingAddresses.normalise(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void normalise_saysWhatIsWrong() {
        assertThatThrownBy(() -> ReportingAddresses.normalise("reports.example.com"))
                .hasMessage("not an email address (local-part@domain): reports.example.com");
        assertThatThrownBy(() -> ReportingAddresses.normalise("r@exa_mple..com"))
                .hasMessageStartingWith("bad domain in r@exa_mple..com: ");
    }
}
