package dev.tlsrpt.cli.dashboard;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.send.Ledger.DeliveryState;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import java.time.Instant;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class DashboardDataTest {
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryArchive archive = new InMemoryArchive();
    private final DashboardData data = new DashboardData(new DayOfResults(WorkerFixtures.mixedDay()), ledger,
            new InMemorySuppressionList(), archive, 5000, TlsrptFixtures.CLOCK);

    @Test
    void day_shouldCountEverySessionOnce_thoughMxHostDestinationsShowTheSameCounters() {
        JsonNode day = data.day(DAY);

        // 100+90+10+50+70+3+3+3 successful, 4+1+2+5+3+1+1 failed in WorkerFixtures.mixedDay
        assertThat(day.get("successful").asLong()).isEqualTo(329);
        assertThat(day.get("failed").asLong()).isEqualTo(17);
        assertThat(day.at("/byResultType/tlsa-invalid").asLong()).isEqualTo(6);
        assertThat(day.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void day_shouldListTheMostFailingDomainsAndMxHostsFirst() {
        JsonNode day = data.day(DAY);

        assertThat(day.at("/failingDomains/0/domain").asText()).isEqualTo("rcpt.example");
        assertThat(day.at("/failingDomains/0/failed").asLong()).isEqualTo(7);
        assertThat(StreamSupport.stream(day.get("failingDomains").spliterator(), false).map(d -> d.get("domain").asText()))
                .doesNotContain("quiet.example");
        assertThat(day.at("/failingMxHosts/0/mxHost").asText()).isEqualTo("mx.hosting.example");
        assertThat(day.at("/failingMxHosts/0/failed").asLong()).isEqualTo(10);
        assertThat(day.at("/failingMxHosts/0/recipientDomains")).extracting(JsonNode::asText)
                .containsExactly("other.example", "rcpt.example");
    }

    @Test
    void day_shouldLinkOnlyWhatTheArchiveHolds() {
        DestinationKey rcpt = WorkerFixtures.recipientDomain("rcpt.example");
        Instant now = Instant.parse("2026-11-29T01:00:00Z");
        ledger.begin(rcpt, now);
        ledger.claim(rcpt, "mailto:tls@rcpt.example", now);
        ledger.complete(rcpt, "mailto:tls@rcpt.example", DeliveryState.SENT, null, "m-1", now);
        ledger.claim(rcpt, "https://reports.rcpt.example/tlsrpt", now);
        ledger.complete(rcpt, "https://reports.rcpt.example/tlsrpt", DeliveryState.SENT, null, null, now);
        ledger.finish(rcpt, Status.SENT, "sent 2", Set.of(), now);
        archive.put(ArchiveKeys.message(rcpt, "mailto:tls@rcpt.example"), "raw".getBytes(), "message/rfc822");

        JsonNode report = StreamSupport.stream(data.day(DAY).get("reports").spliterator(), false)
                .filter(r -> r.get("domain").asText().equals("rcpt.example") && r.get("kind").asText().equals("rcpt"))
                .findFirst().orElseThrow();

        assertThat(report.get("state").asText()).isEqualTo("sent");
        // The report is read out of the one sent copy on file.
        assertThat(report.get("report").asText()).isEqualTo(ArchiveKeys.message(rcpt, "mailto:tls@rcpt.example"));
        assertThat(report.get("deliveries")).hasSize(2).anySatisfy(d -> {
            assertThat(d.get("target").asText()).isEqualTo("mailto:tls@rcpt.example");
            assertThat(d.get("archived").asText()).isEqualTo(ArchiveKeys.message(rcpt, "mailto:tls@rcpt.example"));
        }).anySatisfy(d -> {
            assertThat(d.get("target").asText()).startsWith("https://");
            assertThat(d.has("archived")).isFalse();
        });
    }

    @Test
    void summary_shouldHaveOneEntryPerDayEndingWithTheLastDay() {
        JsonNode summary = data.summary(DAY.plusDays(2), 30);

        assertThat(summary.get("days")).hasSize(30);
        assertThat(summary.at("/days/29/day").asText()).isEqualTo(DAY.plusDays(2).toString());
        assertThat(summary.at("/days/27/failed").asLong()).isEqualTo(17);
        assertThat(summary.at("/days/28/failed").asLong()).isZero();
        assertThat(data.latestDayWithResults(DAY.plusDays(2), 30)).isEqualTo(DAY);
    }
}
