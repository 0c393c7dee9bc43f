package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest
    @CsvSource({
            "Example.COM, example.com",
            "example.com., example.com",
            "Bücher.Example, xn--bcher-kva.example",
            "xn--bcher-kva.example, xn--bcher-kva.example",
            "_smtp._tls.example.com, _smtp._tls.example.com",
            "localhost, localhost"})
    void toALabel_shouldGiveTheLowerCaseALabelForm(String name, String aLabel) {
        assertThat(DomainNames.toALabel(name)).isEqualTo(aLabel);
    }

    @Test
    void toALabel_shouldAcceptTheLongestNameAndLabel() {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));

        assertThat(DomainNames.toALabel(label63 + ".example")).startsWith(label63);
        assertThat(DomainNames.toALabel(name253)).hasSize(253);
    }

    @Test
    void toALabel_shouldSayWhyANameIsRefused() {
        assertThatThrownBy(() -> DomainNames.toALabel(null)).hasMessage("must be a domain name");
        assertThatThrownBy(() -> DomainNames.toALabel("")).hasMessage("must be a domain name");
        assertThatThrownBy(() -> DomainNames.toALabel("a..example")).hasMessageContaining("labels must have 1 to 63");
        assertThatThrownBy(() -> DomainNames.toALabel("a".repeat(64) + ".example")).hasMessageContaining("labels must have 1 to 63");
        assertThatThrownBy(() -> DomainNames.toALabel(String.join(".", "a".repeat(63), "a".repeat(63), "a".repeat(63), "a".repeat(63))))
                .hasMessageContaining("1 to 253 characters");
        assertThatThrownBy(() -> DomainNames.toALabel("-mx.example")).hasMessageContaining("must not start or end with '-'");
        assertThatThrownBy(() -> DomainNames.toALabel("mx-.example")).hasMessageContaining("must not start or end with '-'");
        assertThatThrownBy(() -> DomainNames.toALabel("exa mple.com")).hasMessageContaining("not allowed: ' '");
    }

    @Test
    void toALabel_shouldShowControlCharactersEscapedNeverRaw() {
        assertThatThrownBy(() -> DomainNames.toALabel("example.com\r\nBcc: x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\u000d").hasMessageNotContaining("\r");
    }

    @Test
    void toALabel_shouldRefuseAnInvalidInternationalisedName() {
        assertThatThrownBy(() -> DomainNames.toALabel("bü\u0000cher.example")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isALabel_shouldBeTrueOnlyForTheCanonicalForm() {
        assertThat(DomainNames.isALabel("xn--bcher-kva.example")).isTrue();
        assertThat(DomainNames.isALabel("Example.com")).isFalse();
        assertThat(DomainNames.isALabel("bücher.example")).isFalse();
        assertThat(DomainNames.isALabel("example.com.")).isFalse();
        assertThat(DomainNames.isALabel("not a name")).isFalse();
    }

    @Test
    void toALabel_shouldTreatALowerCaseName_asItsUpperCaseForm() {
        // GIVEN random names of letters, digits, '-', '_' and dots (upper case always takes the converting path)
        java.util.SplittableRandom random = new java.util.SplittableRandom(1123);
        String alphabet = "abz-_.09";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(1, random.nextInt(10) == 0 ? 300 : 70);
            for (int c = 0; c < length; c++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String lower = name.toString();
            // THEN the lower-case name gives what its upper-case form gives: the same A-label, or the same refusal
            assertThat(outcome(lower)).as(lower).isEqualTo(outcome(lower.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    private static String outcome(String name) {
        try {
            return DomainNames.toALabel(name);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }
}
