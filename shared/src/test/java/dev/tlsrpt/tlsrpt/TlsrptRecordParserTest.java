package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlsrptRecordParserTest {

    @Test
    void parse_shouldReadMinimalRecord() {
        TlsrptRecord record = TlsrptRecordParser.parse("v=TLSRPTv1;rua=mailto:a@b.example");
        assertThat(record.rua()).containsExactly(new ReportUri(ReportUri.Scheme.MAILTO, "a@b.example"));
        assertThat(record.ignored()).isEmpty();
    }

    @Test
    void parse_shouldKeepAllUrisWhenSpaceFollowsComma() {
        // GIVEN whitespace after the comma (a peer bug drops every destination here)
        TlsrptRecord record = TlsrptRecordParser.parse("v=TLSRPTv1; rua=mailto:a@x.example, https://r.example/p");

        // THEN both URIs
        assertThat(record.rua()).extracting(ReportUri::toString)
                .containsExactly("mailto:a@x.example", "https://r.example/p");
    }

    @Test
    void parse_shouldAcceptWhitespaceAroundSeparators() {
        TlsrptRecord record = TlsrptRecordParser.parse("v=TLSRPTv1 ;  rua = mailto:a@x.example ,\thttps://r.example/p ; ");
        assertThat(record.rua()).hasSize(2);
    }

    @Test
    void isTlsrptRecord_shouldRejectOtherVersions() {
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv10; rua=mailto:a@b.example")).isFalse();
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv1x;rua=mailto:a@b.example")).isFalse();
        assertThat(TlsrptRecordParser.isTlsrptRecord(" v=TLSRPTv1;rua=mailto:a@b.example")).isFalse();
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv1 ;rua=mailto:a@b.example")).isTrue();
        assertThatThrownBy(() -> TlsrptRecordParser.parse("v=TLSRPTv10; rua=mailto:a@b.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_shouldRejectRecordWithoutRua() {
        assertThatThrownBy(() -> TlsrptRecordParser.parse("v=TLSRPTv1; ruf=mailto:a@b.example"))
                .hasMessageContaining("without rua");
        assertThatThrownBy(() -> TlsrptRecordParser.parse("v=TLSRPTv1; x=1"))
                .hasMessageContaining("without rua");
    }

    @Test
    void isTlsrptRecord_shouldRequireAtLeastOneField() {
        // RFC 8460 section 3: tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv1")).isFalse();
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv1;")).isFalse();
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv1 ; ;\t")).isFalse();
        assertThat(TlsrptRecordParser.isTlsrptRecord("v=TLSRPTv1;x=1")).isTrue();
        assertThatThrownBy(() -> TlsrptRecordParser.parse("v=TLSRPTv1;"))
                .hasMessageContaining("not a TLSRPT record");
    }

    @Test
    void parse_shouldUseTheUrisOfEveryRuaField() {
        // GIVEN two rua fields in one record (mox uses both)
        TlsrptRecord record = TlsrptRecordParser.parse(
                "v=TLSRPTv1; rua=mailto:a@x.example; rua=https://r.example/p, mailto:a@x.example,ftp://x.example/");

        // THEN the URIs of both, in record order, each once; the unusable one reported
        assertThat(record.rua()).extracting(ReportUri::toString)
                .containsExactly("mailto:a@x.example", "https://r.example/p");
        assertThat(record.ignored()).singleElement().asString().contains("unsupported scheme 'ftp'");
    }

    @Test
    void parse_shouldIgnoreAUriWithAPortOutOfRangeAndKeepTheNextOnes() {
        // GIVEN a port no connection can use before valid URIs
        TlsrptRecord record = TlsrptRecordParser.parse(
                "v=TLSRPTv1; rua=https://r.example:65536/,https://r.example:0/,https://r.example:8443/p,mailto:a@x.example");

        // THEN it is ignored at parse, with its reason, and the later URIs are kept
        assertThat(record.rua()).extracting(ReportUri::toString)
                .containsExactly("https://r.example:8443/p", "mailto:a@x.example");
        assertThat(record.ignored()).hasSize(2).allSatisfy(reason -> assertThat(reason).contains("port must be 1 to 65535"));
        assertThat(ReportUri.parse("https://r.example:65535/").uri()).isEqualTo("https://r.example:65535/");
    }

    @Test
    void reportUri_shouldAcceptPublicIpv6LiteralAndRefuseTheRest() {
        assertThat(ReportUri.parse("https://[2A00:1450:4001:0809::200E]:8443/tlsrpt").uri())
                .isEqualTo("https://[2a00:1450:4001:809:0:0:0:200e]:8443/tlsrpt");
        assertThat(ReportUri.parse("https://[2a00:1450:4001:809:0:0:0:200e]/").normalised())
                .isEqualTo(ReportUri.parse("https://[2a00:1450:4001:809::200e]:443/").normalised());
        for (String refused : new String[] {"https://[::1]/", "https://[fe80::1]/", "https://[fd00::1]/",
                "https://[::ffff:10.0.0.1]/", "https://[::]/", "https://[ff02::1]/", "https://[fe80::1%25eth0]/",
                "https://[v1.x]/"}) {
            assertThatThrownBy(() -> ReportUri.parse(refused)).as(refused).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void parse_shouldNotSplitHttpsUriAtEncodedComma() {
        // GIVEN an https URI with a percent-encoded comma (RFC 8460 section 3)
        TlsrptRecord record = TlsrptRecordParser.parse("v=TLSRPTv1; rua=https://r.example/a%2Cb?x=1%21, mailto:t@r.example");

        // THEN it stays one URI, still encoded, next to the mailto
        assertThat(record.rua()).extracting(ReportUri::toString)
                .containsExactly("https://r.example/a%2Cb?x=1%21", "mailto:t@r.example");
    }

    @Test
    void parse_shouldDecodePercentEncodedMailto() {
        TlsrptRecord record = TlsrptRecordParser.parse("v=TLSRPTv1; rua=mailto:tls%21rpt@B%C3%BCcher.example");
        assertThat(record.rua()).extracting(ReportUri::target).containsExactly("tls!rpt@xn--bcher-kva.example");
    }

    @Test
    void parse_shouldKeepValidUriNextToUnknownScheme() {
        // GIVEN an unknown scheme and a broken address next to a valid URI
        TlsrptRecord record = TlsrptRecordParser.parse(
                "v=TLSRPTv1; rua=ftp://r.example/x,mailto:not an address,mailto:ok@r.example");

        // THEN the valid URI is kept; the others are reported as ignored
        assertThat(record.rua()).extracting(ReportUri::toString).containsExactly("mailto:ok@r.example");
        assertThat(record.ignored()).hasSize(2).first().asString().contains("unsupported scheme 'ftp'");
    }

    @Test
    void parse_shouldIgnoreUnknownExtensionFields() {
        TlsrptRecord record = TlsrptRecordParser.parse("v=TLSRPTv1; ext_1 = some-value; rua=mailto:a@b.example; future.x=1");
        assertThat(record.rua()).hasSize(1);
    }

    @Test
    void parse_shouldRejectRecordWhenNoUriIsUsable() {
        assertThatThrownBy(() -> TlsrptRecordParser.parse("v=TLSRPTv1; rua=http://r.example/plain"))
                .hasMessageContaining("no usable rua URI");
    }

    @Test
    void reportUri_shouldRefuseHeaderInjectionAndUrlTricks() {
        assertThatThrownBy(() -> ReportUri.parse("mailto:a@b.example%0D%0ABcc:x@y.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportUri.parse("mailto:a@b.example?subject=hi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportUri.parse("https://user:pw@r.example/p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportUri.parse("https:///nohost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportUri_shouldNormaliseForComparison() {
        assertThat(ReportUri.parse("HTTPS://R.Example:443/p").normalised()).isEqualTo("https://r.example/p");
        assertThat(ReportUri.parse("mailto:TLS@Example.NET").normalised()).isEqualTo("mailto:tls@example.net");
    }
}
