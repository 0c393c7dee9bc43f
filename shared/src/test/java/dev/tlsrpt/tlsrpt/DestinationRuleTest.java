package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.DestinationRule.Action;
import dev.tlsrpt.tlsrpt.DestinationRule.Match;
import org.junit.jupiter.api.Test;

class DestinationRuleTest {

    private static ReportUri uri(String uri) {
        return ReportUri.parse(uri);
    }

    @Test
    void domain_shouldMatchTheDomainAndItsSubdomains_ofAddressesAndHosts() {
        DestinationRule rule = new DestinationRule("agg", 1, Match.DOMAIN, "Aggregator.Example", Action.DISCARD, null, null);

        assertThat(rule.matches(uri("mailto:tls@aggregator.example"))).isTrue();
        assertThat(rule.matches(uri("mailto:tls@eu.aggregator.example"))).isTrue();
        assertThat(rule.matches(uri("https://in.aggregator.example:8443/v1"))).isTrue();
        assertThat(rule.matches(uri("mailto:tls@notaggregator.example"))).isFalse();
    }

    @Test
    void uri_shouldMatchTheSameReportingAddress_inAnyCase() {
        DestinationRule rule = new DestinationRule("one", 1, Match.URI, "mailto:TLS@Example.com", Action.ALLOW, null, null);

        assertThat(rule.pattern()).isEqualTo("mailto:tls@example.com");
        assertThat(rule.matches(uri("mailto:tls@EXAMPLE.com"))).isTrue();
        assertThat(rule.matches(uri("mailto:other@example.com"))).isFalse();
    }

    @Test
    void regex_shouldMatchTheWholeUri() {
        DestinationRule rule = new DestinationRule("rx", 1, Match.REGEX, "https://[^/]*\\.example/.*", Action.DISCARD, null, null);

        assertThat(rule.matches(uri("https://r.example/v1"))).isTrue();
        assertThat(rule.matches(uri("mailto:a@r.example"))).isFalse();
    }

    @Test
    void aRuleThatCannotWork_isRefusedWithTheReason() {
        assertThatThrownBy(() -> new DestinationRule("Bad Id", 1, Match.DOMAIN, "x.example", Action.DISCARD, null, null))
                .hasMessageContaining("rule id");
        assertThatThrownBy(() -> new DestinationRule("r", 1, Match.REGEX, "(", Action.DISCARD, null, null))
                .hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> new DestinationRule("r", 1, Match.DOMAIN, "x.example", Action.REDIRECT, null, null))
                .hasMessageContaining("redirect needs");
        assertThatThrownBy(() -> new DestinationRule("r", 1, Match.DOMAIN, "x.example", Action.ALLOW, "mailto:a@b.example", null))
                .hasMessageContaining("takes no URI");
        assertThatThrownBy(() -> new DestinationRule("r", 1, Match.DOMAIN, "x.example", Action.COPY, "http://a.example/", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DestinationRule("r", 1, Match.DOMAIN, "x.example", Action.DISCARD, null, "a\r\nBcc: x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
