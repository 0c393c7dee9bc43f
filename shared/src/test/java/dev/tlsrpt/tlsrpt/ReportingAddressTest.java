package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportingAddressTest {

    @Test
    void parse_shouldKeepTheLocalPartAsPublishedAndLowerCaseTheDomain() {
        assertThat(ReportingAddress.parse("  TLS.Reports@Example.NET ").address()).isEqualTo("TLS.Reports@example.net");
    }

    @Test
    void identity_shouldIgnoreTheCaseOfTheLocalPart() {
        ReportingAddress upper = ReportingAddress.parse("TLS@Example.com");
        ReportingAddress lower = ReportingAddress.parse("tls@example.com");

        assertThat(upper.identity()).isEqualTo(lower.identity()).isEqualTo("tls@example.com");
        assertThat(upper.target()).isEqualTo("mailto:tls@example.com");
    }

    @Test
    void identity_shouldBeTheSameForAULabelAndItsALabel() {
        assertThat(ReportingAddress.parse("tlsrpt@Bücher.Example").identity())
                .isEqualTo(ReportingAddress.parse("tlsrpt@xn--bcher-kva.example").identity())
                .isEqualTo("tlsrpt@xn--bcher-kva.example");
    }

    @Test
    void of_shouldTakeThePercentDecodedAddressOfAMailtoUri() {
        ReportingAddress address = ReportingAddress.of(ReportUri.parse("mailto:TLS%2Breports@Example.com"));

        assertThat(address.address()).isEqualTo("TLS+reports@example.com");
        assertThat(address.identity()).isEqualTo("tls+reports@example.com");
        assertThat(address.domain()).isEqualTo("example.com");
    }

    @Test
    void mailtoUrisThatDifferInCase_shouldHaveOneLedgerKey() {
        assertThat(ReportUri.parse("mailto:A@x.example").normalised())
                .isEqualTo(ReportUri.parse("mailto:a@X.example").normalised())
                .isEqualTo(ReportingAddress.parse("a@x.example").target());
    }

    @Test
    void of_shouldRefuseAnHttpsUri() {
        assertThatThrownBy(() -> ReportingAddress.of(ReportUri.parse("https://r.example/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a mailto URI");
    }

    @Test
    void parse_shouldSayWhatIsWrongAndQuoteTheInputSafely() {
        assertThatThrownBy(() -> ReportingAddress.parse("reports.example.com"))
                .hasMessage("not an email address (local-part@domain): reports.example.com");
        assertThatThrownBy(() -> ReportingAddress.parse("a\nb@example.com")).hasMessageEndingWith(": a\\u000ab@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "example.com", "@example.com", "tlsrpt@", "tls rpt@example.com",
            "tlsrpt@exa mple.com", "tlsrpt@-example.com", "a<b@example.com", "\"a@b\"@example.org", "a\r\nb@example.com"})
    void parse_shouldRefuseWhatIsNotAPlainAddress(String bad) {
        assertThat(ReportingAddress.isValid(bad)).isFalse();
        assertThatThrownBy(() -> ReportingAddress.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }
}
