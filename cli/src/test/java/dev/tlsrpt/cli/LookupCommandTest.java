package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.tlsrpt.Json;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `tlsrpt lookup` against a zone file, as a user runs it. */
class LookupCommandTest {
    private static final String ZONE = zone();

    private static String zone() {
        try {
            return Path.of(LookupCommandTest.class.getResource("/lookup.zone").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run lookup(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "lookup";
        full[1] = "--zone";
        full[2] = ZONE;
        System.arraycopy(args, 0, full, 3, args.length);
        return Cli.run(full);
    }

    @Test
    void lookup_shouldListEveryUriOfAGoodRecord() {
        Run run = lookup("good.example");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("_smtp._tls.good.example.")
                .contains("mailto:tls@good.example").contains("email to tls@good.example")
                .contains("https://r.good.example/tlsrpt").contains("HTTPS POST");
    }

    @Test
    void lookup_shouldKeepTheValidUriNextToAnUnknownSchemeAndSayWhatItIgnored() throws Exception {
        Run run = lookup("mixed.example", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("outcome").textValue()).isEqualTo("found");
        assertThat(json.get("rua")).hasSize(1);
        assertThat(json.get("rua").get(0).get("target").textValue()).isEqualTo("tls@mixed.example");
        assertThat(json.get("ignored").get(0).textValue()).contains("ftp://files.mixed.example/x");
    }

    @Test
    void lookup_shouldJoinTheStringsOfOneRecord() {
        Run run = lookup("split.example");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(2 strings, joined)").contains("email to tlsrpt@split.example");
    }

    @Test
    void lookup_shouldTellNoRecordSeveralRecordsAndDnsFailureApartByExitCode() {
        assertThat(lookup("two.example").exitCode()).isEqualTo(LookupCommand.NO_USABLE_RECORD);
        assertThat(lookup("two.example").out()).contains("2 TLSRPT records");
        assertThat(lookup("other.example").exitCode()).isEqualTo(LookupCommand.NO_USABLE_RECORD);
        assertThat(lookup("other.example").out()).contains("[not a TLSRPT record]");
        assertThat(lookup("nothing.example").exitCode()).isEqualTo(LookupCommand.NO_USABLE_RECORD);
        assertThat(lookup("broken.example").exitCode()).isEqualTo(LookupCommand.TEMPORARY_FAILURE);
        assertThat(lookup("broken.example").out()).contains("retries");
    }

    @Test
    void lookup_shouldAcceptULabels() {
        Run run = lookup("bücher.example");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("_smtp._tls.xn--bcher-kva.example.");
    }

    @Test
    void lookup_shouldRefuseSomethingThatIsNoDomainWithAUsageError() {
        Run run = lookup("not a domain");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a domain name").doesNotContain("Exception");
    }

    @Test
    void printable_shouldEscapeControlCharactersFromDns() {
        assertThat(LookupCommand.printable("a\r\nb\u001b[31m")).isEqualTo("a\\x0d\\x0ab\\x1b[31m");
    }
}
