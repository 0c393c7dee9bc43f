package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @Test
    void normalise_shouldKeepTheLocalPartAndGiveTheDomainInALabels() {
        assertThat(Addresses.normalise("TLS.Reports@Example.NET")).isEqualTo("TLS.Reports@example.net");
        assertThat(Addresses.normalise("tlsrpt@Bücher.example")).isEqualTo("tlsrpt@xn--bcher-kva.example");
    }

    @Test
    void normalise_shouldAcceptEveryAtextCharacter() {
        String atext = "a!#$%&'*+-/=?^_`{|}~.Z9";

        assertThat(Addresses.normalise(atext + "@example.com")).isEqualTo(atext + "@example.com");
    }

    @Test
    void normalise_shouldAcceptALocalPartOf64AndNotMore() {
        assertThat(Addresses.normalise("a".repeat(64) + "@example.com")).startsWith("a".repeat(64) + "@");
        assertThatThrownBy(() -> Addresses.normalise("a".repeat(65) + "@example.com"))
                .hasMessage("local part longer than 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"quoted\"@example.com", "Name <a@example.com>", "a b@example.com", "a,b@example.com",
            "ü@example.com", "a@b@example.com"})
    void normalise_shouldRefuseWhatIsNotADotAtomLocalPart(String address) {
        assertThatThrownBy(() -> Addresses.normalise(address)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {".a@example.com", "a.@example.com", "a..b@example.com"})
    void normalise_shouldRefuseDotsThatADotAtomDoesNotAllow(String address) {
        assertThatThrownBy(() -> Addresses.normalise(address)).hasMessage("local part must be a dot-atom");
    }

    @Test
    void normalise_shouldRefuseHeaderInjection() {
        assertThatThrownBy(() -> Addresses.normalise("a@example.com\r\nBcc: victim@example.org"))
                .hasMessageContaining("control characters");
    }

    @Test
    void normalise_shouldSayWhatIsMissing() {
        assertThatThrownBy(() -> Addresses.normalise(null)).hasMessage("address is missing");
        assertThatThrownBy(() -> Addresses.normalise("example.com")).hasMessage("not an email address (local-part@domain)");
        assertThatThrownBy(() -> Addresses.normalise("@example.com")).hasMessage("not an email address (local-part@domain)");
        assertThatThrownBy(() -> Addresses.normalise("a@")).hasMessage("not an email address (local-part@domain)");
    }

    @Test
    void domainOf_shouldGiveTheLowerCaseDomain() {
        assertThat(Addresses.domainOf("TLS@Example.COM")).isEqualTo("example.com");
        assertThat(Addresses.domainOf(Addresses.normalise("a@Bücher.example"))).isEqualTo("xn--bcher-kva.example");
    }
}
