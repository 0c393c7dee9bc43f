package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Bad arguments are refused before any AWS request: a clear message, exit code 2, no stack trace. */
class SuppressCommandTest {

    @Test
    void add_withoutAnAddress_saysWhatIsMissing() {
        CommandRun run = CommandRun.of("suppress", "add");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'ADDRESS'");
        assertNoStackTrace(run);
    }

    @Test
    void add_ofSomethingThatIsNotAnAddress_isRefused() {
        CommandRun run = CommandRun.of("suppress", "add", "reports.example.com");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ADDRESS: not an email address (local-part@domain): reports.example.com");
        assertNoStackTrace(run);
    }

    @Test
    void add_withUntilAndFor_isRefused() {
        CommandRun run = CommandRun.of("suppress", "add", "r@example.com", "--until", "2099-01-01", "--for", "3d");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void add_withAnEndInThePast_isRefused() {
        CommandRun run = CommandRun.of("suppress", "add", "r@example.com", "--until", "2020-01-01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the end of the suppression must be in the future: 2020-01-01T00:00:00Z");
        assertNoStackTrace(run);
    }

    @Test
    void badDurationOrDate_isRefusedWithTheAcceptedForms() {
        CommandRun duration = CommandRun.of("suppress", "add", "r@example.com", "--for", "3 months");
        CommandRun date = CommandRun.of("suppress", "extend", "r@example.com", "--until", "01/06/2027");

        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.err()).contains("'3 months' is not a positive duration such as 30d, 12h, 2w or P30D");
        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).contains("'01/06/2027' is not a date (2027-06-01) or an instant (2027-06-01T12:00:00Z)");
    }

    @Test
    void extend_needsANewEnd() {
        CommandRun run = CommandRun.of("suppress", "extend", "r@example.com");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--until=DATE | --for=DURATION | --permanent");
    }

    @Test
    void help_listsTheSubcommands() {
        CommandRun run = CommandRun.of("suppress", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("add", "list", "extend", "remove");
    }

    @Test
    void durationConverter_readsShortAndIsoForms() {
        var converter = new SuppressCommand.DurationConverter();

        assertThat(converter.convert("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(converter.convert("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(converter.convert("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(converter.convert("P30D")).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> converter.convert("0d")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("-P1D")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void instantConverter_readsADateAsTheStartOfThatUtcDay() {
        var converter = new SuppressCommand.InstantConverter();

        assertThat(converter.convert("2027-06-01")).isEqualTo(Instant.parse("2027-06-01T00:00:00Z"));
        assertThat(converter.convert("2027-06-01T12:30:00Z")).isEqualTo(Instant.parse("2027-06-01T12:30:00Z"));
    }

    static void assertNoStackTrace(CommandRun run) {
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
