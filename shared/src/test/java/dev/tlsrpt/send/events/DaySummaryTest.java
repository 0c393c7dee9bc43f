package dev.tlsrpt.send.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaySummaryTest {
    private static final Instant RUN = Instant.parse("2026-11-29T01:15:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no TLSRPT record: NXDOMAIN for _smtp._tls.a.example | no TLSRPT record",
            "several TLSRPT records | several TLSRPT records",
            "sent 0, failed 0, skipped 2 | every address suppressed",
            "nothing to report: no failure, or no result that may trigger a report | nothing to report"})
    void skipReason_shouldDropThePerDomainPart(String reason, String expected) {
        assertThat(DaySummary.skipReason(reason)).isEqualTo(expected);
    }

    @Test
    void of_shouldCapTheFailingListAndLongReasons_andTheTextShouldNameThem() {
        // GIVEN a day whose every destination failed, one with a very long reason
        InMemoryLedger ledger = new InMemoryLedger();
        var jobs = WorkerFixtures.jobs(WorkerFixtures.mixedDay());
        for (var job : jobs) {
            ledger.begin(job, RUN);
            ledger.finish(job, Status.FAILED, job.domain().equals("rcpt.example") ? "x".repeat(1000) : "rejected", Set.of(), RUN);
        }

        // WHEN summarised
        DaySummary summary = DaySummary.of(TlsrptFixtures.DAY, WorkerFixtures.stored(WorkerFixtures.mixedDay()), ledger);

        // THEN every destination counts as failed, the list is capped, and no reason runs on
        assertThat(summary.failed()).isEqualTo(jobs.size());
        assertThat(summary.topFailing()).hasSize(Math.min(DaySummary.TOP, jobs.size()))
                .allSatisfy(f -> assertThat(f.reason().length()).isLessThanOrEqualTo(203));
        assertThat(summary.healthy()).isFalse();
        assertThat(summary.toText()).contains("failed        " + jobs.size(), "rcpt.example", "tlsrpt status --day 2026-11-28");
        assertThat(DaySummaryPublisher.subject(summary)).endsWith("- needs a look").doesNotContain("\n");
    }

    @Test
    void aDayAllSent_shouldBeHealthy() {
        InMemoryLedger ledger = new InMemoryLedger();
        for (var job : WorkerFixtures.jobs(WorkerFixtures.mixedDay())) {
            ledger.begin(job, RUN);
            ledger.finish(job, Status.SENT, "sent 1, failed 0, skipped 0", Set.of(), RUN);
        }
        DaySummary summary = DaySummary.of(TlsrptFixtures.DAY, WorkerFixtures.stored(WorkerFixtures.mixedDay()), ledger);

        assertThat(summary.healthy()).isTrue();
        assertThat(summary.topFailing()).isEmpty();
        assertThat(DaySummaryPublisher.subject(summary)).doesNotContain("needs a look");
    }
}
