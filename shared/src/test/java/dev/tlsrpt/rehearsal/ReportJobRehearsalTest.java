package dev.tlsrpt.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportJobRehearsalTest {
    private static final ReportSettings SETTINGS = ReportSettings.of("Rehearsal Test", "sender.example",
            "tlsrpt@sender.example", "tlsrpt-noreply@sender.example");

    @BeforeAll
    static void credentialsAndRegion() {
        Rehearsals.credentialsAndRegion();
    }

    @Test
    void eachJobSendsOneReportThroughEveryClientAndWritesNothingOut() {
        Rehearsals.Run<ReportJobRehearsal.Figures> run = Rehearsals.capturingStdout(() -> ReportJobRehearsal.run(SETTINGS,
                new MessageSigning.Unavailable("no key yet"), SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, 12,
                Duration.ofMinutes(1)));
        ReportJobRehearsal.Figures figures = run.figures();
        assertThat(figures.jobs()).isEqualTo(12);
        // Per job: the results Query, the suppression GetItem, the begin with the claim, the send's record;
        // the report and the message archived, the message sent; the outcomes ten to a PutEvents, then the rest.
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 48, "ses", 12, "s3", 12, "eventbridge", 2));
        assertThat(run.stdout()).as("no EMF metric or other line").isEmpty();
    }

    @Test
    void aPreparedRehearsalRunsAgainAndCountsItsRequestsFromWhenItWasPrepared() {
        // How ReportJobBenchmark uses it: clients and key made once, jobs run ten at a time.
        ReportJobRehearsal rehearsal = ReportJobRehearsal.prepare(SETTINGS, new MessageSigning.Unavailable("none"),
                SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES);
        assertThat(rehearsal.run(10, Duration.ofMinutes(1)).jobs()).isEqualTo(10);
        ReportJobRehearsal.Figures second = rehearsal.run(10, Duration.ofMinutes(1));
        assertThat(second.jobs()).isEqualTo(10);
        assertThat(second.requests()).isEqualTo(Map.of("dynamodb", 80, "ses", 20, "s3", 20, "eventbridge", 2));
    }

    @Test
    void overLoopbackTheSameJobsGoThroughTheUrlConnectionClientAndNothingIsLeftRunning() {
        ReportJobRehearsal.Figures figures = ReportJobRehearsal.runOverLoopback(SETTINGS,
                new MessageSigning.Unavailable("none"), SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, 12,
                Duration.ofMinutes(1));
        assertThat(figures.jobs()).isEqualTo(12);
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 48, "ses", 12, "s3", 12, "eventbridge", 2));
        assertNoThreadLeft("the loopback server's thread, into the snapshot", "rehearsal-loopback", "HTTP-Dispatcher");
    }

    @Test
    void overHttpsEachReportIsPostedOverTlsToAReceiverOfEachKindAndNothingIsLeftRunning() {
        ReportJobRehearsal.Figures figures = ReportJobRehearsal.runOverHttps(SETTINGS,
                new MessageSigning.Unavailable("none"), SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, 7,
                Duration.ofMinutes(1));
        assertThat(figures.jobs()).isEqualTo(7);
        // Per job: the results Query, the begin with the claim, the send's record (no suppression read for a URI);
        // the POST body archived and POSTed; the outcomes flushed once by each receiver's jobs (3, then 4).
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 21, "ses", 0, "s3", 7, "eventbridge", 2, "https", 7));
        assertNoThreadLeft("the receivers' and the poster's threads, into the snapshot", "local-https-receiver",
                "https-report-deadline", "HTTP-Dispatcher");
    }

    private static void assertNoThreadLeft(String what, String... names) {
        assertThat(Thread.getAllStackTraces().keySet()).as(what)
                .noneMatch(thread -> List.of(names).contains(thread.getName()));
    }

    @Test
    void stopsAtItsBudget() {
        ReportJobRehearsal.Figures figures = ReportJobRehearsal.run(SETTINGS, new MessageSigning.Unavailable("none"),
                SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, 1_000_000, Duration.ZERO);
        assertThat(figures.jobs()).isZero();
    }

    @Test
    void aJobThatDoesNotEndSentFailsTheRehearsal() {
        // A record without a rua= is no record: the job ends without a report.
        ReportJobRehearsal rehearsal = new ReportJobRehearsal(SETTINGS, new MessageSigning.Unavailable("none"),
                SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, "v=TLSRPTv1;", Clock.systemUTC());
        assertThatThrownBy(() -> rehearsal.run(1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("instead of sent");
    }
}
